import { embedMap } from '../parse/embed.js';
import { resolveScalar } from '../parse/yaml.js';
import type { Model } from './model.js';
import { isPlainMap, type Plain, type PlainMap } from './plain.js';
import { evaluateAction, maskTemplates } from './chart/template.js';
import { helmEqualsTrue, helmToString, helmTruthy } from './chart/truth.js';
import type { Layer, ValueNode } from './values/tree.js';
import { hasExplicitMlockLine, trimTrailing } from './chart/text.js';
import { LineIndex } from '../parse/lines.js';

/**
 * Where a rendered line comes from: a place in a user layer (a file offset, or a `--set`
 * argument), the chart's default values, or text the chart's template itself adds.
 */
export type LineOrigin = { layer: Layer; start: number } | 'chart default' | 'chart template';

/** One line of output with its provenance. */
export interface RenderedLine {
  text: string;
  origin: LineOrigin;
}

/** The config file the chart writes (`extraconfig-from-values.hcl` in the `<fullname>-config` ConfigMap). */
export interface RenderedConfig {
  /** The values key the text comes from. */
  path?: readonly string[];
  format?: 'hcl' | 'json';
  lines: RenderedLine[];
  /** Why no config file is rendered, when none is. */
  absent?: string;
  /** True when Helm itself would fail to render the release. */
  fails?: boolean;
  /** What the chart did to the text (`disable_mlock`, JSON re-emitted). */
  handling?: string;
}

/** Everything `vault-lint render` prints, as data: the CLI only formats it. */
export interface Rendering {
  header: string[];
  values: RenderedLine[];
  config: RenderedConfig;
  notes: string[];
}

/**
 * The release as the chart will run it: effective values after layering (keys sorted, as Helm
 * prints them; keys a user `null` deleted from the chart defaults left out, or shown as comments
 * with `showDeleted`), the Vault config file the chart renders, and notes on what only happens
 * at install or container start. Secrets are masked everywhere.
 */
export function renderRelease(model: Model, options: { showDeleted?: boolean } = {}): Rendering {
  const config = renderConfig(model);
  const rendering: Rendering = {
    header: renderHeader(model, config),
    values: renderValues(model, options),
    config,
    notes: renderNotes(model, config),
  };
  return scrubSecrets(model, rendering);
}

function renderHeader(model: Model, config: RenderedConfig): string[] {
  const namespace = model.namespaceKnown ? `namespace "${model.namespace}"` : `namespace "${model.namespace}" (assumed; pass --namespace)`;
  const layers = model.layers.map((layer) => layer.label).join(', ');
  const out = [`Release "${model.releaseName}", ${namespace}, chart ${model.chartVersion}`, `Layers, later wins: ${layers}`];
  const mode = model.mode;
  if (mode === 'standalone' || mode === 'ha-raft' || mode === 'ha-other' || mode === 'dev') {
    out.push(`Mode: ${mode}, ${model.replicas} ${model.replicas === 1 ? 'replica' : 'replicas'} (StatefulSet "${model.fullname}")`);
  } else {
    out.push(`Mode: ${mode} (no Vault server StatefulSet)`);
  }
  if (config.path)
    out.push(
      `Config: ${config.path.join('.')} (${config.format === 'json' ? 'JSON' : 'HCL'}), ConfigMap "${model.fullname}-config" key extraconfig-from-values.hcl`,
    );
  return out;
}

// ---------------------------------------------------------------------------------------------
// Effective values

/** The effective values as YAML, keys sorted, one origin per line. */
export function renderValues(model: Model, options: { showDeleted?: boolean } = {}): RenderedLine[] {
  const out: RenderedLine[] = [];
  emitMapBody(model, model.values, 0, out, options.showDeleted === true);
  return out;
}

function emitMapBody(model: Model, node: ValueNode, indent: number, out: RenderedLine[], showDeleted: boolean): void {
  const keys = [...node.children.keys()].sort(compareKeys);
  for (const key of keys) {
    const child = node.children.get(key)!;
    if (deletesDefault(model, child)) {
      if (showDeleted) out.push({ text: `${pad(indent)}# ${formatKey(key)}: null (deletes the chart default)`, origin: originOf(child) });
      continue;
    }
    emitEntry(model, `${pad(indent)}${formatKey(key)}:`, child, indent, out, showDeleted);
  }
}

