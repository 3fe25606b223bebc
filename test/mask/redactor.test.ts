import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { printedForms } from '../../src/mask/redactor.js';
import { SecretMask } from '../../src/mask/secret-mask.js';

/** The obvious quadratic answer: mark every occurrence of every needle. */
function naiveMask(text: string, needles: string[]): string {
  const marked = new Array<boolean>(text.length).fill(false);
  for (const needle of needles) {
    for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1))
      for (let i = at; i < at + needle.length; i++) marked[i] = true;
  }
  return text
    .split('')
    .map((char, i) => (marked[i] && char !== '\n' && char !== '\r' ? '*' : char))
    .join('');
}

describe('SecretMask', () => {
  it('masks the union of overlapping and nested secrets, not a leftmost choice that leaves a tail visible', () => {
    const mask = SecretMask.of(['abcdef', 'defghijk', 'cde0']);
    expect(mask.mask('xxabcdefghijkyy')).toBe('xx***********yy');
    expect(mask.scrub('xxabcdefghijkyy')).toBe('xx****yy');
    expect(mask.scrub('abcdef and defghijk')).toBe('**** and ****');
  });

  it('finds a secret followed by a combining mark (matching is by code unit, not grapheme)', () => {
    expect(SecretMask.of(['token123']).scrub('token123\u0301!')).toBe('****\u0301!');
  });

  it('matches the forms an output prints: JSON, Go (render toJson), GitHub-escaped, and each line', () => {
    const secret = 'p&ss<wd>"x\n  line-two-of-it\nok';
    const forms = printedForms(secret);
    expect(forms).toContain('p\\u0026ss\\u003cwd\\u003e\\"x\\n  line-two-of-it\\nok');
    expect(forms).toContain('p&ss<wd>\\"x\\n  line-two-of-it\\nok');
    expect(forms).toContain('p&ss<wd>"x%0A  line-two-of-it%0Aok');
    expect(forms).toContain('line-two-of-it');
    expect(forms).not.toContain('ok');
    const mask = SecretMask.of([secret]);
    expect(
      mask.scrub(`{"value":${JSON.stringify(secret).replace(/[<>&]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}}`),
    ).toBe('{"value":"****"}');
  });

  it('masks exactly what the quadratic search masks, on any text and secrets', () => {
    const alphabet = fc.constantFrom('a', 'b', 'c', '\n', 'é', '\u{1F600}');
    const word = fc.array(alphabet, { minLength: 0, maxLength: 30 }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(fc.array(word, { maxLength: 6 }), word, (secrets, text) => {
        const needles = secrets.flatMap(printedForms);
        expect(SecretMask.of(secrets).mask(text)).toBe(naiveMask(text, needles));
      }),
      { seed: 8, numRuns: 300 },
    );
  });

  it('masks the same when secrets arrive in batches as when they come at once, through a few automata', () => {
    const alphabet = fc.constantFrom('a', 'b', 'c', '\n', 'é');
    const word = fc.array(alphabet, { minLength: 0, maxLength: 12 }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(fc.array(fc.array(word, { maxLength: 4 }), { maxLength: 8 }), word, (batches, text) => {
        const growing = new SecretMask();
        for (const batch of batches) growing.add(batch);
        const needles = batches.flat().flatMap(printedForms);
        expect(growing.mask(text)).toBe(naiveMask(text, needles));
        expect(growing.scrub(text)).toBe(SecretMask.of(batches.flat()).scrub(text));
      }),
      { seed: 9, numRuns: 300 },
    );
  });

  it('keeps a run of 1,000 files with a new secret each in about log2(1,000) automata, so adding never rebuilds everything', () => {
    const mask = new SecretMask();
    for (let i = 0; i < 1000; i++) {
      expect(mask.add([`file-${i}-token-value`])).toBe(true);
      expect(mask.automata).toBeLessThanOrEqual(Math.floor(Math.log2(i + 1)) + 1);
    }
    expect(mask.add(['file-7-token-value'])).toBe(false);
    expect(mask.scrub('a file-0-token-value b file-999-token-value c')).toBe('a **** b **** c');
  });

  it('handles 5,000 secrets and a long text in one pass (work bounded by the number of trie steps)', () => {
    const secrets = Array.from({ length: 5000 }, (_, i) => `secret-value-${i.toString(36).padStart(4, '0')}`);
    const mask = SecretMask.of(secrets);
    const text = `${'x'.repeat(100_000)} secret-value-0042 ${'secret-value-'.repeat(10_000)}`;
    const scrubbed = mask.scrub(text);
    expect(scrubbed).toContain(' **** ');
    expect(scrubbed).not.toContain('secret-value-0042');
  });
});
