import { keyName, type YMap, type YNode } from '../parse/yaml.js';
import { resolveLimits, type Limits } from '../limits.js';
import { parseDirective, type Directive } from '../parse/directives.js';
import type { PlainMap } from './plain.js';
import type { Layer, Place, ValueNode } from './values/tree.js';
import { layerValues, type CommentFact, type InputLayer, type ParsedInput, type SyntaxProblem } from './values/layers.js';
import { redactSetLayers } from './values/set-layers.js';
import { ReleaseFacts } from './facts/release.js';
import { guessSecrets, guessSetSecrets, type GuessedSecret } from './secrets.js';
import { SecretMask } from '../mask/secret-mask.js';

export { CONFIG_PATHS, IGNORED_CONFIG_KEYS, type Mode, type ConfigRenderError } from './chart/release.js';
export type { CommentFact, InputLayer, SyntaxProblem } from './values/layers.js';

import type { ChartVersion } from './chart/versions.js';
export { CHART_VERSIONS, DEFAULT_CHART_VERSION, type ChartVersion } from './chart/versions.js';

export interface ModelOptions {
  chartVersion: ChartVersion;
  releaseName: string;
  /** The release namespace (`helm -n`), when known; `global.namespace` overrides it. */
  namespace?: string;
  chartDefaults: PlainMap;
  /** `.Chart.Name` when an umbrella chart's alias renames the vault chart (see `ChartOptions.chartName`). */
  chartName?: string;
  /** Overrides of the limits in `src/limits.ts`. */
  limits?: Partial<Limits>;
}

/** An inline directive (`# vault-lint-disable …`) read from a comment, with the comment's place. */
export interface DirectiveFact extends Directive {
  place: Place;
}

/** Rules whose findings no directive can switch off: until the input parses, nothing else is checked. */
export const UNSUPPRESSIBLE_RULES: ReadonlySet<string> = new Set(['yaml-syntax', 'hcl-syntax']);

/**
 * The deployment as the chart would render it, for one run: the values layered from the user's
 * files and `--set` arguments (values/), what the chart renders from them (chart/), the Vault
 * configs (config/) and the derived facts (facts/), plus what only the whole run knows: syntax
 * problems, comments and directives, and the secrets every output is scrubbed of. Rules read
 * this; they never parse.
 */
export class Model extends ReleaseFacts {
  readonly layers: Layer[];
  readonly syntaxProblems: SyntaxProblem[];
  /** False when a values file could not be parsed at all; only syntax rules run then. */
  readonly valuesReadable: boolean;
  declare readonly chartVersion: ChartVersion;
  declare readonly options: ModelOptions;
  private readonly yamlComments: CommentFact[];
  /** Each user layer's input and its own parse, for secrets the effective values no longer show. */
  private readonly inputs: ParsedInput[];

  constructor(inputs: InputLayer[], options: ModelOptions) {
    const limits = resolveLimits(options.limits);
    const layered = layerValues(inputs, options.chartDefaults, `chart defaults ${options.chartVersion}`, limits);
    super(layered.values, options, limits);
    this.shadowedValues = layered.shadowed;
    this.layers = layered.layers;
    this.inputs = layered.inputs;
    this.syntaxProblems = layered.syntaxProblems;
    this.yamlComments = layered.comments;
    this.valuesReadable = layered.readable;
    if (this.valuesReadable) for (const problem of this.configSyntaxProblems()) this.syntaxProblems.push(problem);
    if (this.valuesReadable) this.collectDirectiveProblems();
  }

  /**
   * Finish the model: find the secrets known by their shape, here and in the layers whose values a
   * later layer overrode, then mask the `--set` labels. `buildModel` calls it before anything reads
   * the model's secrets.
   */
  async prepare(): Promise<this> {
    if (this.valuesReadable) await this.detectSecrets();
    for (const { input } of this.overriddenInputs()) await prepareLayerSecrets(input, this.options);
    for (const { input } of this.inputs) {
      const whole = wholeFile(input);
      if (whole) await prepareLayerSecrets(whole, this.options);
    }
    // A `--set` label is the argument itself: mask its secrets before anything can print it.
    if (this.inputs.some(({ input }) => input.kind === 'set')) redactSetLayers(this);
    return this;
  }

