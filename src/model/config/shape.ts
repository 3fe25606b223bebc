import type { HclItem, HclKey, HclNode, HclObject, Span } from '../../parse/hcl-types.js';
import type { Locatable, PathSegment } from '../values/tree.js';
import type { VaultConfig } from './vault-config.js';
import { caseInsensitiveAt, LOWERCASE_LABELS, OBJECT_LISTS, REPEATABLE_STANZAS, SINGLE_STANZAS } from './vocabulary.js';

/** Where one value of the normalised config is written. */
export interface ShapeTarget {
  /** The key that names it: an attribute's name, a block's header, a block's type label. */
  key: Locatable;
  /** The value: an attribute's value; for a block, its header. */
  value: Locatable;
  /** True when a Helm action the linter cannot evaluate sits in the value. */
  templated: boolean;
}

/** A block of a once-only stanza (`storage`, `ha_storage`, `service_registration`…) after the first one. */
export interface ExtraBlock {
  name: string;
  label: string;
  target: ShapeTarget;
}

/**
 * A Vault config in the normalised shape of schemas/vault-config.schema.json, with the way back
 * from each JSON pointer (`/listener/tcp/0/address`) to the place the user wrote it.
 */
export interface ConfigShape {
  data: Record<string, unknown>;
  targets: Map<string, ShapeTarget>;
  /** Second and later blocks of once-only stanzas, in source order; the schema sees only distinct types. */
  extraBlocks: ExtraBlock[];
}