/** `lead` is the line so far (`  key:` or `  -`); the value goes after it or on the lines below. */
function emitEntry(model: Model, lead: string, node: ValueNode, indent: number, out: RenderedLine[], showDeleted: boolean): void {
  const origin = originOf(node);
  if (node.kind === 'map') {
    if (node.children.size === 0 || [...node.children.values()].every((child) => deletesDefault(model, child) && !showDeleted)) {
      out.push({ text: `${lead} {}`, origin });
      return;
    }
    out.push({ text: lead, origin: keyOriginOf(node) });
    emitMapBody(model, node, indent + 2, out, showDeleted);
    return;
  }
  if (node.kind === 'seq') {
    if (node.items.length === 0) {
      out.push({ text: `${lead} []`, origin });
      return;
    }
    out.push({ text: lead, origin: keyOriginOf(node) });
    for (const item of node.items) emitItem(model, item, indent + 2, out, showDeleted);
    return;
  }
  const value = node.value;
  if (typeof value === 'string' && isBlockCandidate(value)) {
    emitBlock(`${lead} `, node, value, indent + 2, out);
    return;
  }
  out.push({ text: `${lead} ${formatScalar(value)}`, origin });
}

/** A list item: `- value`, or a map or list whose first line shares the dash. */
function emitItem(model: Model, item: ValueNode, indent: number, out: RenderedLine[], showDeleted: boolean): void {
  const dash = `${pad(indent)}-`;
  const nonEmpty = (item.kind === 'map' && item.children.size > 0) || (item.kind === 'seq' && item.items.length > 0);
  if (!nonEmpty) {
    emitEntry(model, dash, item, indent, out, showDeleted);
    return;
  }
  const lines: RenderedLine[] = [];
  if (item.kind === 'map') emitMapBody(model, item, indent + 2, lines, showDeleted);
  else for (const child of item.items) emitItem(model, child, indent + 2, lines, showDeleted);
  if (lines.length === 0) {
    out.push({ text: `${dash} {}`, origin: originOf(item) });
    return;
  }
  const first = lines[0]!;
  lines[0] = { text: `${dash} ${first.text.slice(indent + 2)}`, origin: first.origin };
  // A loop, not push(...lines): a spread passes one argument per line and overflows the stack on large lists.
  for (const line of lines) out.push(line);
}

/** A multi-line string as a literal block, each line with the origin of its line in the layer. */
function emitBlock(lead: string, node: ValueNode, value: string, indent: number, out: RenderedLine[]): void {
  const body = trimTrailing(value, '\n');
  const trailing = value.length - body.length;
  const chomp = trailing === 0 ? '-' : trailing === 1 ? '' : '+';
  const indicator = /^[ \t]/.test(body) || body === '' ? '2' : '';
  out.push({ text: `${lead}|${indicator}${chomp}`, origin: keyOriginOf(node) });
  const lines = value.split('\n');
  if (chomp !== '+') lines.length = body.split('\n').length;
  else lines.pop();
  const map =
    node.isUserSet && node.yaml?.kind === 'scalar' && node.layer.source !== undefined ? embedMap(node.yaml, node.layer.source) : undefined;
  let offset = 0;
  for (const line of lines) {
    const origin: LineOrigin = map ? { layer: node.layer, start: map.span(offset, offset).start } : originOf(node);
    out.push({ text: line === '' ? '' : `${pad(indent)}${line}`, origin });
    offset += line.length + 1;
  }
}

/** True when a user `null` removes a key the chart's defaults have (Helm deletes it). */
function deletesDefault(model: Model, node: ValueNode): boolean {
  if (!node.isUserSet || node.kind !== 'scalar' || node.value !== null) return false;
  if (node.path.some((segment) => typeof segment === 'number')) return false;
  let cursor: Plain | undefined = model.options.chartDefaults;
  for (const segment of node.path) {
    if (!isPlainMap(cursor) || !(String(segment) in cursor)) return false;
    cursor = cursor[String(segment)];
  }
  return true;
}

function originOf(node: ValueNode): LineOrigin {
  if (!node.isUserSet || !node.yaml) return 'chart default';
  return { layer: node.layer, start: node.place().start };
}

