/** `render` on values with more lines than a call takes arguments: no spread, so no stack overflow. */
import { describe, expect, it } from 'vitest';
import { formatRendering } from '../../src/cli/render.js';
import { buildModel } from '../../src/engine/lint.js';
import { renderRelease, type Rendering } from '../../src/model/render.js';

describe('render with about 130,000 keys', () => {
  it('renders a list item holding a list of 130,000 items (model/render.ts)', async () => {
    const items = 130_000;
    const text = `server:\n  extraVolumes: [[${Array.from({ length: items }, (_, i) => i).join(',')}]]\n`;
    const model = await buildModel({ layers: [{ kind: 'file', label: 'big.yaml', text }] });
    const rendering = renderRelease(model, { showDeleted: false });
    const body = rendering.values.map((line) => line.text.trim()).filter((line) => /^(- )?- \d+$/.test(line));
    expect(body).toHaveLength(items);
    expect(body[0]).toBe('- - 0');
  }, 60_000);

  it('prints 200,000 lines with their origins (cli/render.ts)', () => {
    const lines = Array.from({ length: 200_000 }, (_, i) => ({ text: `k${i}: ${i}`, origin: 'chart default' as const }));
    const rendering = { header: [], values: lines, config: { lines: lines.slice(0, 10), fails: false }, notes: [] } as unknown as Rendering;
    const out = formatRendering(rendering, true).split('\n');
    expect(out).toContain('chart default  k199999: 199999');
  });
});