  /** The user layers read on their own for secrets: parsed maps whose values the effective values may no longer show. */
  private overriddenInputs(): ParsedInput[] {
    if (this.inputs.length < 2) return [];
    return this.inputs.filter(
      ({ document, layer }) =>
        document.root !== null && document.root.kind === 'map' && (!this.valuesReadable || overridden(document.root, this.values, layer)),
    );
  }

  /** The user-supplied layers (files and `--set`), in merge order. */
  get userLayers(): Layer[] {
    return this.layers.filter((layer) => layer.kind !== 'default');
  }

  /**
   * The comments of the user's files as the parsers found them: YAML comments, and the comments of
   * the user's embedded configs placed in the values file. A `#` inside a value is not a comment.
   */
  get comments(): CommentFact[] {
    return this.memo('comments', () => {
      const out = [...this.yamlComments];
      if (!this.valuesReadable) return out;
      for (const config of this.userConfigs) {
        if (config.format === 'yaml-map') continue;
        for (const comment of config.file.comments) {
          const place = config.placeOf(comment, []);
          // A comment inside an escaped or folded scalar has no exact line: it cannot aim a directive.
          if (!place.approximate) out.push({ text: comment.text, place });
        }
      }
      return out;
    });
  }

  /** The inline directives (`vault-lint-disable…`) written in the user's comments. */
  get directives(): DirectiveFact[] {
    return this.memo('directives', () => {
      const out: DirectiveFact[] = [];
      for (const comment of this.comments) {
        const directive = parseDirective(comment.text);
        if (directive) out.push({ ...directive, place: comment.place });
      }
      return out;
    });
  }

  /** A directive naming a syntax rule is itself a finding of that rule: syntax findings stay on. */
  private collectDirectiveProblems(): void {
    for (const directive of this.directives) {
      for (const ruleId of directive.rules) {
        if (ruleId !== 'yaml-syntax' && ruleId !== 'hcl-syntax') continue;
        this.syntaxProblems.push({
          ruleId,
          messageId: 'notDisableable',
          message: `Ignored "vault-lint-${directive.kind} ${ruleId}": syntax findings cannot be switched off`,
          place: directive.place,
        });
      }
    }
  }

  /**
   * Every secret text this release's input holds, for the redactor: the secrets of the effective
   * values; those of values a later layer overrode (found in that layer alone); credentials guessed
   * from text that does not parse (a broken file, a `--set` Helm refuses, a broken embedded config);
   * and each secret as written in the source when that differs (YAML or HCL escapes).
   */
  get knownSecrets(): string[] {
    return this.memo('knownSecrets', () => {
      const out = new Set<string>();
      if (this.valuesReadable) {
        for (const fact of this.secrets) {
          out.add(fact.value);
          const place = fact.place();
          if (!place.approximate && place.layer.source !== undefined) out.add(unquote(place.layer.source.slice(place.start, place.end)));
        }
        for (const config of this.userConfigs) {
          if (config.file.errors.length > 0) for (const guess of guessSecrets(config.text)) out.add(guess.value);
        }
        // Unseal key shares written in a script: no detector knows their shape, the script around them does.
        for (const script of this.unsealKeyScripts) for (const share of script.keyShares) out.add(share.value);
      }
      for (const { input, document, layer } of this.inputs) {
        // A template's expressions may cover a credential's line (an action running over it): guessed from the text as written.
        if (layer.template) for (const guess of guessSecrets(input.text)) out.add(guess.value);
        // An umbrella's other sections (a database's password) never reach the model: the whole file
        // is read once more as values of its own, and its credential lines are guessed as well.
        const whole = wholeFile(input);
        if (whole) {
          for (const secret of layerSecrets(whole, this.options)) out.add(secret);
          for (const guess of guessSecrets(input.text)) out.add(guess.value);
        }
        if (document.root === null) for (const guess of this.guessedSpans(layer)) out.add(guess.value);
      }
      for (const { input } of this.overriddenInputs()) for (const secret of layerSecrets(input, this.options)) out.add(secret);
      return [...out];
    });
  }

