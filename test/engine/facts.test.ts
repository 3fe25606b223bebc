import { describe, expect, it } from 'vitest';
import { resolveRules } from '../../src/engine/config.js';
import { defineRule } from '../../src/engine/rule.js';
import { runRules } from '../../src/engine/run.js';
import { raftSwitchOn, tlsListeners } from '../../src/model/facts/switches.js';
import type { ChartRelease } from '../../src/model/chart/release.js';
import { modelOf } from '../helpers/model.js';

describe('context.fact', () => {
  it('computes a fact once per release, however many rules read it', async () => {
    const model = await modelOf('server:\n  ha:\n    enabled: true\n');
    let calls = 0;
    const counted = (release: ChartRelease): boolean => {
      calls++;
      return raftSwitchOn(release);
    };
    const seen: boolean[] = [];
    const reader = (id: string) =>
      defineRule({
        id,
        meta: { description: 'reads a fact', severity: 'info', tags: [], guide: 'none', messages: {} },
        check(context) {
          seen.push(context.fact(counted));
        },
      });
    runRules(model, resolveRules([reader('first-reader'), reader('second-reader')], 'recommended'));
    expect(seen).toEqual([false, false]);
    expect(calls).toBe(1);
  });

  it('reads TLS from each listener as Vault does: tls_disable absent or false serves TLS', async () => {
    const model = await modelOf(`
      server:
        standalone:
          config: |
            listener "tcp" {
              address = ":8200"
            }
            listener "tcp" {
              address = ":8300"
              tls_disable = "1"
            }
            listener "tcp" {
              address = ":8400"
              tls_disable = "false"
            }
    `);
    expect(tlsListeners(model).map((listener) => listener.body.attr('address')?.value)).toEqual([':8200', ':8400']);
  });
});
