import type { YNode, YScalar } from '../../parse/yaml.js';
import type { IndexedSeq } from '../../parse/set-args.js';
import { keyName } from '../../parse/yaml.js';
import { LineIndex } from '../../parse/lines.js';
import { embedMap } from '../../parse/embed.js';
import { writesLiteral, type TemplateInput } from '../../parse/template-input.js';
import { isPlainMap, type Plain, type PlainMap } from '../plain.js';

/** Where a value came from: the chart's defaults, a values file, or one `--set` argument. */
export class Layer {
  private lines: LineIndex | undefined;
  /** Set when the file is a template of a values file, read as `src/parse/template-input.ts` says. */
  template?: TemplateInput;
  /** Set when the release's values are a section of an umbrella chart's values (`vault`). */
  section?: readonly string[];

  constructor(
    readonly kind: 'default' | 'file' | 'set',
    /** The file as the user named it, `--set a=b`, or `chart defaults 0.34.1`. */
    public label: string,
    /** The text positions refer to (a file's text, or the `--set` argument); absent for defaults. */
    public source: string | undefined,
    /** Position of the layer in the merge order, 0 = chart defaults. */
    readonly index: number,
  ) {}

  /**
   * 1-based line and column of an offset in this layer's text, from a line index built on first
   * use and kept with the layer (masking a secret keeps lengths and line breaks, so it stays valid).
   */
  position(offset: number): { line: number; column: number } {
    this.lines ??= new LineIndex(this.source ?? '');
    return this.lines.position(offset);
  }
}

export type PathSegment = string | number;

/**
 * A place in some layer's text: what the engine turns into a file, line and column.
 * `fromChartDefault` marks a place chosen because the value itself is a chart default.
 */
export interface Place {
  layer: Layer;
  start: number;
  end: number;
  approximate?: boolean;
  yamlPath: PathSegment[];
  hclPath?: PathSegment[];
  hclLine?: number;
  fromChartDefault?: boolean;
  /** Nothing on the value's path is written in the file: the place is the file's start, zero-width. */
  unwritten?: boolean;
}

/** Anything a rule can report at. */
export interface Locatable {
  place(): Place;
}

/**
 * One node of the effective values: what Helm hands to the templates after layering the
 * chart defaults, the values files and `--set`. Each node remembers the layer that set it
 * and, when that layer has text, the positioned YAML node.
 */
export class ValueNode implements Locatable {
  private childMap: Map<string, ValueNode> | undefined;
  private itemList: ValueNode[] | undefined;
  /**
   * Set on a re-parented copy until its children are first read: the chart-default tree is built once
   * per chart version and shared by every model of a run, so a copy takes its children from it lazily
   * instead of copying the whole subtree for each file.
   */
  private copyOf: ValueNode | undefined;
  private plainCache: Plain | undefined;

  constructor(
    readonly kind: 'map' | 'seq' | 'scalar',
    readonly path: PathSegment[],
    /** The layer that last wrote this node. */
    readonly layer: Layer,
    readonly parent: ValueNode | undefined,
    private readonly scalarValue: Plain,
    /** The positioned YAML node in `layer`, when the layer has text. */
    readonly yaml?: YNode,
    /** The key that introduced this node in `layer`. */
    readonly keyNode?: YScalar,
  ) {}

  /** Children of a map, by key. */
  get children(): Map<string, ValueNode> {
    if (this.childMap === undefined || this.copyOf) this.materialize();
    return this.childMap!;
  }

  /** Items of a list. */
  get items(): ValueNode[] {
    if (this.itemList === undefined || this.copyOf) this.materialize();
    return this.itemList!;
  }

  private materialize(): void {
    const source = this.copyOf;
    const copied = this.childMap;
    this.copyOf = undefined;
    this.childMap = new Map();
    this.itemList = [];
    if (!source) return;
    // Keep the copies a path lookup already made, so a node has one identity.
    for (const [key, child] of source.children) this.childMap.set(key, copied?.get(key) ?? reparent(child, this));
    for (const item of source.items) this.itemList.push(reparent(item, this));
  }

  /** One child of a map by key, copying only that child from a lazy copy's source. */
  private child(key: string): ValueNode | undefined {
    if (!this.copyOf) return this.children.get(key);
    let copied = this.childMap?.get(key);
    if (copied) return copied;
    const original = this.copyOf.child(key);
    if (!original) return undefined;
    copied = reparent(original, this);
    (this.childMap ??= new Map()).set(key, copied);
    return copied;
  }

  /** The effective plain value of this subtree. */
  get value(): Plain {
    if (this.kind === 'scalar') return this.scalarValue;
    if (this.plainCache !== undefined) return this.plainCache;
    // A copy not yet materialized has exactly its source's content.
    if (this.copyOf) return (this.plainCache = this.copyOf.value);
    if (this.kind === 'seq') {
      this.plainCache = this.items.map((item) => item.value);
    } else {
      const map: PlainMap = {};
      for (const [key, child] of this.children) map[key] = child.value;
      this.plainCache = map;
    }
    return this.plainCache;
  }

