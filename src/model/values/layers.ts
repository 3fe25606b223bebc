import { keyName, parseYaml, type YamlDocument, type YamlProblem, type YNode } from '../../parse/yaml.js';
import { markTemplated, readTemplateInput, type TemplateInput } from '../../parse/template-input.js';
import { selectSection, writesSection } from './section.js';
import { fileTooLargeMessage, type Limits } from '../../limits.js';
import type { PlainMap } from '../plain.js';
import { chartDefaultTree, fromYaml, Layer, overlay, type PathSegment, type ValueNode } from './tree.js';
import { setConflicts } from './set-layers.js';
import type { CommentFact, SyntaxProblem } from './problems.js';

export type { CommentFact, SyntaxProblem } from './problems.js';

/** One values layer as given to the model: a file's text or a `--set` argument. */
export interface InputLayer {
  kind: 'file' | 'set';
  label: string;
  text: string;
  /** A tree parsed already (for `--set`, built by its own grammar); otherwise the text is parsed as YAML. */
  yaml?: YamlDocument;
  /** The key path of the vault chart's section in an umbrella chart's values (`['vault']`); a file only. */
  section?: readonly string[];
}

/** One user layer: its input, its own parse and the layer it became. */
export interface ParsedInput {
  input: InputLayer;
  document: YamlDocument;
  layer: Layer;
}

/** The effective values of a release and what reading its layers found on the way. */
export interface LayeredValues {
  /** The chart defaults, then each user layer in merge order. */
  layers: Layer[];
  values: ValueNode;
  inputs: ParsedInput[];
  syntaxProblems: SyntaxProblem[];
  comments: CommentFact[];
  /** False when a values file could not be parsed at all; only syntax rules run then. */
  readable: boolean;
  /**
   * Values a later pair with the same key replaced (a templated file's conditional branches, or a key
   * written twice): the effective values keep the last, but each is written in the file, so its
   * credentials count.
   */
  shadowed: ValueNode[];
}

/** Parse each user layer and lay it over the chart defaults, in Helm's merge order. */
export function layerValues(inputs: readonly InputLayer[], chartDefaults: PlainMap, defaultsLabel: string, limits: Limits): LayeredValues {
  const { layer: defaults, tree } = chartDefaultTree(chartDefaults, defaultsLabel);
  const out: LayeredValues = {
    layers: [defaults],
    values: tree,
    inputs: [],
    syntaxProblems: [],
    comments: [],
    readable: true,
    shadowed: [],
  };
  let sectionWritten = false;
  inputs.forEach((input, i) => {
    // A byte order mark is not content: Helm's YAML reader drops it, and columns start after it.
    const text = input.text.charCodeAt(0) === 0xfeff ? input.text.slice(1) : input.text;
    const layer = new Layer(input.kind, input.label, text, i + 1);
    out.layers.push(layer);
    const template = input.kind === 'file' && !input.yaml ? readTemplateInput(text, input.label) : undefined;
    if (template) layer.template = template;
    const parsed = input.yaml ?? parseFile(template?.text ?? text, limits);
    if (template) {
      markTemplated(parsed.root, template.opaque);
      parsed.problems = parsed.problems.filter((problem) => !templateRepeat(problem, template));
    }
    const document = input.section ? { ...parsed, root: selectSection(parsed.root, input.section) } : parsed;
    if (input.section) layer.section = input.section;
    if (input.section && writesSection(parsed.root, input.section)) sectionWritten = true;
    out.inputs.push({ input, document, layer });
    for (const problem of document.problems) {
      out.syntaxProblems.push({
        ruleId: 'yaml-syntax',
        messageId: problem.messageId,
        message: problem.message,
        place: { layer, start: problem.start, end: problem.end, yamlPath: [] },
        ...(problem.related
          ? { related: problem.related.map(({ start, end, message }) => ({ place: { layer, start, end, yamlPath: [] }, message })) }
          : {}),
      });
    }
    for (const comment of document.comments ?? [])
      out.comments.push({ text: comment.text, place: { layer, start: comment.start, end: comment.end, yamlPath: [] } });
    if (document.root === null && document.problems.some((problem) => problem.fatal || (problem.messageId === 'syntax' && input.yaml)))
      out.readable = false;
    if (input.kind === 'set' && document.root?.kind === 'map')
      for (const conflict of setConflicts(out.values, document.root, layer)) out.syntaxProblems.push(conflict);
    if (document.root?.kind === 'map') {
      out.values = overlay(out.values, document.root, layer, [], undefined);
      // Only a file whose reader replaced a pair has one to read: a template's branches, or a key written twice.
      if ((template && template.branchPoints.length > 0) || parsed.problems.some((problem) => problem.messageId === 'duplicateKey'))
        collectShadowed(document.root, out.values, layer, out.shadowed);
    }
    // An empty or comments-only file is a null scalar: nothing to layer, nothing wrong.
    else if (document.root && !(document.root.kind === 'scalar' && document.root.value === null))
      out.syntaxProblems.push(notAMap(layer, document.root));
  });
  const missing = sectionWritten ? undefined : missingSection(out.inputs);
  if (missing) {
    out.syntaxProblems.push(missing);
    out.readable = false;
  }
  return out;
}

