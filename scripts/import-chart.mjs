// Copies from hashicorp/vault-helm release tags what scripts/gen-chart.mjs needs, into committed
// inputs under schemas/vault-helm/<version>/:
//   values.yaml         the chart's defaults, byte for byte
//   templates.json      what the templates read: every values path, and the paths they render
//                       verbatim into Kubernetes objects (toYaml, tpl, range over a map's keys)
//
//   node scripts/import-chart.mjs <vault-helm git dir> <tag|version>...
//
// This is the only step that reads the chart; the generator reads only these files, so builds and
// tests never need a checkout or the network.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = new URL('../', import.meta.url);

/** Output folder of one version's inputs, relative to the repository root. */
export const inputDir = (version) => `schemas/vault-helm/${version}`;

const git = (dir, ...args) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

/** Import one tag; returns the files written. */
function importTag(dir, tag) {
  const version = tag.replace(/^v/, '');
  const ref = `v${version}`;
  const names = git(dir, 'ls-tree', '-r', '--name-only', ref).split('\n');
  const templates = new Map();
  for (const name of names) {
    if (/^templates\/.*\.(ya?ml|tpl|txt)$/.test(name)) templates.set(name, git(dir, 'show', `${ref}:${name}`));
  }
  const chartYaml = git(dir, 'show', `${ref}:Chart.yaml`);
  const declared = /^version:\s*["']?([^"'\s]+)/m.exec(chartYaml)?.[1];
  if (declared !== version) throw new Error(`${ref}: Chart.yaml says version ${declared}, expected ${version}`);
  const out = inputDir(version);
  mkdirSync(new URL(`${out}/`, root), { recursive: true });
  const written = [];
  const write = (name, text) => {
    writeFileSync(new URL(`${out}/${name}`, root), text);
    written.push(`${out}/${name}`);
  };
  write('values.yaml', git(dir, 'show', `${ref}:values.yaml`));
  const { reads, verbatim } = analyseTemplates(templates);
  write('templates.json', `${JSON.stringify({ tag: ref, templates: [...templates.keys()].sort(), reads, verbatim }, null, 2)}\n`);
  return written;
}

const OPENERS = /^(if|with|range|define|block)\b/;

/**
 * Which values paths the templates read, and which they render verbatim. Paths are dotted, with
 * `[]` for the items of a list the templates range over (`server.extraVolumes[].name`).
 *
 * The analysis follows the dot: `with X` and `range X` move it, a `define` body sees the argument of
 * each `include`/`template` call of it, and `$name := X` names a path. It is a reading aid for the
 * schema generator, not a template engine: what it cannot place (a dot of unknown origin) is skipped,
 * and scripts/chart-curation.json adds what the templates read in ways it does not follow.
 */
export function analyseTemplates(templates) {
  const reads = new Set();
  const verbatim = new Set();
  const defines = new Map();
  const bodies = [];
  for (const [name, text] of templates) {
    const actions = tokenize(text);
    // Split out define bodies; the rest of the file runs with the root context.
    const top = [];
    for (let i = 0; i < actions.length; i++) {
      const match = /^define\s+"([^"]+)"/.exec(actions[i]);
      if (!match) {
        top.push(actions[i]);
        continue;
      }
      let depth = 1;
      const body = [];
      for (i++; i < actions.length; i++) {
        if (OPENERS.test(actions[i])) depth++;
        else if (/^end\b/.test(actions[i]) && --depth === 0) break;
        body.push(actions[i]);
      }
      defines.set(match[1], body);
    }
    bodies.push({ name, actions: top });
  }
  // Contexts each define is called with, found while walking; walked until nothing new appears.
  const contexts = new Map();
  const queue = bodies.map((body) => ({ actions: body.actions, dot: ROOT }));
  const seen = new Set();
  while (queue.length > 0) {
    const { actions, dot } = queue.shift();
    walk(actions, dot, reads, verbatim, (name, context) => {
      const key = `${name}\u0000${context}`;
      if (seen.has(key) || !defines.has(name)) return;
      seen.add(key);
      contexts.set(name, [...(contexts.get(name) ?? []), context]);
      queue.push({ actions: defines.get(name), dot: context });
    });
  }
  const sorted = (set) => [...set].filter((path) => path !== '' && !path.startsWith('[]')).sort();
  return { reads: sorted(reads), verbatim: sorted(verbatim) };
}

/** The root context (`.` is the top-level object: `.Values.x` is the values path `x`). */
const ROOT = '\u0000root';
/** A dot of unknown origin: relative paths under it are not values paths we can name. */
const UNKNOWN = '\u0000unknown';

