/** `.Chart.Name`: the chart's own name, whatever the values say (an umbrella's alias renames it: `ChartOptions.chartName`). */
export const CHART_NAME = 'vault';

/** Sprig's `trunc 63 | trimSuffix "-"`: at most 63 characters, then one trailing dash dropped. */
function truncate(name: string): string {
  const cut = name.slice(0, 63);
  return cut.endsWith('-') ? cut.slice(0, -1) : cut;
}

/** `default .Chart.Name .Values.nameOverride`, before any truncation. */
function baseName(nameOverride: unknown, chartName: string): string {
  return typeof nameOverride === 'string' && nameOverride !== '' ? nameOverride : chartName;
}

/** `vault.name`: nameOverride or the chart name, truncated to 63 characters. */
export function chartLabelName(nameOverride: unknown, chartName = CHART_NAME): string {
  return truncate(baseName(nameOverride, chartName));
}

/**
 * `vault.fullname`: fullnameOverride if set; else the release name when it already contains the
 * (untruncated) name, else `<release>-<name>`; truncated to 63 characters, one trailing dash dropped.
 */
export function chartFullname(releaseName: string, nameOverride: unknown, fullnameOverride: unknown, chartName = CHART_NAME): string {
  if (typeof fullnameOverride === 'string' && fullnameOverride !== '') return truncate(fullnameOverride);
  const name = baseName(nameOverride, chartName);
  return truncate(releaseName.includes(name) ? releaseName : `${releaseName}-${name}`);
}