/**
 * A values path (`--values-path`, `valuesPath:`) that no readable file writes: linting the chart's
 * defaults in its place would report the file for settings it never meant to make, so nothing but
 * this one finding is reported. An overlay without the section is fine while another file has it.
 */
function missingSection(inputs: readonly ParsedInput[]): SyntaxProblem | undefined {
  const sectioned = inputs.filter(({ input }) => input.section !== undefined);
  const first = sectioned[0];
  if (!first) return undefined;
  // A file that did not parse says so itself.
  if (sectioned.some(({ document }) => document.problems.some((problem) => problem.fatal || problem.messageId === 'syntax')))
    return undefined;
  const path = first.input.section!.join('.');
  const text = first.layer.source ?? '';
  return {
    ruleId: 'yaml-syntax',
    messageId: 'sectionMissing',
    message: `Expected a values file to write "${path}", the values path: Helm passes the vault dependency only the values under its key, so none of this file is read; linting the chart's defaults instead would report settings the file never meant to make`,
    place: { layer: first.layer, start: 0, end: firstCharEnd(text), yamlPath: [] },
  };
}

/**
 * A key written twice in a template is no duplicate when the template decides which copy renders
 * (a conditional's branches lie between them) or when template expressions write the key.
 */
function templateRepeat(problem: YamlProblem, template: TemplateInput): boolean {
  if (problem.messageId !== 'duplicateKey') return false;
  if (template.opaque.some((span) => span.start < problem.end && span.end > problem.start)) return true;
  const first = problem.related?.[0]?.start ?? problem.start;
  return template.branchPoints.some((point) => point > first && point < problem.start);
}

/**
 * The values a later pair with the same key replaced (a template's conditional branches, or a key
 * written twice, which yaml-syntax reports), as value nodes of their own under the node that holds
 * the effective value: what they write is still written in the file, so their credentials count.
 * Each YAML node is visited once.
 */
function collectShadowed(root: YNode, values: ValueNode, layer: Layer, out: ValueNode[]): void {
  const seen = new Set<YNode>();
  const stack: [YNode, ValueNode | undefined, PathSegment[]][] = [[root, values, []]];
  while (stack.length > 0) {
    const [yaml, node, path] = stack.pop()!;
    if (seen.has(yaml)) continue;
    seen.add(yaml);
    if (yaml.kind === 'map') {
      for (const { pair } of yaml.shadowed ?? []) {
        const key = keyName(pair.key);
        const shadow = fromYaml(pair.value, layer, [...path, key], node, pair.key);
        out.push(shadow);
        stack.push([pair.value, shadow, shadow.path]);
      }
      for (const pair of yaml.pairs) {
        const key = keyName(pair.key);
        stack.push([pair.value, node?.kind === 'map' ? node.children.get(key) : undefined, [...path, key]]);
      }
    } else if (yaml.kind === 'seq') {
      yaml.items.forEach((item, i) => stack.push([item, node?.kind === 'seq' ? node.items[i] : undefined, [...path, i]]));
    }
  }
}

/** The end of a finding placed on a whole file: its first character, or nothing when its first line is empty. */
function firstCharEnd(text: string): number {
  return text.length > 0 && text[0] !== '\n' && text[0] !== '\r' ? 1 : 0;
}

/** Parse a values file, unless it is over the size limit (then one finding and nothing read). */
function parseFile(text: string, limits: Limits): YamlDocument {
  const max = limits.maxFileSize;
  // UTF-8 never takes fewer bytes than UTF-16 code units, so only texts near the limit are measured.
  if (text.length > max || (text.length * 3 > max && Buffer.byteLength(text, 'utf8') > max)) {
    return {
      root: null,
      problems: [{ messageId: 'fileTooLarge', message: fileTooLargeMessage(max), start: 0, end: firstCharEnd(text), fatal: true }],
    };
  }
  return parseYaml(text, limits);
}

function notAMap(layer: Layer, node: YNode): SyntaxProblem {
  return {
    ruleId: 'yaml-syntax',
    messageId: 'notAMap',
    message: 'Expected the values file to be a YAML mapping at the top level',
    place: { layer, start: node.start, end: node.start === node.end ? node.end : Math.min(node.end, node.start + 1), yamlPath: [] },
  };
}