function keyOriginOf(node: ValueNode): LineOrigin {
  if (!node.isUserSet || !node.yaml) return 'chart default';
  return { layer: node.layer, start: node.keyPlace().start };
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function pad(indent: number): string {
  return ' '.repeat(indent);
}

/** Characters that cannot start a plain scalar, or that YAML reads specially inside one. */
const PLAIN_UNSAFE_START = /^[-?:,[\]{}#&*!|>'"%@`\s]/;

function formatKey(key: string): string {
  return isPlainSafe(key) ? key : JSON.stringify(key);
}

/** A scalar as YAML that Helm reads back as the same value (YAML 1.1: `"yes"` and `"1.10"` stay quoted). */
export function formatScalar(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return '.nan';
    if (!Number.isFinite(value)) return value > 0 ? '.inf' : '-.inf';
    return String(value);
  }
  const text = String(value);
  return isPlainSafe(text) ? text : JSON.stringify(text);
}

function isPlainSafe(text: string): boolean {
  if (text === '' || PLAIN_UNSAFE_START.test(text) || /\s$/.test(text)) return false;
  if (/[\u0000-\u001f\u007f\u2028\u2029]/.test(text) || text.includes(': ') || text.includes(' #') || text.endsWith(':')) return false;
  return resolveScalar(text, 'plain') === text;
}

function isBlockCandidate(value: string): boolean {
  return value.includes('\n') && !/[\r\u0000-\u0008\u000b-\u001f\u007f\u2028\u2029]/.test(value) && value.trim() !== '';
}

// ---------------------------------------------------------------------------------------------
// The Vault config file

/**
 * The config file the chart writes, as that chart version writes it (its profile's `mlockLine`):
 * older releases prepend `disable_mlock = true` to a string config and turn a YAML map into
 * indented JSON; newer ones re-emit JSON configs compact with sorted keys (adding `disable_mlock`
 * when missing) and append `disable_mlock = true` to HCL, from 0.32.0 only without a
 * `disable_mlock = true|false` line. Helm actions are shown as written.
 */
export function renderConfig(model: Model): RenderedConfig {
  const mode = model.mode;
  if (mode === 'dev') return { lines: [], absent: 'Dev mode: no config file; the server runs "vault server -dev" with in-memory storage' };
  if (mode === 'external')
    return { lines: [], absent: 'No Vault server in this release (an external Vault address is set, or the server is disabled)' };
  if (mode === 'none')
    return { lines: [], absent: 'No server mode: server.ha.enabled is off and server.standalone.enabled is neither "true" nor "-"' };
  if (!model.configMapRendered) {
    return {
      lines: [],
      absent:
        'No ConfigMap: the chart renders the config only when server.standalone.config or server.ha.config is non-empty, so the server pod cannot start',
    };
  }
  const error = model.configRenderError;
  if (error) return { lines: [], absent: `Helm fails to render the config: ${error.message}`, fails: true };
  const path = model.configPath;
  const mlockLine = model.profile.mlockLine;
  if (mlockLine === 'prepend') return renderConfigPrepended(model, path);
  const node = path ? model.get([...path]) : undefined;
  if (!path || !node || typeof node.value !== 'string') return { lines: [], absent: 'No config string at the selected key' };
  const text = node.value;
  const json = parseJsonObject(text);
  const version = `Chart ${model.chartVersion}`;
  if (json) {
    const added = !('disable_mlock' in json);
    if (added) json.disable_mlock = true;
    const handling = `${version} parses the JSON config and writes it back on one line with sorted keys${added ? ', adding "disable_mlock": true' : ', keeping its own disable_mlock'}`;
    return { path, format: 'json', lines: [{ text: goJson(json), origin: originOf(node) }], handling };
  }
  const explicit = mlockLine === 'appendUnlessExplicit' && hasExplicitMlockLine(text);
  const handling = explicit
    ? `${version} keeps the config's own disable_mlock line and appends nothing`
    : mlockLine === 'append'
      ? `${version} appends disable_mlock = true to every HCL config`
      : `${version} appends disable_mlock = true (the config has no disable_mlock = true|false line)`;
  return { path, format: 'hcl', lines: configLines(model, path, text, explicit ? '' : '\ndisable_mlock = true'), handling };
}

function renderConfigPrepended(model: Model, path: readonly string[] | undefined): RenderedConfig {
  const version = `Chart ${model.chartVersion}`;
  const decider = model.get(model.mode === 'standalone' ? 'server.standalone.config' : 'server.ha.config');
  if (decider?.kind === 'map') {
    const node = path ? model.get([...path]) : undefined;
    if (!path || !node || !isPlainMap(node.value)) return { lines: [], absent: 'No config map at the selected key' };
    // Sprig's merge keeps the chart's key: disable_mlock is forced true.
    const merged: PlainMap = { ...node.value, disable_mlock: true };
    const handling = `${version} writes the YAML map as indented JSON with sorted keys and disable_mlock forced to true; it does not evaluate Helm actions in it`;
    return {
      path,
      format: 'json',
      lines: goJson(merged, '  ')
        .split('\n')
        .map((text) => ({ text, origin: originOf(node) })),
      handling,
    };
  }
  const mlock: RenderedLine = { text: 'disable_mlock = true', origin: 'chart template' };
  const node = path ? model.get([...path]) : undefined;
  if (!path || !node || typeof node.value !== 'string')
    return {
      lines: [mlock],
      absent: `server.ha.raft.enabled is neither "true" nor "false": chart ${model.chartVersion} renders only the disable_mlock line`,
    };
  const duplicated = /disable_mlock/.test(node.value) ? "; the config's own disable_mlock makes it a duplicate" : '';
  return {
    path,
    format: 'hcl',
    lines: [mlock, ...configLines(model, path, node.value, '')],
    handling: `${version} prepends disable_mlock = true${duplicated}`,
  };
}

/** Lines of `trim(text + suffix)`, each with the values-file origin of its line. */
function configLines(model: Model, path: readonly string[], text: string, suffix: string): RenderedLine[] {
  const full = text + suffix;
  const lead = full.length - full.trimStart().length;
  const body = full.trim();
  const config = model.configAt(path);
  const node = model.get([...path]);
  const out: RenderedLine[] = [];
  let offset = lead;
  for (const line of body.split('\n')) {
    const inText = offset;
    let origin: LineOrigin = 'chart template';
    if (inText >= 0 && inText < text.length) {
      if (!node?.isUserSet) origin = 'chart default';
      else if (config) {
        const place = config.placeOf({ start: inText, end: inText }, []);
        origin = { layer: place.layer, start: place.start };
      } else origin = originOf(node);
    }
    out.push({ text: line, origin });
    offset += line.length + 1;
  }
  return out;
}

/** Helm's `fromJson` on the config string: a non-empty object, else HCL (a lone "Error" key is Helm's own failure marker). */
function parseJsonObject(text: string): PlainMap | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isPlainMap(parsed)) return undefined;
  const keys = Object.keys(parsed);
  if (keys.length === 0 || (keys.length === 1 && keys[0] === 'Error')) return undefined;
  return parsed as PlainMap;
}

