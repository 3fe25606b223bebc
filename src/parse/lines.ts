/**
 * Turns offsets into 1-based lines and columns. This is the only place where that happens:
 * everything else passes offsets around.
 */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    // A line ends at LF, CRLF or a lone CR, as YAML reads line breaks.
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) this.starts.push(i + 1);
    }
  }

  /** 1-based line and column (UTF-16 code units) of an offset; offsets past the end clamp to it. */
  position(offset: number): { line: number; column: number } {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: clamped - this.starts[low]! + 1 };
  }

  /** The offset of a 1-based line and column, the inverse of `position`; places past the end clamp to it. */
  offset(line: number, column: number): number {
    const start = this.starts[line - 1];
    return start === undefined ? this.text.length : Math.min(start + column - 1, this.text.length);
  }
}