  /** Credentials guessed in a layer that did not parse. */
  guessedSpans(layer: Layer): GuessedSecret[] {
    const entry = this.inputs.find((candidate) => candidate.layer === layer);
    if (!entry || entry.document.root !== null) return [];
    return entry.input.kind === 'set' ? guessSetSecrets(entry.input.text) : guessSecrets(entry.input.text);
  }

  /** Scrubs and masks every secret this release's input holds, in every form it could be printed in. */
  get mask(): SecretMask {
    return this.memo('mask', () => SecretMask.of(this.knownSecrets));
  }

  /**
   * The spans of a layer's text that hold a secret, for masking it one character for one: each
   * secret the model found there and what looks like a credential in text it could not read.
   * The mask finds other places the same text recurs.
   */
  secretSpans(layer: Layer): { start: number; end: number }[] {
    const found = this.valuesReadable ? this.secrets.map((secret) => secret.place()).filter((place) => place.layer === layer) : [];
    return [...found, ...this.guessedSpans(layer)];
  }
}

/** A secret as written, without the quotes around it (which stay visible in a masked line). */
function unquote(raw: string): string {
  return /^(["']).*\1$/s.test(raw) ? raw.slice(1, -1) : raw;
}

/** An umbrella values file read whole, not only its Vault section: one object per input, so its secrets are found once. */
const wholeFiles = new WeakMap<InputLayer, InputLayer>();

function wholeFile(input: InputLayer): InputLayer | undefined {
  if (!input.section || input.kind !== 'file') return undefined;
  let whole = wholeFiles.get(input);
  if (!whole) {
    const { section: _section, ...rest } = input;
    wholeFiles.set(input, (whole = rest));
  }
  return whole;
}

/** The secrets of one layer read alone, once per input and chart version. */
const layerSecretCache = new WeakMap<InputLayer, Map<string, string[]>>();

async function prepareLayerSecrets(input: InputLayer, options: ModelOptions): Promise<void> {
  let byVersion = layerSecretCache.get(input);
  if (!byVersion) layerSecretCache.set(input, (byVersion = new Map()));
  if (!byVersion.has(options.chartVersion)) byVersion.set(options.chartVersion, (await new Model([input], options).prepare()).knownSecrets);
}

/** The secrets of one layer read alone; `prepare()` found them first, else they are read without the shape detector. */
function layerSecrets(input: InputLayer, options: ModelOptions): string[] {
  let byVersion = layerSecretCache.get(input);
  if (!byVersion) layerSecretCache.set(input, (byVersion = new Map()));
  let secrets = byVersion.get(options.chartVersion);
  if (!secrets) byVersion.set(options.chartVersion, (secrets = new Model([input], options).knownSecrets));
  return secrets;
}

/**
 * Whether a later layer replaced any value this layer wrote (so that its secrets may be missing
 * from the effective values). Each YAML node is visited once; a node met twice (an alias) or a
 * merge key answers yes, which only costs a second reading of the layer.
 */
function overridden(root: YMap, values: ValueNode, layer: Layer): boolean {
  const seen = new Set<YNode>();
  const stack: [YNode, ValueNode | undefined][] = [[root, values]];
  while (stack.length > 0) {
    const [yaml, node] = stack.pop()!;
    if (seen.has(yaml)) return true;
    seen.add(yaml);
    if (yaml.kind === 'scalar') {
      if (yaml.value !== null && node?.layer !== layer) return true;
    } else if (yaml.kind === 'map') {
      if (node?.kind !== 'map') return yaml.pairs.length > 0;
      for (const pair of yaml.pairs) {
        stack.push([pair.value, node.children.get(keyName(pair.key))]);
      }
    } else {
      if (node?.kind !== 'seq' || node.layer !== layer) return yaml.items.length > 0;
      yaml.items.forEach((item, i) => stack.push([item, node.items[i]]));
    }
  }
  return false;
}