  /** A node with `source`'s content under another parent; its children are copied on first read. */
  static copyUnder(source: ValueNode, parent: ValueNode): ValueNode {
    const copy = new ValueNode(
      source.kind,
      source.path,
      source.layer,
      parent,
      source.kind === 'scalar' ? source.scalarValue : null,
      source.yaml,
      source.keyNode,
    );
    if (source.kind !== 'scalar') copy.copyOf = source;
    return copy;
  }

  /**
   * True when a template expression of a templated values file wrote the value or its key: what
   * the template engine prints there is unknown, so no check may read it as written.
   */
  get templated(): boolean {
    return (this.yaml?.kind === 'scalar' && this.yaml.templated === true) || this.keyNode?.templated === true;
  }

  /**
   * True when template expressions print all of the value (or its key): nothing but expressions,
   * quotes and blanks is written there. A value that also holds text of the file's own (a credential
   * inside a template's `%{ if }` branch) is written in the file, whatever the template adds.
   */
  get printedByTemplate(): boolean {
    if (!this.templated) return false;
    if (this.keyNode?.templated === true) return true;
    const scalar = this.yaml;
    const template = this.layer.template;
    const source = this.layer.source;
    if (scalar?.kind !== 'scalar' || !template || source === undefined) return true;
    return !writesLiteral(source, scalar.start, scalar.end, template.opaque);
  }

  /** True when a values file or `--set` wrote this node (not the chart's defaults). */
  get isUserSet(): boolean {
    return this.layer.kind !== 'default';
  }

  /** The last key of the path. */
  get key(): PathSegment | undefined {
    return this.path[this.path.length - 1];
  }

  /** The child at a key or index, or a descendant at a dotted path / path array. */
  get(path: string | PathSegment[]): ValueNode | undefined {
    const segments = typeof path === 'string' ? path.split('.') : path;
    let node: ValueNode | undefined = this;
    for (const segment of segments) {
      if (!node) return undefined;
      node = typeof segment === 'number' ? node.items[segment] : node.child(segment);
    }
    return node;
  }

  /** The nearest node on the path from here to the root that a user layer wrote. */
  nearestUserSet(): ValueNode | undefined {
    let node: ValueNode | undefined = this;
    while (node && (!node.isUserSet || !node.yaml)) node = node.parent;
    return node;
  }

  /**
   * Where to report this value: a scalar at its value, a map or list at its key. A chart default
   * is reported at the nearest key the user wrote, marked as coming from the chart default.
   */
  place(): Place {
    if (this.isUserSet && this.yaml) return placeOf(this.layer, this.yaml, this.keyNode, this.path);
    const nearest = this.nearestUserSet();
    // The root is no key: a file that writes nothing on this path gets the finding at its start,
    // not at whatever key happens to come first.
    if (nearest && nearest.path.length > 0) return { ...nearest.place(), yamlPath: this.path, fromChartDefault: true };
    return fileStart(nearest?.layer ?? this.layer, this.path);
  }

  /**
   * Where the characters `[start, end)` of this string scalar's value are written: exact in a
   * literal block or an escape-free one-line scalar, otherwise the whole scalar, marked approximate.
   * A value with no text of its own (a `--set` argument, a chart default) gives its whole place.
   */
  placeOfSpan(start: number, end: number): Place {
    const source = this.layer.source;
    if (!this.isUserSet || this.yaml?.kind !== 'scalar' || source === undefined || this.layer.kind !== 'file') return this.place();
    const span = embedMap(this.yaml, source).span(start, end);
    const place: Place = { layer: this.layer, start: span.start, end: span.end, yamlPath: this.path };
    if (span.approximate) place.approximate = true;
    return place;
  }

  /** Where the key of this node is written (the value's place when it has no key). */
  keyPlace(): Place {
    if (this.isUserSet && this.keyNode) {
      return { layer: this.layer, start: this.keyNode.start, end: this.keyNode.end, yamlPath: this.path };
    }
    return this.place();
  }
}

/** The zero-width start of a layer's text, for a value nothing on whose path the layer writes. */
export function fileStart(layer: Layer, path: PathSegment[]): Place {
  return { layer, start: 0, end: 0, yamlPath: path, fromChartDefault: true, unwritten: true };
}

function placeOf(layer: Layer, yaml: YNode, keyNode: YScalar | undefined, path: PathSegment[]): Place {
  if (yaml.kind === 'scalar' && !(yaml.start === yaml.end && keyNode)) {
    return { layer, start: yaml.start, end: yaml.end, yamlPath: path };
  }
  if (keyNode) return { layer, start: keyNode.start, end: keyNode.end, yamlPath: path };
  // A list item or root collection without a key: its first line.
  const source = layer.source ?? '';
  const lineEnd = source.indexOf('\n', yaml.start);
  return { layer, start: yaml.start, end: lineEnd < 0 ? yaml.end : Math.min(lineEnd, yaml.end), yamlPath: path };
}

const defaultTrees = new WeakMap<PlainMap, { layer: Layer; tree: ValueNode }>();

