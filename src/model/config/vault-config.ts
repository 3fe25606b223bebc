import type { HclFile, HclItem, HclKey, HclNode, HclObject, Span } from '../../parse/hcl-types.js';
import type { EmbedMap } from '../../parse/embed.js';
import { LineIndex } from '../../parse/lines.js';
import { quotedOffsets } from '../../parse/hcl/strings.js';
import { vaultBool, type VaultBool } from '../chart/truth.js';
import { lexActions, overlaps, type TemplateProblem, type TemplateRendering } from '../chart/tpl.js';
import type { Locatable, PathSegment, Place, ValueNode } from '../values/tree.js';
import { decodedAsStruct, LABELLED_STANZAS } from './vocabulary.js';

/** How the config was written in the values file. */
export type ConfigFormat = 'hcl' | 'json' | 'yaml-map';

/**
 * A Vault server config embedded in the values: its syntax tree, and the way back from any
 * node of it to a values-file position.
 */
export class VaultConfig {
  /** The top-level body, keys matched case-insensitively as Vault does. */
  readonly root: ConfigObject;
  private lines: LineIndex | undefined;
  private stringValues: ConfigValue[] | undefined;

  constructor(
    /** The values node holding the config (a string, or a map on old charts). */
    readonly source: ValueNode,
    readonly format: ConfigFormat,
    /** The config as Helm's `tpl` renders it (the text Vault reads), parsed; spans are offsets in `rendering.text`. */
    readonly file: HclFile,
    /** The decoded config text as written in the values (empty for YAML-map configs, whose spans are file offsets). */
    readonly text: string,
    private readonly map: EmbedMap,
    /** What the chart's `tpl` makes of `text`, with the way back from rendered offsets to written ones. */
    readonly rendering: TemplateRendering,
  ) {
    this.root = new ConfigObject(this, file.body, [], true, undefined);
  }

  /** Why Helm would fail to render this config (an undefined function, a float count…), and where expansion stopped. */
  get templateProblems(): TemplateProblem[] {
    return this.rendering.problems;
  }

  /** True when the config parsed without syntax errors; rules that read it skip it otherwise. */
  get ok(): boolean {
    return this.file.errors.length === 0;
  }

  /** True when the values file holds this config; false when it is the chart's default config. */
  get isUserSet(): boolean {
    return this.source.isUserSet;
  }

  /** The `listener "tcp"` blocks. */
  get tcpListeners(): ConfigBlock[] {
    return this.root.blocks('listener').filter((listener) => listener.label === 'tcp');
  }

  /** Whether the API is served over TLS: there is a tcp listener and none turns TLS off. */
  get servesTls(): boolean {
    const listeners = this.tcpListeners;
    return listeners.length > 0 && listeners.every((listener) => vaultBool(listener.body.attr('tls_disable')?.value) === false);
  }

  /** The `storage "raft"` block, if the config uses integrated storage. */
  get raftStorage(): ConfigBlock | undefined {
    return this.root.block('storage', 'raft');
  }

  /** Every string value of the config, nested blocks, objects and lists included, in source order. */
  strings(): ConfigValue[] {
    this.stringValues ??= collectStrings(this, this.file.body, []);
    return this.stringValues;
  }

  /** The values-file place of a span of the config (a span of the rendered text: copies of a `range` body share their source). */
  placeOf(span: Span, hclPath: PathSegment[]): Place {
    const written = this.rendering.toSource(span.start, span.end);
    return this.placeAt(written.start, written.end, hclPath);
  }

  /** The values-file place of a span of the config as written (a Helm action, say), not of the rendered text. */
  placeOfWritten(start: number, end: number): Place {
    return this.placeAt(start, end, []);
  }

  private placeAt(start: number, end: number, hclPath: PathSegment[]): Place {
    this.lines ??= new LineIndex(this.text);
    const hclLine = this.format === 'yaml-map' ? undefined : this.lines.position(start).line;
    const base = this.source.place();
    if (!this.source.isUserSet || !this.source.yaml) return withHcl(base, hclPath, hclLine);
    const mapped = this.map.span(start, end);
    const place: Place = { layer: base.layer, start: mapped.start, end: mapped.end, yamlPath: this.source.path, hclPath };
    if (hclLine !== undefined) place.hclLine = hclLine;
    if (mapped.approximate) place.approximate = true;
    return place;
  }

  /** 1-based line, inside the config as written, of an offset of the rendered config. */
  lineOf(offset: number): number {
    this.lines ??= new LineIndex(this.text);
    return this.lines.position(this.rendering.toSource(offset, offset).start).line;
  }

