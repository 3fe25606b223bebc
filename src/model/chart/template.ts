import { CHART_NAME } from './naming.js';

/** A `{{ … }}` Helm template action inside an embedded config, by offsets in the config text. */
export interface TemplateRange {
  start: number;
  end: number;
  /** The action's inner text, trimmed of delimiters, `-` trim markers and spaces. */
  action: string;
}

/** What Helm would substitute for the few actions that depend only on release facts. */
export interface TemplateContext {
  releaseName: string;
  /** `.Release.Namespace`: `helm -n`, Helm's `default` when not given; never `global.namespace`. */
  releaseNamespace: string;
  /**
   * `include "vault.namespace" .`: `global.namespace`, else the release namespace; where the pods
   * live. Undefined on releases without the helper, where including it fails the install.
   */
  namespace: string | undefined;
  fullname: string;
  /** `.Chart.Name` when an umbrella chart's alias renames the chart (else `vault`). */
  chartName?: string;
  /** The effective value at a values path, and whether Helm holds its numbers as integers (`--set`) rather than floats (files). */
  value?: (path: readonly string[]) => { value: unknown; integer: boolean } | undefined;
}

/**
 * Blank out Helm template actions so the HCL parser sees plain text at unchanged offsets:
 * every character of an action becomes a space, line breaks stay where they are.
 */
export function maskTemplates(text: string): { masked: string; ranges: TemplateRange[] } {
  if (!text.includes('{{')) return { masked: text, ranges: [] };
  const ranges: TemplateRange[] = [];
  let masked = '';
  let cursor = 0;
  while (cursor < text.length) {
    const open = text.indexOf('{{', cursor);
    if (open < 0) break;
    const close = text.indexOf('}}', open + 2);
    const end = close < 0 ? text.length : close + 2;
    masked += text.slice(cursor, open) + text.slice(open, end).replace(/[^\n]/g, ' ');
    ranges.push({ start: open, end, action: actionText(text.slice(open, end)) });
    cursor = end;
  }
  masked += text.slice(cursor);
  return { masked, ranges };
}

function actionText(raw: string): string {
  return raw
    .replace(/^\{\{-?/, '')
    .replace(/-?\}\}$/, '')
    .trim();
}

/** Evaluate an action when it only names release facts; undefined when it needs the real chart. */
export function evaluateAction(action: string, context: TemplateContext): string | undefined {
  switch (action.replace(/\s+/g, ' ')) {
    case '.Release.Name':
      return context.releaseName;
    case '.Release.Namespace':
      return context.releaseNamespace;
    case 'include "vault.namespace" .':
    case 'template "vault.namespace" .':
      return context.namespace;
    case '.Chart.Name':
      return context.chartName ?? CHART_NAME;
    case 'include "vault.fullname" .':
    case 'template "vault.fullname" .':
      return context.fullname;
    default:
      return undefined;
  }
}