/**
 * The value tree of one chart version's defaults with its layer, built once per defaults object and
 * shared by every model of the run: models never change it (overlays copy what they cover).
 */
export function chartDefaultTree(defaults: PlainMap, label: string): { layer: Layer; tree: ValueNode } {
  let entry = defaultTrees.get(defaults);
  if (!entry) {
    const layer = new Layer('default', label, undefined, 0);
    entry = { layer, tree: fromPlain(defaults, layer) };
    defaultTrees.set(defaults, entry);
  }
  return entry;
}

/** Build the value tree of the chart defaults. */
export function fromPlain(value: Plain, layer: Layer, path: PathSegment[] = [], parent?: ValueNode): ValueNode {
  if (Array.isArray(value)) {
    const node = new ValueNode('seq', path, layer, parent, null);
    value.forEach((item, index) => node.items.push(fromPlain(item, layer, [...path, index], node)));
    return node;
  }
  if (isPlainMap(value)) {
    const node = new ValueNode('map', path, layer, parent, null);
    for (const [key, child] of Object.entries(value)) node.children.set(key, fromPlain(child, layer, [...path, key], node));
    return node;
  }
  return new ValueNode('scalar', path, layer, parent, value);
}

/**
 * Layer a positioned YAML tree over the effective values, as Helm merges values files:
 * maps merge deeply, lists and scalars replace, and `null` deletes the key (kept here as a
 * null node so that findings can point at the line that deleted it).
 */
export function overlay(
  base: ValueNode | undefined,
  yaml: YNode,
  layer: Layer,
  path: PathSegment[],
  parent: ValueNode | undefined,
  keyNode?: YScalar,
): ValueNode {
  if (yaml.kind === 'map' && base?.kind === 'map') {
    const node = new ValueNode('map', path, layer, parent, null, yaml, keyNode);
    const written = new Set<string>();
    for (const pair of yaml.pairs) written.add(keyName(pair.key));
    for (const [key, child] of base.children) {
      if (!written.has(key)) node.children.set(key, reparent(child, node));
    }
    for (const pair of yaml.pairs) {
      const key = keyName(pair.key);
      node.children.set(key, overlay(base.children.get(key), pair.value, layer, [...path, key], node, pair.key));
    }
    return node;
  }
  if (yaml.kind === 'seq' && 'assigned' in yaml && base?.kind === 'seq' && base.isUserSet)
    return overlayItems(base, yaml as IndexedSeq, layer, path, parent, keyNode);
  return fromYaml(yaml, layer, path, parent, keyNode);
}

/** Set the assigned items of an indexed list inside the list an earlier user layer wrote. */
function overlayItems(
  base: ValueNode,
  yaml: IndexedSeq,
  layer: Layer,
  path: PathSegment[],
  parent: ValueNode | undefined,
  keyNode?: YScalar,
): ValueNode {
  const node = new ValueNode('seq', path, layer, parent, null, yaml, keyNode);
  const length = Math.max(base.items.length, yaml.items.length);
  for (let index = 0; index < length; index++) {
    const item = yaml.items[index];
    const old = base.items[index];
    if (item && yaml.assigned[index]) node.items.push(overlay(old, item, layer, [...path, index], node));
    else if (old) node.items.push(reparent(old, node));
    else node.items.push(fromYaml(item!, layer, [...path, index], node));
  }
  return node;
}

/** A user layer's YAML subtree as values of its own, at `path` under `parent` (no layering). */
export function fromYaml(yaml: YNode, layer: Layer, path: PathSegment[], parent: ValueNode | undefined, keyNode?: YScalar): ValueNode {
  if (yaml.kind === 'scalar') return new ValueNode('scalar', path, layer, parent, yaml.value as Plain, yaml, keyNode);
  if (yaml.kind === 'seq') {
    const node = new ValueNode('seq', path, layer, parent, null, yaml, keyNode);
    yaml.items.forEach((item, index) => node.items.push(fromYaml(item, layer, [...path, index], node)));
    return node;
  }
  const node = new ValueNode('map', path, layer, parent, null, yaml, keyNode);
  for (const pair of yaml.pairs) {
    const key = keyName(pair.key);
    node.children.set(key, fromYaml(pair.value, layer, [...path, key], node, pair.key));
  }
  return node;
}

/**
 * Children are shared between trees only by value; re-parent so that `nearestUserSet` walks the new
 * tree. The copy is shallow: its own children are copied when first read.
 */
function reparent(child: ValueNode, parent: ValueNode): ValueNode {
  if (child.parent === parent) return child;
  return ValueNode.copyUnder(child, parent);
}

/** Visit every string scalar the user wrote, depth first. */
export function walkStrings(node: ValueNode, visit: (node: ValueNode) => void): void {
  if (!node.isUserSet) return;
  if (node.kind === 'scalar') {
    if (typeof node.value === 'string') visit(node);
    return;
  }
  for (const child of node.children.values()) walkStrings(child, visit);
  for (const item of node.items) walkStrings(item, visit);
}