  /** The plain value of a node (Helm actions the linter evaluates are rendered already). */
  plainOf(node: HclNode): unknown {
    switch (node.type) {
      case 'string':
      case 'number':
      case 'bool':
        return node.value;
      case 'list':
        return node.items.map((item) => this.plainOf(item));
      case 'object': {
        const out: Record<string, unknown> = {};
        for (const item of node.items)
          assignPlain(
            out,
            item.keys.map((key) => key.name),
            this.plainOf(item.value),
          );
        return out;
      }
    }
  }

  /** True when a Helm action whose value only the chart knows, or control flow the linter did not evaluate, touches the span. */
  isTemplated(span: Span): boolean {
    return overlaps(this.rendering.templated, span) || overlaps(this.rendering.unevaluated, span);
  }

  /** The Helm actions written where a span of the rendered config comes from, trimmed (`.Release.Namespace`). */
  actionsIn(span: Span): string[] {
    if (!this.text.includes('{{')) return [];
    const source = this.rendering.toSource(span.start, span.end);
    return lexActions(this.text)
      .filter((action) => action.start < source.end && action.end > source.start)
      .map((action) => this.text.slice(action.innerStart, action.innerEnd).trim().replace(/\s+/g, ' '));
  }

  /** True when the span was rendered from an `if` or `range` the linter could not evaluate: it may appear any number of times. */
  isUnevaluated(span: Span): boolean {
    return overlaps(this.rendering.unevaluated, span);
  }
}

function collectStrings(config: VaultConfig, body: HclObject, path: PathSegment[], out: ConfigValue[] = []): ConfigValue[] {
  for (const item of body.items) {
    const itemPath = [...path, ...item.keys.map((key) => key.name)];
    const visit = (node: HclNode, nodePath: PathSegment[]): void => {
      if (node.type === 'string') out.push(new ConfigValue(config, item.keys[item.keys.length - 1]?.name ?? '', item, node, nodePath));
      else if (node.type === 'object') collectStrings(config, node, nodePath, out);
      else if (node.type === 'list') node.items.forEach((child, index) => visit(child, [...nodePath, index]));
    };
    visit(item.value, itemPath);
  }
  return out;
}

function withHcl(place: Place, hclPath: PathSegment[], hclLine: number | undefined): Place {
  const out: Place = { ...place, hclPath };
  if (hclLine !== undefined) out.hclLine = hclLine;
  return out;
}

function assignPlain(target: Record<string, unknown>, keys: string[], value: unknown): void {
  let cursor = target;
  keys.forEach((key, index) => {
    if (index === keys.length - 1) {
      cursor[key] = value;
      return;
    }
    const next = cursor[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) cursor[key] = {};
    cursor = cursor[key] as Record<string, unknown>;
  });
}

/** An attribute of the config: `tls_disable = 1`. */
export class ConfigValue implements Locatable {
  constructor(
    readonly config: VaultConfig,
    readonly name: string,
    readonly item: HclItem,
    readonly node: HclNode,
    readonly path: PathSegment[],
  ) {}

  /** The plain value (strings decoded, Helm release actions evaluated). */
  get value(): unknown {
    return this.config.plainOf(this.node);
  }

  /** True when the value depends on a Helm action the linter cannot evaluate. */
  get templated(): boolean {
    return this.config.isTemplated(this.node);
  }

  /** The value as Vault reads a boolean (Go's `strconv.ParseBool`, numbers non-zero): true, false, or `invalid`. */
  get truth(): VaultBool {
    return vaultBool(this.value);
  }

  place(): Place {
    return this.config.placeOf(this.node, this.path);
  }

  /**
   * Where the characters `[start, end)` of this string's decoded value are written: exact through
   * escapes (`\n` in a quoted string) and in a heredoc body that keeps its lines as written,
   * otherwise the whole value.
   */
  placeOfSpan(start: number, end: number): Place {
    const node = this.node;
    if (node.type !== 'string' || this.config.format === 'yaml-map') return this.place();
    let written: Span | undefined;
    if (!node.heredoc) {
      const offsets = quotedOffsets(node.raw ?? `"${node.value}"`, this.config.format === 'hcl');
      const from = offsets?.[start];
      const to = offsets?.[end];
      if (from !== undefined && to !== undefined) written = { start: node.start + from, end: node.start + to };
    } else {
      const text = this.config.rendering.text.slice(node.start, node.end);
      const wanted = node.value.slice(start, end);
      const at = text.indexOf(wanted);
      if (at >= 0 && text.indexOf(wanted, at + 1) < 0) written = { start: node.start + at, end: node.start + at + wanted.length };
    }
    return written ? this.config.placeOf(written, this.path) : this.place();
  }

  /** The whole `key = value` item. */
  itemPlace(): Place {
    return this.config.placeOf(this.item, this.path);
  }
}

/** A block such as `listener "tcp" { … }` or `retry_join { … }`. */
export class ConfigBlock implements Locatable {
  readonly body: ConfigObject;

