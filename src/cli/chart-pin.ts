import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ConfigError } from '../engine/config.js';
import { parseYaml, type YNode } from '../parse/yaml.js';
import { CHART_VERSIONS, resolveChartVersion, unknownChartVersionMessage, type ChartVersion } from '../model/chart/versions.js';

/** A chart version read from the umbrella chart beside a values file. */
export interface ChartPin {
  version: ChartVersion;
  /** The file that pins it, as the user would name it (`deploy/Chart.lock`). */
  source: string;
  /** The version or range as written there. */
  written: string;
}

/** Chart files larger than this are not read (a Chart.yaml is a few hundred bytes). */
const MAX_CHART_FILE = 1024 * 1024;

/**
 * The vault chart version pinned beside a values file: Chart.lock first (what `helm dependency
 * build` resolved), then Chart.yaml. A `dependencies` entry named `vault` (whatever its alias) pins
 * it; an exact version must be supported, a range (`~0.28.0`, `>=0.28`) picks the newest supported
 * version inside it. Undefined when neither file exists or neither has a vault dependency.
 * Anything else (an unreadable file, an unknown version, a range no supported version satisfies,
 * two vault dependencies that disagree) is a ConfigError: one line, exit 2.
 */
export async function chartPinBeside(valuesFile: string, shownAs: string): Promise<ChartPin | undefined> {
  for (const name of ['Chart.lock', 'Chart.yaml']) {
    const path = join(dirname(valuesFile), name);
    const source = join(dirname(shownAs), name);
    const text = readChartFile(path, source);
    if (text === undefined) continue;
    const written = vaultDependencyVersion(text, source);
    if (written === undefined) continue;
    return { version: await versionFor(written, source), source, written };
  }
  return undefined;
}

/**
 * The key an umbrella chart's values file holds the vault chart's values under: the `alias` of the
 * `vault` dependency in the Chart.yaml beside it, else `vault` (Helm passes each subchart the
 * section named by its alias or name). Undefined when there is no such dependency, or when the
 * file does not write that key at its top level: then the file is the vault chart's own values
 * (an overlay kept beside the umbrella's Chart.yaml), as before umbrella sections were read.
 */
export function umbrellaSectionBeside(valuesFile: string, shownAs: string, text: string): string | undefined {
  const source = join(dirname(shownAs), 'Chart.yaml');
  const chart = readChartFile(join(dirname(valuesFile), 'Chart.yaml'), source);
  if (chart === undefined) return undefined;
  const document = parseYaml(chart);
  const dependencies = entry(document.root, 'dependencies');
  if (dependencies?.kind !== 'seq') return undefined;
  for (const dependency of dependencies.items) {
    const name = entry(dependency, 'name');
    if (name?.kind !== 'scalar' || name.text !== 'vault') continue;
    const alias = entry(dependency, 'alias');
    const key = alias?.kind === 'scalar' && alias.text.trim() !== '' ? alias.text.trim() : 'vault';
    return writesTopLevelKey(text, key) ? key : undefined;
  }
  return undefined;
}

/** A line `key:` at column 0 (plain or quoted key): the file writes that top-level key. */
function writesTopLevelKey(text: string, key: string): boolean {
  for (const form of [key, `"${key}"`, `'${key}'`]) {
    let at = text.startsWith(`${form}:`) ? 0 : text.indexOf(`\n${form}:`);
    if (at < 0) continue;
    if (at > 0) at += 1;
    const after = text.charCodeAt(at + form.length + 1);
    if (Number.isNaN(after) || after === 32 || after === 9 || after === 10 || after === 13) return true;
  }
  return false;
}

function readChartFile(path: string, source: string): string | undefined {
  let size: number;
  try {
    // Most values files have no chart file beside them: no error object (and stack) built for each.
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat?.isFile()) return undefined;
    size = stat.size;
  } catch {
    return undefined;
  }
  if (size > MAX_CHART_FILE) throw new ConfigError(`${source} is larger than 1 MiB; pass --chart-version`);
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`Cannot read ${source} (${(error as NodeJS.ErrnoException).code ?? 'error'}); pass --chart-version`);
  }
}

/** The version string of the vault dependency, or undefined when there is none. */
function vaultDependencyVersion(text: string, source: string): string | undefined {
  // The values parser (bounded, already loaded) reads it; the version is taken as written, so 0.30 stays "0.30".
  const document = parseYaml(text);
  const fatal = document.problems.find((problem) => problem.fatal || problem.messageId === 'syntax');
  if (fatal) throw new ConfigError(`Cannot read the dependencies of ${source}: ${fatal.message}; pass --chart-version`);
  const dependencies = entry(document.root, 'dependencies');
  if (dependencies?.kind !== 'seq') return undefined;
  const versions = new Set<string>();
  for (const dependency of dependencies.items) {
    const name = entry(dependency, 'name');
    if (name?.kind !== 'scalar' || name.text !== 'vault') continue;
    const version = entry(dependency, 'version');
    if (version?.kind !== 'scalar' || version.text.trim() === '')
      throw new ConfigError(`The vault dependency in ${source} has no version; pass --chart-version`);
    versions.add(version.text.trim());
  }
  if (versions.size > 1)
    throw new ConfigError(
      `${source} has vault dependencies of different versions (${[...versions].map((version) => `"${version}"`).join(', ')}); pass --chart-version`,
    );
  return [...versions][0];
}

function entry(node: YNode | null | undefined, key: string): YNode | undefined {
  if (node?.kind !== 'map') return undefined;
  return node.pairs.find((pair) => pair.key.text === key)?.value;
}

async function versionFor(pinned: string, source: string): Promise<ChartVersion> {
  const exact = resolveChartVersion(pinned);
  // Helm's constraints join conditions with commas ("> 0.26, < 0.30"); npm's semver with spaces.
  const written = pinned.replaceAll(',', ' ');
  if (exact) return exact;
  // semver is loaded only for a range: most runs never need it.
  const { default: valid } = await import('semver/functions/valid.js');
  if (valid(written.replace(/^v/, ''))) throw new ConfigError(`${unknownChartVersionMessage(pinned)} (the vault dependency in ${source})`);
  const { default: validRange } = await import('semver/ranges/valid.js');
  if (validRange(written) === null)
    throw new ConfigError(`The vault dependency in ${source} has version "${pinned}", which is neither a version nor a range`);
  const { default: maxSatisfying } = await import('semver/ranges/max-satisfying.js');
  const newest = maxSatisfying([...CHART_VERSIONS], written) as ChartVersion | null;
  if (newest === null)
    throw new ConfigError(
      `No supported chart version satisfies "${pinned}" (the vault dependency in ${source}); supported: ${CHART_VERSIONS[0]} … ${CHART_VERSIONS[CHART_VERSIONS.length - 1]}; pass --chart-version`,
    );
  return newest;
}
