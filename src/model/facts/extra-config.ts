import type { ConfiguredRelease } from '../config/release.js';
import { pathCovers, type MountFact } from './mounts.js';
import type { ValueNode } from '../values/tree.js';

/** Where the chart mounts its own ConfigMap (the config the model reads) when it renders one. */
const CHART_CONFIG_DIR = '/vault/config';

/** A `-config` file or directory that `server.extraArgs` adds to `vault server`. */
export interface ExtraConfigFile {
  /** The path as written. */
  path: string;
  /** The `server.extraArgs` value. */
  node: ValueNode;
  /**
   * `chart`: under the chart's own config mount, which holds the config the model reads already;
   * `mounted`: on a volume the values mount (a ConfigMap, Secret or claim whose content the values
   * do not hold); `unmounted`: no mount the model knows covers it.
   */
  source: 'chart' | 'mounted' | 'unmounted';
  mount?: MountFact;
}

/**
 * Shell words of the chart's `/bin/sh -ec` command line: whitespace-separated, quotes grouping,
 * a backslash in double quotes escaping the next character. One pass over the text.
 */
function shellWords(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      i++;
      continue;
    }
    inWord = true;
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) {
        if (text[i] === '\\' && i + 1 < text.length) i++;
        word += text[i];
      }
      i++;
    } else if (c === "'") {
      const close = text.indexOf("'", i + 1);
      const stop = close < 0 ? text.length : close;
      word += text.slice(i + 1, stop);
      i = stop + 1;
    } else {
      word += c;
      i++;
    }
  }
  if (inWord) words.push(word);
  return words;
}

/**
 * The `-config=<path>` and `-config <path>` arguments of `server.extraArgs` (Vault accepts one or
 * two dashes), each with the mount it is read from. The chart appends extraArgs to
 * the `vault server -config=<the copied chart config>` line in every server mode (templates/server-statefulset.yaml).
 */
export function collectExtraConfigFiles(model: ConfiguredRelease & { readonly mounts: MountFact[] }): ExtraConfigFile[] {
  const node = model.get('server.extraArgs');
  if (!node || typeof node.value !== 'string' || node.value.trim() === '') return [];
  const words = shellWords(node.value);
  const paths: string[] = [];
  words.forEach((word, index) => {
    const joined = /^--?config=(.*)$/.exec(word);
    if (joined) paths.push(joined[1]!);
    else if (/^--?config$/.test(word) && words[index + 1] !== undefined) paths.push(words[index + 1]!);
  });
  const chartConfigMounted = model.config !== undefined;
  return paths
    .filter((path) => path !== '')
    .map((path) => {
      if (chartConfigMounted && pathCovers(CHART_CONFIG_DIR, path)) return { path, node, source: 'chart' };
      const mount = model.mounts.filter((candidate) => pathCovers(candidate.path, path)).sort((a, b) => b.path.length - a.path.length)[0];
      return mount ? { path, node, source: 'mounted', mount } : { path, node, source: 'unmounted' };
    });
}
