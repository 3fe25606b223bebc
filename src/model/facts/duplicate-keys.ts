import type { HclItem, HclKey, HclNode, HclObject } from '../../parse/hcl-types.js';
import type { ConfiguredRelease } from '../config/release.js';
import type { Locatable, PathSegment } from '../values/tree.js';
import { ConfigValue, type VaultConfig } from '../config/vault-config.js';
import { configsToCheck, stanzaOf } from './schema-check.js';
import { hasExplicitMlockLine } from '../chart/text.js';

/** An attribute written twice in the same object of a Vault config (Vault 1.21+ refuses to start). */
export interface DuplicateConfigKey {
  config: VaultConfig;
  /** The repeated attribute: the later one, or the user's own when the other is the chart's line. */
  attribute: ConfigValue;
  /** Its key, where the finding goes. */
  key: Locatable;
  /** The object holding it, e.g. `at the top level`, `in listener "tcp"`. */
  where: string;
  /** 1-based values-file line of the earlier occurrence; absent when that is the chart's line. */
  firstLine?: number;
  /** The key of the first occurrence, when the user wrote it. */
  first?: Locatable;
  /** Keys of later repeats of the same name in the same object: one mistake, one finding. */
  repeats?: Locatable[];
  /**
   * Set when the other occurrence is the `disable_mlock = true` line the chart adds to a string
   * config, as the release's profile says (`mlockLine`): in front of it, after it, or after it
   * unless a line reads `disable_mlock = true|false`.
   */
  chartLine?: 'prepended' | 'alwaysAppended' | 'appended';
}

/**
 * Repeated attributes in the user's HCL configs (live, and those the chart ignores), compared by
 * exact name within one object; repeated blocks are not attributes. JSON configs are left out:
 * Vault's duplicate check covers HCL only, and charts from 0.29.0 re-encode JSON, keeping the last value.
 * Repeats with a Helm action between them that the linter cannot evaluate (an `if`/`else`) are
 * skipped. The live config also gets the duplicate the chart's own `disable_mlock` line makes.
 */
export function collectDuplicateConfigKeys(model: ConfiguredRelease): DuplicateConfigKey[] {
  const out: DuplicateConfigKey[] = [];
  const live = model.parsedConfig;
  for (const config of configsToCheck(model)) {
    if (config.format !== 'hcl') continue;
    const lineOf = (key: HclKey, path: PathSegment[]): number => {
      const place = config.placeOf(key, path);
      return place.layer.position(place.start).line;
    };
    walk(config.file.body, [], (object, path) => {
      const seen = new Map<string, HclItem>();
      const reported = new Map<string, DuplicateConfigKey>();
      for (const item of attributes(object)) {
        const name = item.keys[0]!.name;
        const first = seen.get(name);
        if (!first) {
          seen.set(name, item);
          continue;
        }
        if (config.isTemplated({ start: first.start, end: item.end })) continue;
        const earlier = reported.get(name);
        if (earlier) {
          earlier.repeats!.push(keyOf(config, item, path));
          continue;
        }
        const duplicate: DuplicateConfigKey = {
          config,
          attribute: attributeOf(config, item, path),
          key: keyOf(config, item, path),
          where: stanzaOf(path.map(String)),
          firstLine: lineOf(first.keys[0]!, [...path, name]),
          first: keyOf(config, first, path),
          repeats: [],
        };
        reported.set(name, duplicate);
        out.push(duplicate);
      }
    });
    if (config === live) {
      const chart = chartDuplicate(model, config);
      if (chart) out.push(chart);
    }
  }
  return out;
}

function chartDuplicate(model: ConfiguredRelease, config: VaultConfig): DuplicateConfigKey | undefined {
  const mlock = attributes(config.file.body).filter((item) => item.keys[0]!.name === 'disable_mlock');
  const text = config.source.value;
  if (mlock.length === 0 || typeof text !== 'string') return undefined;
  const path = ['disable_mlock'];
  const line = model.profile.mlockLine;
  if (line === 'prepend') {
    const first = mlock[0]!;
    return {
      config,
      attribute: attributeOf(config, first, []),
      key: keyOf(config, first, []),
      where: 'at the top level',
      chartLine: 'prepended',
    };
  }
  if (line === 'appendUnlessExplicit' && hasExplicitMlockLine(text)) return undefined;
  const last = mlock.at(-1)!;
  // In a helmfile template the chart sees what helmfile printed there (true or false, most likely): unknown, not a duplicate.
  const helmfile = config.source.isUserSet && config.source.layer.template?.kinds.includes('helm') === true;
  if (line === 'appendUnlessExplicit' && helmfile && config.isTemplated(last.value)) return undefined;
  return {
    config,
    attribute: new ConfigValue(config, 'disable_mlock', last, last.value, path),
    key: keyOf(config, last, []),
    where: 'at the top level',
    chartLine: line === 'append' ? 'alwaysAppended' : 'appended',
  };
}

/** Items of an object that are attributes: one key, and a value that is not a block (an object or a list of objects). */
function attributes(object: HclObject): HclItem[] {
  return object.items.filter((item) => item.keys.length === 1 && !isBlockValue(item.value));
}

function isBlockValue(node: HclNode): boolean {
  return node.type === 'object' || (node.type === 'list' && node.items.length > 0 && node.items.every((item) => item.type === 'object'));
}

/** Visit every object of the config with its path (names, labels and list indexes). */
function walk(object: HclObject, path: PathSegment[], visit: (object: HclObject, path: PathSegment[]) => void): void {
  visit(object, path);
  for (const item of object.items) {
    const itemPath = [...path, ...item.keys.map((key) => key.name)];
    if (item.value.type === 'object') walk(item.value, itemPath, visit);
    else if (item.value.type === 'list') {
      item.value.items.forEach((node, index) => {
        if (node.type === 'object') walk(node, [...itemPath, index], visit);
      });
    }
  }
}

function attributeOf(config: VaultConfig, item: HclItem, path: PathSegment[]): ConfigValue {
  const name = item.keys[0]!.name;
  return new ConfigValue(config, name, item, item.value, [...path, name]);
}

function keyOf(config: VaultConfig, item: HclItem, path: PathSegment[]): Locatable {
  const key = item.keys[0]!;
  return { place: () => config.placeOf(key, [...path, key.name]) };
}
