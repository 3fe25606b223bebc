import { trimTrailing } from './text.js';

/** The chart's name, the default for `nameOverride`. */
export const CHART_NAME = 'vault';

function truncate(name: string): string {
  return trimTrailing(name.slice(0, 63), '-');
}

/** `vault.name`: nameOverride or the chart name, truncated to 63 characters. */
export function chartLabelName(nameOverride: unknown): string {
  return truncate(typeof nameOverride === 'string' && nameOverride !== '' ? nameOverride : CHART_NAME);
}

/**
 * `vault.fullname`: fullnameOverride if set; else the release name when it already contains
 * the name, else `<release>-<name>`; truncated to 63 characters without a trailing dash.
 */
export function chartFullname(releaseName: string, nameOverride: unknown, fullnameOverride: unknown): string {
  if (typeof fullnameOverride === 'string' && fullnameOverride !== '') return truncate(fullnameOverride);
  const name = chartLabelName(nameOverride);
  return truncate(releaseName.includes(name) ? releaseName : `${releaseName}-${name}`);
}
