/**
 * The hashicorp/vault chart releases vault-lint supports, in one place. Adding a release: import
 * its tag (scripts/import-chart.mjs), regenerate (scripts/gen-chart.mjs), add it here and to the
 * chart profile; a test checks this list against the generated data.
 */
export const CHART_VERSIONS = [
  '0.20.0',
  '0.20.1',
  '0.21.0',
  '0.22.0',
  '0.22.1',
  '0.23.0',
  '0.24.0',
  '0.24.1',
  '0.25.0',
  '0.26.0',
  '0.26.1',
  '0.27.0',
  '0.28.0',
  '0.28.1',
  '0.29.0',
  '0.29.1',
  '0.30.0',
  '0.30.1',
  '0.31.0',
  '0.32.0',
  '0.33.0',
  '0.34.0',
  '0.34.1',
] as const;

export type ChartVersion = (typeof CHART_VERSIONS)[number];

/** The newest supported release, used when nothing names or pins a version. */
export const DEFAULT_CHART_VERSION: ChartVersion = '0.34.1';

/** Whether a string is a supported version, exactly as listed. */
export function isChartVersion(version: string): version is ChartVersion {
  return (CHART_VERSIONS as readonly string[]).includes(version);
}

/**
 * A supported version from what a user wrote: `0.30.0` or the git tag form `v0.30.0`. A partial
 * version (`0.30`) is not guessed: 0.30.0 and 0.30.1 render differently, so it is unknown and the
 * error names both. Returns undefined for an unknown version.
 */
export function resolveChartVersion(written: string): ChartVersion | undefined {
  const version = written.trim().replace(/^v/, '');
  return isChartVersion(version) ? version : undefined;
}

/**
 * The supported versions nearest to an unknown one: those of the same minor release when there are
 * any (`0.30` and `0.30.7` name 0.30.0 and 0.30.1), else the closest release below and above it.
 * Empty when the text is not a version at all.
 */
export function nearestChartVersions(written: string): ChartVersion[] {
  const parts = /^v?(\d{1,9})(?:\.(\d{1,9}))?(?:\.(\d{1,9}))?(?:[-+].*)?$/.exec(written.trim());
  if (!parts) return [];
  const wanted = [Number(parts[1]), Number(parts[2] ?? 0), Number(parts[3] ?? 0)];
  const numbers = (version: ChartVersion) => version.split('.').map(Number);
  const sameMinor = CHART_VERSIONS.filter((version) => {
    const [major, minor] = numbers(version);
    return major === wanted[0] && minor === wanted[1];
  });
  if (sameMinor.length > 0) return sameMinor;
  const compare = (version: ChartVersion) => {
    const have = numbers(version);
    for (let i = 0; i < 3; i++) if (have[i] !== wanted[i]) return have[i]! - wanted[i]!;
    return 0;
  };
  const below = CHART_VERSIONS.filter((version) => compare(version) < 0).at(-1);
  const above = CHART_VERSIONS.find((version) => compare(version) > 0);
  return [below, above].filter((version): version is ChartVersion => version !== undefined);
}

/** The one-line message for an unknown version: what is supported and what is nearest. */
export function unknownChartVersionMessage(written: string): string {
  const nearest = nearestChartVersions(written);
  const range = `${CHART_VERSIONS[0]} … ${CHART_VERSIONS[CHART_VERSIONS.length - 1]}`;
  return `Unknown chart version ${JSON.stringify(written)}; supported: ${range}${nearest.length > 0 ? ` (nearest: ${nearest.join(', ')})` : ''}`;
}