/** Go's `encoding/json` output: keys sorted bytewise, `<`, `>`, `&` escaped; `indent` for `MarshalIndent`. */
export function goJson(value: unknown, indent = ''): string {
  const write = (item: unknown, depth: number): string => {
    const inner = indent ? `\n${indent.repeat(depth + 1)}` : '';
    const close = indent ? `\n${indent.repeat(depth)}` : '';
    if (Array.isArray(item)) {
      if (item.length === 0) return '[]';
      return `[${item.map((entry) => inner + write(entry, depth + 1)).join(',')}${close}]`;
    }
    if (isPlainMap(item)) {
      const keys = Object.keys(item).sort(compareKeys);
      if (keys.length === 0) return '{}';
      const colon = indent ? ': ' : ':';
      return `{${keys.map((key) => inner + goString(key) + colon + write(item[key], depth + 1)).join(',')}${close}}`;
    }
    if (typeof item === 'string') return goString(item);
    if (typeof item === 'number') return Number.isFinite(item) ? String(item) : 'null';
    if (typeof item === 'boolean') return String(item);
    return 'null';
  };
  return write(value, 0);
}

function goString(text: string): string {
  return JSON.stringify(text).replace(/[<>&\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

// ---------------------------------------------------------------------------------------------
// Notes

/** Container-start substitutions (the chart's `sed` over the copied config), in the chart's order. */
const PLACEHOLDERS: readonly { name: string; chartSets: boolean; meaning: string }[] = [
  { name: 'HOST_IP', chartSets: true, meaning: "the node's IP address (status.hostIP)" },
  { name: 'POD_IP', chartSets: true, meaning: "the pod's IP address (status.podIP)" },
  { name: 'HOSTNAME', chartSets: true, meaning: 'the pod name' },
  { name: 'API_ADDR', chartSets: false, meaning: '' },
  { name: 'TRANSIT_ADDR', chartSets: false, meaning: '' },
  { name: 'RAFT_ADDR', chartSets: false, meaning: '' },
];

/** What happens after Helm renders: placeholders replaced at container start, Helm actions, ignored configs. */
export function renderNotes(model: Model, config: RenderedConfig): string[] {
  const notes: string[] = config.handling ? [config.handling] : [];
  const lines = config.lines.map((line) => line.text);
  const linesWith = (needle: string): number[] => lines.flatMap((line, index) => (line.includes(needle) ? [index + 1] : []));
  const where = (numbers: number[]): string => `config ${numbers.length === 1 ? 'line' : 'lines'} ${numbers.join(', ')}`;
  for (const placeholder of PLACEHOLDERS) {
    const found = linesWith(placeholder.name);
    if (found.length === 0) continue;
    if (placeholder.chartSets) {
      const meaning = placeholder.name === 'HOSTNAME' ? `the pod name (${podRange(model)})` : placeholder.meaning;
      notes.push(
        `${placeholder.name} (${where(found)}): replaced at container start with ${meaning}, everywhere in the file, comments included`,
      );
    } else if (model.env.has(placeholder.name)) {
      notes.push(
        `${placeholder.name} (${where(found)}): replaced at container start with the value of the container's ${placeholder.name} environment variable`,
      );
    } else {
      notes.push(
        `${placeholder.name} (${where(found)}): stays as written; the chart substitutes it only from a container environment variable of that name, and the values set none`,
      );
    }
  }
  if (
    model.profile.redundancyZones &&
    helmEqualsTrue(model.valueOf('server.ha.raft.enabled')) &&
    helmEqualsTrue(model.valueOf('server.ha.raft.redundancyZones.enabled'))
  ) {
    const found = linesWith('VAULT_REDUNDANCY_ZONE');
    if (found.length > 0)
      notes.push(`VAULT_REDUNDANCY_ZONE (${where(found)}): replaced at container start with the pod's topology.kubernetes.io/zone label`);
  }
  const source = config.path ? model.configAt(config.path) : undefined;
  const passes = source ? model.configTemplatePasses(source.format) : 0;
  if (source && source.format !== 'yaml-map' && passes === 0 && maskTemplates(lines.join('\n')).ranges.length > 0)
    notes.push(`Chart ${model.chartVersion} does not run the config through tpl: Helm actions reach Vault as written`);
  if (passes > 0 && config.format !== undefined) {
    const text = lines.join('\n');
    const index = new LineIndex(text);
    const seen = new Set<string>();
    for (const range of maskTemplates(text).ranges) {
      const written = text.slice(range.start, range.end);
      if (seen.has(written)) continue;
      seen.add(written);
      const { line } = index.position(range.start);
      const value = evaluateAction(range.action, model.templateContext);
      notes.push(
        value === undefined
          ? `${written} (config line ${line}): evaluated by Helm at install; the linter cannot evaluate it`
          : `${written} (config line ${line}): Helm renders it as "${value}"${namespaceAssumed(model, range.action) ? ' (namespace assumed; pass --namespace)' : ''}`,
      );
    }
  }
  const parsed = config.path ? model.config : undefined;
  const error = parsed?.file.errors[0];
  if (error) notes.push(`Vault cannot parse this config: ${error.message} (run vault-lint for the position)`);
  for (const ignored of model.ignoredConfigs) notes.push(`${ignored.source.path.join('.')} is set but not rendered in this mode`);
  const extraArgs = model.valueOf('server.extraArgs');
  if (config.path && helmTruthy(extraArgs))
    notes.push(`server.extraArgs adds to the command line: vault server -config=/tmp/storageconfig.hcl ${helmToString(extraArgs)}`);
  return notes;
}

function podRange(model: Model): string {
  const last = Math.max(model.replicas - 1, 0);
  return last === 0 ? `"${model.fullname}-0"` : `"${model.fullname}-0" … "${model.fullname}-${last}"`;
}

// ---------------------------------------------------------------------------------------------
// Secrets

/**
 * The scrub point of `render`: every secret the model knows, in any printed form, replaced with a
 * mask in every string of the rendering. Origins are left as they are: they point into the layers,
 * whose `--set` labels the model masked already.
 */
function scrubSecrets(model: Model, rendering: Rendering): Rendering {
  const mask = model.mask;
  if (mask.empty) return rendering;
  const scrubLines = (list: RenderedLine[]): RenderedLine[] => list.map((line) => ({ ...line, text: mask.scrub(line.text) }));
  const { lines, ...config } = rendering.config;
  return {
    header: mask.scrubAll(rendering.header),
    values: scrubLines(rendering.values),
    config: { ...mask.scrubAll(config), lines: scrubLines(lines) },
    notes: mask.scrubAll(rendering.notes),
  };
}

/** Whether an action's value rests on a namespace the run assumed rather than was given. */
function namespaceAssumed(model: Model, action: string): boolean {
  if (action.includes('.Release.Namespace')) return !model.releaseNamespaceKnown;
  return /namespace/i.test(action) && !model.namespaceKnown;
}
