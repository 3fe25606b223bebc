import { describe, expect, it } from 'vitest';
import { parseHcl } from '../../src/parse/hcl/index.js';
import { standbyAnswersOk } from '../../src/model/facts/probes.js';
import { hasExplicitMlockLine, trimTrailing } from '../../src/model/chart/text.js';
import { guessSecrets } from '../../src/model/secrets.js';
import { renderConfig, renderNotes } from '../../src/model/render.js';
import { buildModel } from '../../src/engine/lint.js';
import { DEFAULT_LIMITS } from '../../src/limits.js';

// Each case once took seconds to minutes at this size because a regex or a search rescanned the
// input from many positions. None asserts a time: the size is the point, and the per-test timeout
// is the guard (a quadratic version of any of these runs far past it).
const GUARD = { timeout: 20_000 };
const HUGE = 200_000;

describe('scans that are linear on hostile input', () => {
  it('HCL number literal of 200,000 digits that is not a valid float', GUARD, () => {
    const file = parseHcl(`a = ${'1'.repeat(HUGE)}e\n`);
    expect(file.body.items).toHaveLength(1);
  });

  it('HCL block comments, 100,000 on one line, each checked for a line break inside itself only', GUARD, () => {
    const file = parseHcl(`${'/* c */'.repeat(100_000)}a = 1\n`);
    expect(file.comments).toHaveLength(100_000);
    expect(file.body.items.map((item) => item.keys[0]!.name)).toEqual(['a']);
  });

  it('HCL nesting of 100,000 levels stops at maxConfigDepth with one error, not a stack overflow', GUARD, () => {
    const depth = 100_000;
    const file = parseHcl(`a = ${'['.repeat(depth)}${']'.repeat(depth)}\n`);
    expect(file.errors[0]!.message).toBe(`Nesting deeper than ${DEFAULT_LIMITS.maxConfigDepth} levels`);
    expect(file.errors.length).toBeLessThanOrEqual(2);
  });

  it('probe path of 200,000 slashes', GUARD, () => {
    expect(standbyAnswersOk(`${'/'.repeat(HUGE)}x`)).toBeUndefined();
    expect(standbyAnswersOk('/v1/sys/health///?standbyok=true')).toBe(true);
  });

  it('trimTrailing strips only the run at the end', () => {
    expect(trimTrailing('a--b---', '-')).toBe('a--b');
    expect(trimTrailing('---', '-')).toBe('');
    expect(trimTrailing(`${'-'.repeat(HUGE)}x`, '-')).toHaveLength(HUGE + 1);
  });

  it('disable_mlock detector over 200,000 blank lines and blanks', GUARD, () => {
    expect(hasExplicitMlockLine(`${'\n'.repeat(HUGE)}x`)).toBe(false);
    expect(hasExplicitMlockLine(`${' \t'.repeat(HUGE)}disable_mlock = maybe`)).toBe(false);
    expect(hasExplicitMlockLine(`${'\n'.repeat(HUGE)}  disable_mlock\n=\ntrue`)).toBe(true);
  });

  it('disable_mlock detector agrees with the chart regex on every short input over its alphabet', () => {
    // The chart's regex as JavaScript reads it; without CR in the alphabet, where Go's (?m) differs:
    // Go starts a line only after LF, JavaScript after CR too.
    const chart = /^[\t\n\f\r ]*disable_mlock[\t\n\f\r ]*=[\t\n\f\r ]*(true|false)/m;
    expect(hasExplicitMlockLine('x\rdisable_mlock = true')).toBe(false);
    expect(hasExplicitMlockLine('x\n\r disable_mlock=\r\nfalse')).toBe(true);
    const parts = ['disable_mlock', ' ', '\n', '\t', '=', 'true', 'false', 'x', '#'];
    let checked = 0;
    const visit = (text: string, depth: number): void => {
      expect(hasExplicitMlockLine(text), JSON.stringify(text)).toBe(chart.test(text));
      checked++;
      if (depth > 0) for (const part of parts) visit(text + part, depth - 1);
    };
    visit('', 5);
    expect(checked).toBe((9 ** 6 - 1) / 8);
  });

  it('credential guesser over unreadable input with 200,000 tabs, and a CR inside a line', GUARD, () => {
    const line = `password: s3cr3t${'\t'.repeat(HUGE)}x`;
    expect(guessSecrets(line)).toEqual([{ start: 10, end: line.length, value: `s3cr3t${'\t'.repeat(HUGE)}x` }]);
    const spaced = `password: ${' '.repeat(HUGE)}\rtoken`;
    expect(guessSecrets(spaced).map((guess) => guess.value)).toEqual(['token']);
    expect(guessSecrets('password: s3cr3t # note\r').map((guess) => guess.value)).toEqual(['s3cr3t']);
  });

  it('render notes for 20,000 distinct Helm actions, each placed on its config line', GUARD, async () => {
    const count = 20_000;
    const config = Array.from({ length: count }, (_, i) => `      x${i} = "{{ .Values.v${i} }}"`).join('\n');
    const model = await buildModel({
      layers: [{ kind: 'file', label: 'values.yaml', text: `server:\n  standalone:\n    config: |\n${config}\n` }],
    });
    const notes = renderNotes(model, renderConfig(model)).filter((note) => note.includes('.Values.v'));
    expect(notes).toHaveLength(count);
    expect(notes[count - 1]).toContain(`(config line ${count})`);
  });

  it("schema check of a config block with 20,000 unknown keys (heredocs): the block's written keys are read once", GUARD, async () => {
    const count = 20_000;
    const config = Array.from({ length: count }, (_, i) => `      k${i} = <<EOT\n      x\n      EOT\n`).join('');
    const model = await buildModel({
      layers: [{ kind: 'file', label: 'values.yaml', text: `server:\n  standalone:\n    config: |\n${config}` }],
    });
    await model.load(['vaultConfigSchema']);
    expect(model.configSchemaProblems.filter((problem) => problem.kind === 'unknownKey')).toHaveLength(count);
  });

  it(
    'secrets known by their shape in 20,000 strings beside 20,000 env credentials: one secretlint batch, each checked against the others in log time',
    GUARD,
    async () => {
      const count = 20_000;
      const urls = Array.from({ length: count }, (_, i) => `    u${i}: postgres://app:Qz7vLp${i}Wk@db.internal:5432/app`).join('\n');
      const env = Array.from({ length: count }, (_, i) => `    DB_PASSWORD_${i}: hvs.EnvToken${String(i).padStart(16, '0')}`).join('\n');
      const model = await buildModel({
        layers: [{ kind: 'file', label: 'values.yaml', text: `server:\n  appTeam:\n${urls}\n  extraEnvironmentVars:\n${env}\n` }],
      });
      expect(model.secrets.filter((secret) => secret.kind === 'detected')).toHaveLength(count);
      expect(model.secrets.filter((secret) => secret.kind === 'env')).toHaveLength(count);
    },
  );

  it('a script of 20,000 lines that each run vault operator init or write a root token: one pass over its lines', GUARD, async () => {
    const count = 20_000;
    const lines = Array.from({ length: count }, (_, i) =>
      i % 2 ? `      vault operator init > /tmp/i${i}` : `      echo $ROOT_TOKEN > /tmp/t${i}`,
    );
    const model = await buildModel({
      layers: [{ kind: 'file', label: 'values.yaml', text: `server:\n  postStart:\n    - |\n${lines.join('\n')}\n` }],
    });
    expect(model.unsealKeyScripts).toHaveLength(1);
    expect(model.unsealKeyScripts[0]!.related).toHaveLength(count - 1);
  });
});
