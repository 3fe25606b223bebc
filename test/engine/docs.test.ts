import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { projectHome, readPackageInfo, readRuleDocumentation, ruleDocsUrl, ruleInfos, type PackageInfo } from '../../src/engine/docs.js';
import { lintText } from '../../src/index.js';
import { rules } from '../../rules/index.js';

const PACKAGE = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as Record<string, unknown>;

describe('docs URL derived from package.json', () => {
  const page = 'https://github.com/acme/vault-lint/blob/v1.2.3/rules/tls-enabled.md';

  it('pins the rule page to the version tag of the repository the package names, in every npm spelling', () => {
    for (const repository of [
      'acme/vault-lint',
      'github:acme/vault-lint',
      'https://github.com/acme/vault-lint',
      'git+https://github.com/acme/vault-lint.git',
      'git@github.com:acme/vault-lint.git',
      { type: 'git', url: 'git+https://github.com/acme/vault-lint.git' },
    ]) {
      expect(ruleDocsUrl('tls-enabled', { version: '1.2.3', repository }), JSON.stringify(repository)).toBe(page);
    }
  });

  it("links to each host's file view at the tag, as the README says", () => {
    expect(ruleDocsUrl('tls-enabled', { version: '1.2.3', repository: 'gitlab:acme/vault-lint' })).toBe(
      'https://gitlab.com/acme/vault-lint/tree/v1.2.3/rules/tls-enabled.md',
    );
    expect(ruleDocsUrl('tls-enabled', { version: '1.2.3', repository: 'https://bitbucket.org/acme/vault-lint.git' })).toBe(
      'https://bitbucket.org/acme/vault-lint/src/v1.2.3/rules/tls-enabled.md',
    );
  });

  it('finds the rules under the directory the repository object names', () => {
    const pkg: PackageInfo = {
      version: '1.2.3',
      repository: { type: 'git', url: 'https://github.com/acme/tools', directory: 'packages/vault-lint/' },
    };
    expect(ruleDocsUrl('tls-enabled', pkg)).toBe('https://github.com/acme/tools/blob/v1.2.3/packages/vault-lint/rules/tls-enabled.md');
  });

  it('falls back to a repository homepage, and links the tool to the homepage', () => {
    const pkg: PackageInfo = { version: '1.2.3', homepage: 'https://github.com/acme/vault-lint#readme' };
    expect(ruleDocsUrl('tls-enabled', pkg)).toBe(page);
    expect(projectHome(pkg)).toBe('https://github.com/acme/vault-lint#readme');
    expect(projectHome({ version: '1.2.3', repository: 'acme/vault-lint' })).toBe('https://github.com/acme/vault-lint');
  });

  it('invents nothing: no repository, or one no link can be derived for, gives no URL', () => {
    expect(ruleDocsUrl('tls-enabled', { version: '1.2.3' })).toBeUndefined();
    expect(ruleDocsUrl('tls-enabled', { version: '1.2.3', repository: 'https://example.org/some.git' })).toBeUndefined();
    expect(ruleDocsUrl('tls-enabled', { version: '1.2.3', homepage: 'https://vault-lint.example' })).toBeUndefined();
    expect(projectHome({ version: '1.2.3' })).toBeUndefined();
  });

  it('reads this package: its version, and exactly the link fields package.json has', () => {
    const pkg = readPackageInfo();
    expect(pkg.version).toBe(PACKAGE.version);
    expect(pkg.repository).toEqual(PACKAGE.repository);
    expect(pkg.homepage).toEqual(PACKAGE.homepage);
  });
});

describe('rule information for reporters', () => {
  const named: PackageInfo = { version: '1.2.3', repository: 'acme/vault-lint' };
  const unnamed: PackageInfo = { version: '1.2.3' };

  it('links every rule when the package names a repository, and then carries no pages', () => {
    const infos = ruleInfos(rules, { pkg: named, documentation: true });
    for (const rule of rules) {
      expect(infos.get(rule.id)).toEqual({ id: rule.id, meta: rule.meta, docsUrl: ruleDocsUrl(rule.id, named) });
    }
  });

  it('carries each rule page from the package instead when there is no link, and only when asked', () => {
    const infos = ruleInfos(rules, { pkg: unnamed, documentation: true });
    for (const rule of rules) {
      const info = infos.get(rule.id)!;
      expect(info.docsUrl).toBeUndefined();
      expect(info.documentation).toBe(readFileSync(new URL(`../../rules/${rule.id}.md`, import.meta.url), 'utf8'));
    }
    expect(ruleInfos(rules, { pkg: unnamed }).get('tls-enabled')).not.toHaveProperty('documentation');
  });

  it("links a rule from outside the package (a plugin's) to its own meta.docs, never to a page derived for this package", () => {
    const meta = { description: 'd', severity: 'error' as const, tags: [], guide: 'g', messages: { bad: 'Bad' } };
    expect(ruleDocsUrl('acme/registry-allowed', named)).toBeUndefined();
    const infos = ruleInfos(
      [
        { id: 'acme/registry-allowed', meta: { ...meta, docs: 'https://rules.acme.example/registry-allowed' } },
        { id: 'acme/seal-allowed', meta },
      ],
      { pkg: named, documentation: true },
    );
    expect(infos.get('acme/registry-allowed')!.docsUrl).toBe('https://rules.acme.example/registry-allowed');
    expect(infos.get('acme/seal-allowed')).toEqual({ id: 'acme/seal-allowed', meta });
  });

  it('reads only rule pages of the package, by a plain id', () => {
    expect(readRuleDocumentation('tls-enabled')).toMatch(/^# tls-enabled\n/);
    expect(readRuleDocumentation('../package')).toBeUndefined();
    expect(readRuleDocumentation('no-such-rule')).toBeUndefined();
  });

  it("gives findings this package's docs URL, none while package.json names no repository", async () => {
    const findings = await lintText('server:\n  ha:\n    enabled: true\n    replicas: 3\n  updateStrategyType: RollingUpdate\n');
    const finding = findings.find((item) => item.ruleId === 'update-strategy-on-delete');
    expect(finding?.ruleId).toBe('update-strategy-on-delete');
    expect(finding?.docsUrl).toBe(ruleDocsUrl('update-strategy-on-delete'));
    expect(finding?.guide).toBe('Upgrading Vault on Kubernetes');
  });
});
