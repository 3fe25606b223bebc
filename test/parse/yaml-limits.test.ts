import { describe, expect, it } from 'vitest';
import { parseYaml, type YMap, type YScalar, type YSeq } from '../../src/parse/yaml.js';
import { DEFAULT_LIMITS } from '../../src/limits.js';

// Hostile inputs where size is the point. None asserts a time: each is a size that finishes at once
// when the work is linear or bounded, and would run for minutes (past the per-test timeout) otherwise.
const GUARD = { timeout: 20_000 };

function messageIds(text: string): string[] {
  return parseYaml(text).problems.map((problem) => problem.messageId);
}

/** `a: &a [x × 10]`, then each level an anchored list of 10 aliases of the previous one: 10^levels nodes. */
function aliasBomb(levels: number): string {
  const lines = ['l0: &l0 [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i <= levels; i++)
    lines.push(
      `l${i}: &l${i} [${Array(10)
        .fill(`*l${i - 1}`)
        .join(', ')}]`,
    );
  return `${lines.join('\n')}\n`;
}

describe('alias expansion budget (maxAliasExpansion)', () => {
  it('stops a list alias bomb at the alias that crosses the budget, with a fatal finding', GUARD, () => {
    const text = aliasBomb(30);
    const { root, problems } = parseYaml(text);
    expect(root).toBeNull();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ messageId: 'aliasBudget', fatal: true });
    // l4 holds ten copies of l3 (11,111 nodes each): the ninth crosses the budget.
    expect(text.slice(problems[0]!.start, problems[0]!.end)).toBe('*l3');
    expect(text.slice(0, problems[0]!.start).split('\n')).toHaveLength(5);
  });

  it('stops a bomb built from merge keys', GUARD, () => {
    const lines = ['m0: &m0 {a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, i: 9, j: 10}'];
    for (let i = 1; i <= 40; i++) lines.push(`m${i}: &m${i}\n  <<: [*m${i - 1}]\n  k${i}: {<<: *m${i - 1}}`);
    expect(messageIds(lines.join('\n'))).toEqual(['aliasBudget']);
  });

  it('stops one 2,000-key anchor merged into 2,000 maps after a few dozen merges', GUARD, () => {
    const keys = Array.from({ length: 2000 }, (_, i) => `k${i}: ${i}`).join(', ');
    const maps = Array.from({ length: 2000 }, (_, i) => `m${i}: {<<: *base}`).join('\n');
    const text = `base: &base {${keys}}\n${maps}\n`;
    const { root, problems } = parseYaml(text);
    expect(root).toBeNull();
    expect(problems.map((problem) => problem.messageId)).toEqual(['aliasBudget']);
    // 2,000 keys and their values are 4,001 nodes a merge: the budget lets 24 merges through.
    const line = text.slice(0, problems[0]!.start).split('\n').length;
    expect(line).toBe(2 + Math.floor(DEFAULT_LIMITS.maxAliasExpansion / 4001));
  });

  it('leaves ordinary anchors and merges alone, explicit keys winning', () => {
    const keys = Array.from({ length: 50 }, (_, i) => `k${i}: ${i}`).join(', ');
    const maps = Array.from({ length: 50 }, (_, i) => `m${i}: {<<: *base, k0: own}`).join('\n');
    const { root, problems } = parseYaml(`base: &base {${keys}}\n${maps}\n`);
    expect(problems).toEqual([]);
    const last = (root as YMap).pairs[50]!.value as YMap;
    expect(last.pairs).toHaveLength(50);
    expect(last.pairs.map((pair) => [pair.key.text, (pair.value as YScalar).value]).slice(-2)).toEqual([
      ['k49', 49],
      ['k0', 'own'],
    ]);
  });
});

