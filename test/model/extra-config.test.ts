import { describe, expect, it } from 'vitest';
import { modelOf } from '../helpers/model.js';

describe('extraConfigFiles', () => {
  it('reads -config=<path> and -config <path> (one or two dashes, quoted) with the mount each comes from', async () => {
    const model = await modelOf(`
      server:
        extraArgs: "-log-level=debug --config /vault/userconfig/extra/seal.hcl -config='/vault/config/extraconfig-from-values.hcl' -config=/etc/vault/x.hcl"
        extraVolumes:
          - type: secret
            name: extra
    `);
    expect(model.extraConfigFiles.map((file) => [file.path, file.source, file.mount?.path])).toEqual([
      ['/vault/userconfig/extra/seal.hcl', 'mounted', '/vault/userconfig/extra'],
      ['/vault/config/extraconfig-from-values.hcl', 'chart', undefined],
      ['/etc/vault/x.hcl', 'unmounted', undefined],
    ]);
    expect(model.configFullyVisible).toBe(false);
  });

  it("counts the chart's own config mount as visible, and other flags as nothing", async () => {
    const own = await modelOf(`
      server:
        extraArgs: "-config=/vault/config -log-format=json"
    `);
    expect(own.extraConfigFiles.map((file) => file.source)).toEqual(['chart']);
    expect(own.configFullyVisible).toBe(true);
    const none = await modelOf(`
      server:
        extraArgs: "-log-level=trace"
    `);
    expect(none.extraConfigFiles).toEqual([]);
    expect(none.configFullyVisible).toBe(true);
  });
});
