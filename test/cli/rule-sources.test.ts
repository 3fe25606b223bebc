import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { defineRule } from '../../src/engine/index.js';
import type { RuleSourceContext } from '../../src/cli/rule-sources.js';
import { runCli, tempDir } from '../helpers/cli.js';

// A config key that adds rules, standing in for `policies:`: each entry `<id>: <values path>`
// becomes a rule reporting that path when the release sets it.
vi.mock('../../src/cli/rule-sources.js', () => ({
  RULE_SOURCES: {
    policies: async (source: RuleSourceContext) => {
      if (source.node.kind !== 'map') throw source.problem(source.node, ['policies'], 'expected a mapping');
      return source.node.pairs.map(({ key, value }) => {
        const id = String(key.value);
        const path = value.kind === 'scalar' ? String(value.value) : '';
        return defineRule({
          id,
          meta: {
            description: `Test rule ${id}`,
            severity: 'warning',
            tags: ['security'],
            guide: 'Organisation policy',
            messages: { set: '{{path}} is set' },
          },
          check(context) {
            const node = context.model.values.get(path.split('.'));
            if (node) context.report({ node, messageId: 'set', data: { path } });
          },
        });
      });
    },
  },
}));

function repository(config: string, values = 'server:\n  image:\n    tag: "1.16.1"\n'): string {
  const dir = tempDir();
  mkdirSync(join(dir, '.git'));
  writeFileSync(join(dir, '.vault-lint.yaml'), config);
  writeFileSync(join(dir, 'values.yaml'), values);
  return dir;
}

const rulesOf = (stdout: string): string[] =>
  (JSON.parse(stdout) as { results: { findings: { ruleId: string }[] }[] }).results.flatMap((file) =>
    file.findings.map((finding) => finding.ruleId),
  );

describe('rules a config file adds', () => {
  it('run with the built-in rules, under the id the config gives them', async () => {
    const dir = repository('policies:\n  acme/tag: server.image.tag\n');
    const run = await runCli(['values.yaml', '-o', 'json'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(rulesOf(run.stdout)).toContain('acme/tag');
    expect(rulesOf(run.stdout)).toContain('cluster-name');
  });

  it('take severities from rules: and are suppressed by id', async () => {
    const off = await runCli(['values.yaml', '-o', 'json'], {
      cwd: repository('policies:\n  acme/tag: server.image.tag\nrules:\n  acme/tag: off\n'),
    });
    expect(off.code).not.toBe(2);
    expect(rulesOf(off.stdout)).not.toContain('acme/tag');
    const suppressed = await runCli(['values.yaml', '-o', 'json'], {
      cwd: repository(
        'policies:\n  acme/tag: server.image.tag\n',
        'server:\n  image:\n    tag: "1.16.1" # vault-lint-disable-line acme/tag -- pinned on purpose\n',
      ),
    });
    expect(rulesOf(suppressed.stdout)).not.toContain('acme/tag');
    expect(suppressed.stdout).not.toContain('unknownRule');
  });

  it('are inherited through extends', async () => {
    const dir = repository('extends: base.yaml\nrules:\n  acme/tag: error\n');
    writeFileSync(join(dir, 'base.yaml'), 'policies:\n  acme/tag: server.image.tag\n');
    const run = await runCli(['values.yaml', '-o', 'json'], { cwd: dir });
    const findings = (JSON.parse(run.stdout) as { results: { findings: { ruleId: string; severity: string }[] }[] }).results[0]!.findings;
    expect(findings.find((finding) => finding.ruleId === 'acme/tag')?.severity).toBe('error');
  });

  it('appear in the SARIF rules table with their own metadata', async () => {
    const run = await runCli(['values.yaml', '-o', 'sarif'], { cwd: repository('policies:\n  acme/tag: server.image.tag\n') });
    const sarif = JSON.parse(run.stdout) as {
      runs: {
        results: { ruleId: string; ruleIndex: number }[];
        tool: { driver: { rules: { id: string; shortDescription: { text: string } }[] } };
      }[];
    };
    const [log] = sarif.runs;
    const result = log!.results.find((item) => item.ruleId === 'acme/tag')!;
    expect(log!.tool.driver.rules[result.ruleIndex]).toMatchObject({ id: 'acme/tag', shortDescription: { text: 'Test rule acme/tag' } });
  });

  it('are listed by --list-rules', async () => {
    const run = await runCli(['--list-rules', '-o', 'json'], { cwd: repository('policies:\n  acme/tag: server.image.tag\n') });
    expect((JSON.parse(run.stdout) as { id: string }[]).map((rule) => rule.id)).toContain('acme/tag');
  });

  it('may not take an id already used, nor be set before they exist', async () => {
    const clash = await runCli(['values.yaml'], { cwd: repository('policies:\n  cluster-name: server.image.tag\n') });
    expect(clash.code).toBe(2);
    expect(clash.stderr).toBe(
      'vault-lint: .vault-lint.yaml:1:1: policies: a rule id that is already taken: "cluster-name"; ids must be unique\n',
    );
    const unknown = await runCli(['values.yaml'], { cwd: repository('rules:\n  acme/tag: off\n') });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('.vault-lint.yaml:2:3: rules.acme/tag: an unknown rule id');
  });
});
