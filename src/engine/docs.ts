import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type HostedGitInfo from 'hosted-git-info';
import type { RuleInfo, RuleMeta } from './types.js';

/** The package.json fields that documentation links derive from. */
export interface PackageInfo {
  version: string;
  /** npm's `repository`: a shorthand (`owner/repo`, `github:owner/repo`), a git URL, or `{ url, directory }`. */
  repository?: string | { type?: string; url?: string; directory?: string };
  homepage?: string;
}

/** The members of hosted-git-info's result used here (its published types predate `browseFile`). */
interface HostedRepository {
  browseFile(path: string, options: { committish: string }): string;
  browse(options?: { committish?: string }): string;
}

const PACKAGE_NAME = 'vault-lint';

/** The ids vault-lint's own rules can have, and so the only ones with a page in this package. */
const BUILT_IN_ID = /^[a-z0-9-]+$/;

// package.json lies two levels above this module in the sources (src/engine) and in the bundle
// (dist/bundle), three in the library build (dist/src/engine).
const PACKAGE_CANDIDATES = ['../../package.json', '../../../package.json'];

// Loaded only when package.json names a repository or homepage: a run that links nowhere pays nothing.
const require = createRequire(import.meta.url);
let hostedGitInfo: typeof HostedGitInfo | undefined;

let packageRoot: URL | null | undefined;
let packageInfo: PackageInfo | undefined;

function findPackage(): { root: URL; data: Record<string, unknown> } | undefined {
  for (const candidate of PACKAGE_CANDIDATES) {
    const url = new URL(candidate, import.meta.url);
    try {
      const data = JSON.parse(readFileSync(url, 'utf8')) as Record<string, unknown>;
      if (data.name === PACKAGE_NAME) return { root: new URL('./', url), data };
    } catch {
      // not at this level; try the next
    }
  }
  return undefined;
}

/** This package's version and the fields its links derive from, read once from its package.json. */
export function readPackageInfo(): PackageInfo {
  if (packageInfo === undefined) {
    const found = findPackage();
    packageRoot = found?.root ?? null;
    const data = found?.data ?? {};
    packageInfo = { version: typeof data.version === 'string' ? data.version : '0.0.0' };
    const { repository, homepage } = data;
    if (typeof repository === 'string' || (typeof repository === 'object' && repository !== null))
      packageInfo.repository = repository as PackageInfo['repository'];
    if (typeof homepage === 'string') packageInfo.homepage = homepage;
  }
  return packageInfo;
}

/** The repository the package names (`repository`, else a repository `homepage`), with the path of the package inside it. */
function repositoryOf(pkg: PackageInfo): { host: HostedRepository; directory: string } | undefined {
  const { repository, homepage } = pkg;
  const url = typeof repository === 'string' ? repository : repository?.url;
  const directory = typeof repository === 'object' ? (repository.directory ?? '') : '';
  for (const candidate of [url, homepage]) {
    if (candidate === undefined || candidate === '') continue;
    hostedGitInfo ??= require('hosted-git-info') as typeof HostedGitInfo;
    const host = hostedGitInfo.fromUrl(candidate) as unknown as HostedRepository | undefined;
    // The directory belongs to `repository`; a homepage names the repository root.
    if (host)
      return {
        host,
        directory:
          candidate === url
            ? directory
                .split('/')
                .filter((part) => part !== '')
                .join('/')
            : '',
      };
  }
  return undefined;
}

/**
 * The page of a rule in the repository the package names, at the tag of this version
 * (`https://github.com/<owner>/<repo>/blob/v<version>/rules/<id>.md`), so a link always shows the
 * rule as this version checks it. Undefined when package.json names no repository a link can be
 * derived for: an invented address would be worse than none.
 */
export function ruleDocsUrl(id: string, pkg: PackageInfo = readPackageInfo()): string | undefined {
  // A namespaced id (`acme/registry`) is a plugin's or a policy's: this repository has no page for it.
  if (!BUILT_IN_ID.test(id)) return undefined;
  const repository = repositoryOf(pkg);
  if (!repository) return undefined;
  const path = `${repository.directory === '' ? '' : `${repository.directory}/`}rules/${id}.md`;
  return repository.host.browseFile(path, { committish: `v${pkg.version}` });
}

/**
 * The project's home: `homepage` when set, else the repository's page. Undefined when the package
 * names neither.
 */
export function projectHome(pkg: PackageInfo = readPackageInfo()): string | undefined {
  if (pkg.homepage !== undefined && /^https:\/\//.test(pkg.homepage)) return pkg.homepage;
  return repositoryOf(pkg)?.host.browse();
}

/**
 * The text of `rules/<id>.md` as shipped in the package, or undefined when it is not there (a rule
 * from outside the package). Only read when a format carries documentation (SARIF without a link).
 */
export function readRuleDocumentation(id: string): string | undefined {
  readPackageInfo();
  if (!packageRoot || !BUILT_IN_ID.test(id)) return undefined;
  try {
    return readFileSync(new URL(`rules/${id}.md`, packageRoot), 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * What reporters see of each rule: metadata and the docs link, and, with `documentation` (for
 * formats that carry help text), the rule page itself when there is no link to give.
 */
export function ruleInfos(
  rules: readonly { id: string; meta: RuleMeta }[],
  options: { documentation?: boolean; pkg?: PackageInfo; readDocumentation?: (id: string) => string | undefined } = {},
): Map<string, RuleInfo> {
  const pkg = options.pkg ?? readPackageInfo();
  const read = options.readDocumentation ?? readRuleDocumentation;
  const infos = new Map<string, RuleInfo>();
  for (const { id, meta } of rules) {
    const info: RuleInfo = { id, meta };
    // A rule from outside vault-lint links to its own page, never to one derived for this package.
    const docsUrl = meta.docs ?? ruleDocsUrl(id, pkg);
    if (docsUrl !== undefined) info.docsUrl = docsUrl;
    else if (options.documentation === true) {
      const documentation = read(id);
      if (documentation !== undefined) info.documentation = documentation;
    }
    infos.set(id, info);
  }
  return infos;
}