  constructor(
    readonly config: VaultConfig,
    readonly name: string,
    /** The type label (`tcp`, `raft`, `awskms`), for labelled blocks. */
    readonly label: string | undefined,
    /** The key that names the block, and the label key when there is one. */
    readonly nameKey: HclKey,
    readonly labelKey: HclKey | undefined,
    body: HclObject,
    path: PathSegment[],
    /** The enclosing block's name; undefined at the top level. */
    parent: string | undefined,
  ) {
    // Struct-decoded blocks keep case-insensitive keys; free-form maps (storage, seal…) do not.
    this.body = new ConfigObject(config, body, path, decodedAsStruct(name, parent), this);
  }

  /** The block header: its name through its label. */
  place(): Place {
    const start = this.labelKey ? Math.min(this.labelKey.start, this.nameKey.start) : this.nameKey.start;
    const end = this.labelKey ? Math.max(this.labelKey.end, this.nameKey.end) : this.nameKey.end;
    return this.config.placeOf({ start, end }, this.body.path);
  }
}

/** A block body or object value; reads attributes and nested blocks in every shape HCL v1 and JSON allow. */
export class ConfigObject {
  constructor(
    readonly config: VaultConfig,
    readonly node: HclObject,
    readonly path: PathSegment[],
    /** Vault matches struct fields (top level, listener, telemetry) case-insensitively, but map keys (storage, seal) exactly. */
    readonly caseInsensitive: boolean,
    readonly owner: ConfigBlock | undefined,
  ) {}

  private matches(key: HclKey | undefined, name: string): boolean {
    if (!key) return false;
    return this.caseInsensitive ? key.name.toLowerCase() === name.toLowerCase() : key.name === name;
  }

  /** Every `name = value` attribute, in order (repeats included). */
  attrs(name: string): ConfigValue[] {
    const out: ConfigValue[] = [];
    for (const item of this.node.items) {
      if (item.keys.length !== 1 || !this.matches(item.keys[0], name)) continue;
      if (item.value.type === 'object' && !item.assign) continue;
      out.push(new ConfigValue(this.config, item.keys[0]!.name, item, item.value, [...this.path, name]));
    }
    return out;
  }

  /** The effective attribute: the last one written, as HCL v1 decoding keeps. */
  attr(name: string): ConfigValue | undefined {
    const all = this.attrs(name);
    return all[all.length - 1];
  }

  /** All attributes of this object, in order. */
  allAttrs(): ConfigValue[] {
    const out: ConfigValue[] = [];
    for (const item of this.node.items) {
      if (item.keys.length !== 1 || item.value.type === 'object') continue;
      out.push(new ConfigValue(this.config, item.keys[0]!.name, item, item.value, [...this.path, item.keys[0]!.name]));
    }
    return out;
  }

  /**
   * Blocks of a kind, in any of the shapes Vault accepts: `listener "tcp" {}`, `listener { tcp {} }`,
   * `listener = { tcp = {} }`, a list of such objects, and the JSON forms of each.
   */
  blocks(name: string): ConfigBlock[] {
    const labelled = LABELLED_STANZAS.has(name.toLowerCase());
    const out: ConfigBlock[] = [];
    for (const item of this.node.items) {
      const nameKey = item.keys[0];
      if (!this.matches(nameKey, name) || !nameKey) continue;
      const values = item.value.type === 'list' ? item.value.items : [item.value];
      for (const value of values) {
        if (value.type !== 'object') continue;
        if (!labelled) {
          out.push(this.makeBlock(name, undefined, nameKey, undefined, value, out.length));
        } else if (item.keys.length >= 2) {
          const labelKey = item.keys[1]!;
          out.push(this.makeBlock(name, labelKey.name, nameKey, labelKey, value, out.length));
        } else {
          for (const inner of value.items) {
            const labelKey = inner.keys[0];
            if (!labelKey || inner.value.type !== 'object') continue;
            out.push(this.makeBlock(name, labelKey.name, nameKey, labelKey, inner.value, out.length));
          }
        }
      }
    }
    return out;
  }

  /** The first block of a kind, optionally of one type label. */
  block(name: string, label?: string): ConfigBlock | undefined {
    return this.blocks(name).find((block) => label === undefined || block.label === label);
  }

  private makeBlock(
    name: string,
    label: string | undefined,
    nameKey: HclKey,
    labelKey: HclKey | undefined,
    body: HclObject,
    index: number,
  ): ConfigBlock {
    const path: PathSegment[] = label === undefined ? [...this.path, name, index] : [...this.path, name, label];
    return new ConfigBlock(this.config, name, label, nameKey, labelKey, body, path, this.owner?.name);
  }

  /** Where the owning block's header is, or the config itself for the top level. */
  place(): Place {
    if (this.owner) return this.owner.place();
    return this.config.placeOf({ start: this.node.start, end: this.node.start }, this.path);
  }
}
