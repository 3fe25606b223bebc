/**
 * `text` without the run of `char` at its end. A loop instead of `replace(/x+$/, '')`, which a
 * regex engine tries from every position of the run: quadratic on a long run that is not at the end.
 */
export function trimTrailing(text: string, char: string): string {
  const code = char.charCodeAt(0);
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === code) end--;
  return end === text.length ? text : text.slice(0, end);
}

const BLANK = new Set([9, 10, 12, 13, 32]);
const MLOCK = 'disable_mlock';

/**
 * The chart's test (0.32.0+) for a `disable_mlock` line of the user's, `(?m)^\s*disable_mlock\s*=\s*(true|false)`
 * with Go's `\s` = [\t\n\f\r ], as one linear scan: each occurrence of the name looks back over the
 * blanks before it to a line start and forward over the blanks after it, runs no other occurrence shares.
 */
export function hasExplicitMlockLine(text: string): boolean {
  for (let at = text.indexOf(MLOCK); at >= 0; at = text.indexOf(MLOCK, at + MLOCK.length)) {
    let before = at;
    while (before > 0 && BLANK.has(text.charCodeAt(before - 1)) && text.charCodeAt(before - 1) !== 10) before--;
    if (before > 0 && text.charCodeAt(before - 1) !== 10) continue;
    let after = at + MLOCK.length;
    while (BLANK.has(text.charCodeAt(after))) after++;
    if (text.charCodeAt(after) !== 61) continue;
    after++;
    while (BLANK.has(text.charCodeAt(after))) after++;
    if (text.startsWith('true', after) || text.startsWith('false', after)) return true;
  }
  return false;
}