describe('nesting depth (maxDepth)', () => {
  it('reports nesting past the limit as a fatal finding, not a stack overflow', GUARD, () => {
    const depth = 100_000;
    const text = `a: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
    const { root, problems } = parseYaml(text);
    expect(root).toBeNull();
    expect(problems).toEqual([expect.objectContaining({ messageId: 'depthLimit', fatal: true })]);
  });

  it('counts the depth an alias adds where it is used', () => {
    const nested = `${'['.repeat(150)}x${']'.repeat(150)}`;
    const text = `a: &a ${nested}\nb: ${'['.repeat(60)}*a${']'.repeat(60)}\n`;
    const { root, problems } = parseYaml(text);
    expect(root).toBeNull();
    expect(problems).toEqual([expect.objectContaining({ messageId: 'depthLimit' })]);
    expect(text.slice(problems[0]!.start, problems[0]!.end)).toBe('*a');
  });
});

describe('linear building of large maps', () => {
  it('replaces 50,000 duplicate keys without rescanning the map each time', GUARD, () => {
    const count = 50_000;
    const text = Array.from({ length: count }, (_, i) => `a: ${i}`).join('\n');
    const { root, problems } = parseYaml(text);
    // One problem for the key, at its first repeat; the first occurrence and every later repeat are related.
    expect(problems).toHaveLength(1);
    expect(problems[0]!.related).toHaveLength(count - 1);
    expect((root as YMap).pairs.map((pair) => (pair.value as YScalar).value)).toEqual([count - 1]);
  });

  it('overrides 30,000 merged keys without rescanning the map each time', GUARD, () => {
    const count = 30_000;
    const base = Array.from({ length: count }, (_, i) => `k${i}: ${i}`).join(', ');
    const own = Array.from({ length: count }, (_, i) => `  k${i}: own`).join('\n');
    const { root, problems } = parseYaml(`base: &b {${base}}\nuse:\n  <<: *b\n${own}\n`);
    expect(problems).toEqual([]);
    const use = (root as YMap).pairs[1]!.value as YMap;
    expect(use.pairs).toHaveLength(count);
    expect(use.pairs.every((pair) => (pair.value as YScalar).value === 'own')).toBe(true);
  });

  it('reports 100,000 extra documents once, without searching back for each marker', GUARD, () => {
    const text = `a: 1\n${'...\nb: 2\n'.repeat(100_000)}`;
    const { root, problems } = parseYaml(text);
    expect(problems).toEqual([expect.objectContaining({ messageId: 'multipleDocuments', start: 5, end: 8 })]);
    expect((root as YMap).pairs).toHaveLength(1);
  });

  it('finds a block indicator after a long comment-free key line and never inside a comment', GUARD, () => {
    const text = 'a: |  # c|x>\n  body # not a comment\nb: >\n  folded\n';
    const { root, comments } = parseYaml(text);
    const [a, b] = (root as YMap).pairs.map((pair) => pair.value as YScalar);
    expect(text[a!.start]).toBe('|');
    expect(a!.start).toBe(3);
    expect(text[b!.start]).toBe('>');
    expect(comments?.map((comment) => comment.text)).toEqual([' c|x>']);
  });
});

describe('comments as the parser delimits them', () => {
  it('finds comments between tokens and never inside scalars', () => {
    const text = [
      '# top',
      'a: "x # not" # after a quoted value',
      "b: 'y#z' #t",
      'c: plain#text',
      'd: |',
      '  # inside a block',
      'e: &anchor#1 v # after anchor',
      'f: [1, 2] # flow',
      '',
    ].join('\n');
    const { comments } = parseYaml(text);
    expect(comments?.map((comment) => comment.text)).toEqual([' top', ' after a quoted value', 't', ' after anchor', ' flow']);
    for (const comment of comments ?? []) expect(text[comment.start]).toBe('#');
  });

  it('keeps the comments of the first document only', () => {
    const { comments } = parseYaml('a: 1 # one\n# tail\n--- # marker line\nb: 2 # two\n');
    expect(comments?.map((comment) => comment.text)).toEqual([' one', ' tail']);
  });

  it('gives no comments for an unreadable file', () => {
    expect(parseYaml('a: [\n# c\n').comments).toBeUndefined();
  });
});

describe('documents after the first (Helm decodes only the first)', () => {
  it('reports a syntax error in a later document without losing the first', () => {
    const text = 'a: 1\n---\nb: [\n';
    const { root, problems } = parseYaml(text);
    expect((root as YMap).pairs.map((pair) => pair.key.text)).toEqual(['a']);
    expect(problems.map((problem) => [problem.messageId, problem.fatal ?? false])).toEqual([
      ['multipleDocuments', false],
      ['syntax', false],
    ]);
    expect(problems[0]).toMatchObject({ start: 5, end: 8 });
  });

  it('keeps an error in the first document fatal', () => {
    const { root, problems } = parseYaml('---\na: [\n---\nb: 1\n');
    expect(root).toBeNull();
    expect(problems).toEqual([expect.objectContaining({ messageId: 'syntax', fatal: true })]);
  });

  it('reports the second document once when the error is in the third', () => {
    const { root, problems } = parseYaml('a: 1\n---\nb: 2\n---\nc: [\n');
    expect((root as YMap).pairs).toHaveLength(1);
    expect(problems.map((problem) => problem.messageId)).toEqual(['multipleDocuments', 'syntax']);
  });

  it('parses documents of sequences too', () => {
    const { root } = parseYaml('- 1\n---\n: :\n');
    expect((root as YSeq).items).toHaveLength(1);
  });
});