/** The actions of a template, comments removed, trim markers and string literals blanked. */
function tokenize(text) {
  const actions = [];
  const pattern = /\{\{-?\s*([\s\S]*?)\s*-?\}\}/g;
  for (const match of text.matchAll(pattern)) {
    const body = match[1];
    if (body.startsWith('/*')) continue;
    actions.push(body.replace(/"(?:[^"\\]|\\.)*"|`[^`]*`/g, (literal) => (/^"[\w-][\w.-]*"$/.test(literal) ? literal : '""')));
  }
  return actions;
}

function walk(actions, start, reads, verbatim, call) {
  const stack = [start];
  const vars = new Map([['$', ROOT]]);
  for (const raw of actions) {
    let action = raw;
    // (((.Values.a)).b) is .Values.a.b
    for (let previous; previous !== action;) {
      previous = action;
      action = action.replace(/\(\s*((?:\$\w*)?(?:\.\w+)+)\s*\)(?=\.\w)/g, '$1').replace(/\(\s*((?:\$\w*)?(?:\.\w+)+)\s*\)/g, '$1');
    }
    const dot = stack[stack.length - 1];
    const resolve = (token) => resolveToken(token, dot, vars);
    const note = (path) => {
      if (path !== undefined) reads.add(path);
    };
    const keyword = /^(\w+)\b/.exec(action)?.[1];
    if (keyword === 'end') {
      if (stack.length > 1) stack.pop();
      continue;
    }
    const tokens = [...action.matchAll(/(?<![\w\])])(\$\w*(?:\.\w+)*|(?:\.\w+)+|\.(?![\w.]))/g)].map((match) => ({
      token: match[1],
      index: match.index,
      end: match.index + match[1].length,
    }));
    for (const { token } of tokens) note(resolve(token));
    // Verbatim renderings: toYaml X, tpl X, toJson X, X | toYaml, range $k, $v := X.
    for (const { token, index, end } of tokens) {
      const before = action.slice(0, index);
      const after = action.slice(end);
      if (
        /\b(toYaml|toJson|toPrettyJson|tpl)\s+\(*\s*$/.test(before) ||
        /^\s*\)*\s*\|\s*(toYaml|toJson|toPrettyJson)\b/.test(after) ||
        /\brange\s+\$\w+\s*,\s*\$\w+\s*:=\s*$/.test(before)
      ) {
        const path = resolve(token);
        if (path !== undefined) verbatim.add(path);
      }
    }
    const assignment = /^(\$\w+)\s*:?=\s*(\(*\s*(\$\w*(?:\.\w+)*|(?:\.\w+)+|\.)\s*\)*)\s*$/.exec(action);
    if (assignment) vars.set(assignment[1], resolve(assignment[3]) ?? UNKNOWN);
    for (const match of action.matchAll(/\b(?:include|template)\s+"([^"]+)"\s+(\(*\s*(\$\w*(?:\.\w+)*|(?:\.\w+)+|\.))?/g)) {
      const argument = match[3];
      if (argument === undefined) continue;
      call(match[1], contextOf(argument, dot, vars));
    }
    if (keyword === 'with' || keyword === 'range') {
      const expression = action.replace(/^(with|range)\s+(\$\w+\s*(,\s*\$\w+\s*)?:=\s*)?/, '').trim();
      const single = /^\(*\s*(\$\w*(?:\.\w+)*|(?:\.\w+)+|\.)\s*\)*(\s*-)?$/.exec(expression);
      let next = UNKNOWN;
      if (single) {
        const context = contextOf(single[1], dot, vars);
        next = context === UNKNOWN || context === ROOT ? context : keyword === 'range' ? `${context}[]` : context;
      }
      stack.push(next);
    } else if (keyword && OPENERS.test(keyword)) {
      stack.push(dot);
    }
  }
}

/** The values path a token names (`server.ha`), or undefined when it names none. */
function resolveToken(token, dot, vars) {
  const context = contextOf(token, dot, vars);
  return context === ROOT || context === UNKNOWN ? undefined : context;
}

function contextOf(token, dot, vars) {
  let base;
  let rest;
  if (token.startsWith('$')) {
    const name = /^\$\w*/.exec(token)[0];
    base = vars.get(name) ?? UNKNOWN;
    rest = token.slice(name.length);
  } else {
    base = dot;
    rest = token === '.' ? '' : token;
  }
  if (base === UNKNOWN) return UNKNOWN;
  const segments = rest.split('.').filter(Boolean);
  if (base === ROOT) {
    if (segments.length === 0) return ROOT;
    if (segments[0] !== 'Values') return UNKNOWN;
    return segments.slice(1).join('.');
  }
  return [base, ...segments].filter(Boolean).join('.');
}

function main() {
  const [dir, ...tags] = process.argv.slice(2);
  if (!dir || tags.length === 0) {
    console.error('usage: node scripts/import-chart.mjs <vault-helm git dir> <tag>...');
    process.exit(2);
  }
  for (const tag of tags) for (const path of importTag(dir, tag)) console.log(`wrote ${path}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
