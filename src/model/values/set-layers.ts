import type { YMap, YNode, YScalar } from '../../parse/yaml.js';
import { describeScalar, type IndexedSeq } from '../../parse/set-args.js';
import type { Layer, ValueNode } from './tree.js';
import type { SyntaxProblem } from './problems.js';

/** What masking the `--set` layers needs from the release: its layers, the spans of its secrets in each, and the run's mask. */
export interface SetRedaction {
  readonly userLayers: Layer[];
  secretSpans(layer: Layer): readonly { start: number; end: number }[];
  readonly mask: { mask(text: string, spans: readonly { start: number; end: number }[]): string };
}

/**
 * Where a `--set` argument treats a value an earlier layer wrote as a map or a list when it is
 * not one (`-f` sets `server.affinity: ""`, then `--set server.affinity.x=y`): Helm applies `--set`
 * into the merged user values and fails there. Chart defaults do not count: Helm merges them later.
 */
export function setConflicts(base: ValueNode, root: YMap, layer: Layer): SyntaxProblem[] {
  const out: SyntaxProblem[] = [];
  const flag = layer.label.split(' ')[0] ?? '--set';
  const visit = (node: ValueNode | undefined, yaml: YNode, key: YScalar, inList: boolean): void => {
    // A scalar or a `{…}` list replaces whatever was there; only names that descend can fail.
    if (yaml.kind === 'scalar' || !('assigned' in yaml || yaml.kind === 'map')) return;
    if (!node?.isUserSet) return;
    const wanted = yaml.kind;
    if (node.kind !== wanted) {
      // In a list, Helm replaces a non-map item by an empty map, and grows a null item into a list.
      const tolerated = inList && (wanted === 'map' || (node.kind === 'scalar' && node.value === null));
      if (!tolerated) {
        out.push({
          ruleId: 'yaml-syntax',
          messageId: 'syntax',
          message: `Invalid ${flag} argument: "${node.path.join('.')}" is ${describeValue(node)} in ${node.layer.label}, not ${wanted === 'map' ? 'a map' : 'a list'}, so Helm refuses to set a value inside it`,
          place: { layer, start: key.start, end: key.end, yamlPath: node.path },
        });
      }
      return;
    }
    if (yaml.kind === 'map') {
      for (const pair of yaml.pairs) visit(node.children.get(pair.key.text), pair.value, pair.key, false);
      return;
    }
    const seq = yaml as IndexedSeq;
    seq.items.forEach((item, i) => {
      if (seq.assigned[i]) visit(node.items[i], item, key, true);
    });
  };
  for (const pair of root.pairs) visit(base.children.get(pair.key.text), pair.value, pair.key, false);
  return out;
}

/**
 * Mask the secrets of `--set` layers in their label and text, before any reporter sees them:
 * `--set server.extraEnvironmentVars.VAULT_TOKEN=s.abc` becomes `…VAULT_TOKEN=*****`, keeping the
 * length so that columns still match the label. Every secret the release knows is masked, also
 * one a later layer overrides and one in an argument Helm refuses.
 */
export function redactSetLayers(model: SetRedaction): void {
  const layers = model.userLayers.filter((layer) => layer.kind === 'set' && layer.source !== undefined);
  if (layers.length === 0) return;
  for (const layer of layers) {
    const source = layer.source!;
    const masked = model.mask.mask(source, model.secretSpans(layer));
    if (masked === source) continue;
    const prefix = layer.label.endsWith(source)
      ? layer.label.slice(0, layer.label.length - source.length)
      : `${layer.label.split(' ')[0]} `;
    layer.label = prefix + masked;
    layer.source = masked;
  }
}

function describeValue(node: ValueNode): string {
  if (node.kind === 'map') return 'a map';
  if (node.kind === 'seq') return 'a list';
  return describeScalar(node.value);
}
