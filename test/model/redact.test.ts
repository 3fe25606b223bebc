import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { printedForms, Redactor } from '../../src/model/redact.js';

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

describe('Redactor', () => {
  it('masks the union of overlapping and nested secrets, not a leftmost choice that leaves a tail visible', () => {
    const redactor = Redactor.of(['abcdef', 'defghijk', 'cde0']);
    expect(redactor.mask('xxabcdefghijkyy')).toBe('xx***********yy');
    expect(redactor.scrub('xxabcdefghijkyy')).toBe('xx****yy');
    expect(redactor.scrub('abcdef and defghijk')).toBe('**** and ****');
  });

  it('finds a secret followed by a combining mark (matching is by code unit, not grapheme)', () => {
    expect(Redactor.of(['token123']).scrub('token123\u0301!')).toBe('****\u0301!');
  });

  it('matches the forms an output prints: JSON, Go (render toJson), GitHub-escaped, and each line', () => {
    const secret = 'p&ss<wd>"x\n  line-two-of-it\nok';
    const forms = printedForms(secret);
    expect(forms).toContain('p\\u0026ss\\u003cwd\\u003e\\"x\\n  line-two-of-it\\nok');
    expect(forms).toContain('p&ss<wd>\\"x\\n  line-two-of-it\\nok');
    expect(forms).toContain('p&ss<wd>"x%0A  line-two-of-it%0Aok');
    expect(forms).toContain('line-two-of-it');
    expect(forms).not.toContain('ok');
    const redactor = Redactor.of([secret]);
    expect(
      redactor.scrub(`{"value":${JSON.stringify(secret).replace(/[<>&]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}}`),
    ).toBe('{"value":"****"}');
  });

  it('leaves numbers alone in whole reports when asked, so line numbers survive a PIN', () => {
    expect(Redactor.of(['1234'], { numeric: false }).scrub('line 1234')).toBe('line 1234');
    expect(Redactor.of(['1234']).scrub('line 1234')).toBe('line ****');
  });

  it('masks exactly what the quadratic search masks, on any text and secrets', () => {
    const alphabet = fc.constantFrom('a', 'b', 'c', '\n', 'é', '\u{1F600}');
    const word = fc.array(alphabet, { minLength: 0, maxLength: 30 }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(fc.array(word, { maxLength: 6 }), word, (secrets, text) => {
        const needles = secrets.flatMap(printedForms);
        expect(Redactor.of(secrets).mask(text)).toBe(naiveMask(text, needles));
      }),
      { seed: 8, numRuns: 300 },
    );
  });

  it('handles 5,000 secrets and a long text in one pass (work bounded by the number of trie steps)', () => {
    const secrets = Array.from({ length: 5000 }, (_, i) => `secret-value-${i.toString(36).padStart(4, '0')}`);
    const redactor = Redactor.of(secrets);
    const text = `${'x'.repeat(100_000)} secret-value-0042 ${'secret-value-'.repeat(10_000)}`;
    const scrubbed = redactor.scrub(text);
    expect(scrubbed).toContain(' **** ');
    expect(scrubbed).not.toContain('secret-value-0042');
  });
});