/** JSON pointer of a path, escaped as Ajv's `instancePath` is. */
export function toPointer(path: readonly PathSegment[]): string {
  return path.map((segment) => `/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** Path segments of a JSON pointer (array indexes stay strings). */
export function fromPointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/**
 * Convert a parsed config (HCL, JSON or a YAML map) into the normalised shape without re-parsing:
 * labelled stanzas keyed by type, unlabelled blocks as one object, `retry_join` as a list. Keys of
 * case-insensitive objects take the spelling `knownKeys` gives for that path when they differ only
 * by case, since Vault accepts those.
 */
export function shapeConfig(config: VaultConfig, knownKeys: (path: readonly string[]) => readonly string[]): ConfigShape {
  return new Shaper(config, knownKeys).run();
}

class Shaper {
  private readonly targets = new Map<string, ShapeTarget>();
  private readonly extraBlocks: ExtraBlock[] = [];

  constructor(
    private readonly config: VaultConfig,
    private readonly knownKeys: (path: readonly string[]) => readonly string[],
  ) {}

  run(): ConfigShape {
    const data = this.object(this.config.file.body, []);
    return { data, targets: this.targets, extraBlocks: this.extraBlocks };
  }

  private locate(span: Span, path: readonly string[]): Locatable {
    const config = this.config;
    return { place: () => config.placeOf(span, [...path]) };
  }

  private record(path: readonly string[], key: Span, value: Span, templated = false): ShapeTarget {
    const target = { key: this.locate(key, path), value: this.locate(value, path), templated };
    const pointer = toPointer(path);
    if (!this.targets.has(pointer)) this.targets.set(pointer, target);
    return target;
  }

  private canonical(key: string, path: readonly string[]): string {
    if (!caseInsensitiveAt(path)) return key;
    const lower = key.toLowerCase();
    return this.knownKeys(path).find((known) => known.toLowerCase() === lower) ?? key;
  }

  private object(node: HclObject, path: string[]): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const item of node.items) {
      const first = item.keys[0];
      if (!first) continue;
      const name = this.canonical(first.name, path);
      if (path.length === 0 && (REPEATABLE_STANZAS.has(name) || SINGLE_STANZAS.has(name))) this.stanza(out, name, item);
      else if (OBJECT_LISTS.has(name)) this.objectList(out, name, item, [...path, name]);
      else {
        const childPath = [...path, name];
        const isObject = item.value.type === 'object';
        this.record(childPath, first, isObject ? first : item.value, !isObject && this.config.isTemplated(item.value));
        const value = this.nested(item.keys.slice(1), item.value, childPath);
        const previous = out[name];
        out[name] = isMap(previous) && isMap(value) ? { ...previous, ...value } : value;
      }
    }
    return out;
  }

  /** `a b c = v` is `a { b { c = v } }`. */
  private nested(keys: HclKey[], value: HclNode, path: string[]): unknown {
    const [key, ...rest] = keys;
    if (!key) return this.value(value, path);
    const childPath = [...path, key.name];
    this.record(childPath, key, rest.length === 0 && value.type !== 'object' ? value : key);
    return { [key.name]: this.nested(rest, value, childPath) };
  }

  private value(node: HclNode, path: string[]): unknown {
    if (node.type === 'object') return this.object(node, path);
    if (node.type === 'list') {
      // A list of objects is how JSON (and HCL `x = [{…}]`) writes a block: one object, as Vault merges it.
      if (node.items.length > 0 && node.items.every((item) => item.type === 'object')) {
        const merged: Record<string, unknown> = {};
        for (const item of node.items) Object.assign(merged, this.object(item as HclObject, path));
        return merged;
      }
      return node.items.map((item, index) => {
        const itemPath = [...path, String(index)];
        this.record(itemPath, item, item, this.config.isTemplated(item));
        return this.value(item, itemPath);
      });
    }
    return this.config.plainOf(node);
  }

  /** `listener "tcp" {}`, `listener { tcp {} }`, `"listener": [{"tcp": {…}}]` and their kin. */
  private stanza(out: Record<string, unknown>, name: string, item: HclItem): void {
    const byLabel = (isMap(out[name]) ? out[name] : (out[name] = {})) as Record<string, unknown>;
    for (const { label: labelKey, header, body } of stanzaBlocks(item)) {
      const label = LOWERCASE_LABELS.has(name) ? labelKey.name.toLowerCase() : labelKey.name;
      const labelPath = [name, label];
      this.record(labelPath, labelKey, header);
      if (REPEATABLE_STANZAS.has(name)) {
        const list = (Array.isArray(byLabel[label]) ? byLabel[label] : (byLabel[label] = [])) as unknown[];
        const blockPath = [...labelPath, String(list.length)];
        this.record(blockPath, header, header);
        list.push(this.object(body, blockPath));
      } else if (label in byLabel || Object.keys(byLabel).length > 0) {
        this.extraBlocks.push({
          name,
          label,
          target: { key: this.locate(header, labelPath), value: this.locate(header, labelPath), templated: false },
        });
        if (!(label in byLabel)) byLabel[label] = this.object(body, labelPath);
      } else byLabel[label] = this.object(body, labelPath);
    }
  }

  /** `retry_join { }` repeated, or `retry_join = [{…}, {…}]`: always a list. */
  private objectList(out: Record<string, unknown>, name: string, item: HclItem, path: string[]): void {
    const first = item.keys[0]!;
    if (item.value.type !== 'object' && item.value.type !== 'list') {
      this.record(path, first, item.value, this.config.isTemplated(item.value));
      out[name] = this.config.plainOf(item.value);
      return;
    }
    const list = (Array.isArray(out[name]) ? out[name] : (out[name] = [])) as unknown[];
    this.record(path, first, first);
    const objects =
      item.value.type === 'object'
        ? [{ node: item.value, header: first as Span }]
        : item.value.items.map((node) => ({ node, header: { start: node.start, end: node.start + 1 } }));
    for (const { node, header } of objects) {
      const itemPath = [...path, String(list.length)];
      this.record(itemPath, header, header, node.type !== 'object' && this.config.isTemplated(node));
      list.push(node.type === 'object' ? this.object(node, itemPath) : this.value(node, itemPath));
    }
  }
}

/** The blocks one stanza item writes: its type label, its header span and its body. */
function stanzaBlocks(item: HclItem): { label: HclKey; header: Span; body: HclObject }[] {
  const [nameKey, labelKey] = item.keys;
  if (!nameKey) return [];
  if (labelKey) {
    const header = { start: Math.min(nameKey.start, labelKey.start), end: Math.max(nameKey.end, labelKey.end) };
    return objectsOf(item.value).map((body) => ({
      label: labelKey,
      header,
      body: item.keys.length > 2 ? wrap(item.keys.slice(2), body) : body,
    }));
  }
  const out: { label: HclKey; header: Span; body: HclObject }[] = [];
  for (const outer of objectsOf(item.value)) {
    for (const inner of outer.items) {
      const label = inner.keys[0];
      if (!label) continue;
      for (const body of objectsOf(inner.value))
        out.push({
          label,
          header: { start: label.start, end: label.end },
          body: inner.keys.length > 1 ? wrap(inner.keys.slice(1), body) : body,
        });
    }
  }
  return out;
}

function objectsOf(node: HclNode): HclObject[] {
  if (node.type === 'object') return [node];
  if (node.type === 'list') return node.items.filter((item): item is HclObject => item.type === 'object');
  return [];
}

/** `storage "raft" "x" {}`: the extra keys become nested objects inside the body. */
function wrap(keys: HclKey[], body: HclObject): HclObject {
  const item: HclItem = { keys, assign: false, value: body, start: keys[0]!.start, end: body.end };
  return { type: 'object', items: [item], start: body.start, end: body.end };
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
