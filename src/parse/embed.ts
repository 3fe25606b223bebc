import type { YScalar } from './yaml.js';

/** A span in the values file, possibly widened to the whole scalar when it cannot be placed exactly. */
export interface FileSpan {
  start: number;
  end: number;
  approximate: boolean;
}

/**
 * Maps offsets inside the decoded text of a YAML scalar (an embedded Vault config) back to
 * offsets in the values file. Literal block scalars and escape-free single-line scalars map
 * exactly; anything folded or escaped maps to the whole scalar, marked approximate.
 */
export interface EmbedMap {
  readonly exact: boolean;
  span(start: number, end: number): FileSpan;
}

/** Build the offset map of one scalar. `source` is the whole values-file text. */
export function embedMap(node: YScalar, source: string): EmbedMap {
  if (node.style === 'literal') return literalMap(node, source);
  const raw = source.slice(node.contentStart, node.contentEnd);
  if (raw === node.text && !raw.includes('\n')) return shiftMap(node.contentStart);
  return wholeScalarMap(node);
}

/** Identity for configs that are already positioned in the file (YAML-map configs). */
export const identityMap: EmbedMap = {
  exact: true,
  span: (start, end) => ({ start, end, approximate: false }),
};

function shiftMap(base: number): EmbedMap {
  return { exact: true, span: (start, end) => ({ start: base + start, end: base + end, approximate: false }) };
}

function wholeScalarMap(node: YScalar): EmbedMap {
  return { exact: false, span: () => ({ start: node.start, end: node.end, approximate: true }) };
}

function literalMap(node: YScalar, source: string): EmbedMap {
  const indent = node.indent ?? 0;
  // Decoded line k starts at decodedStarts[k] and comes from file offset fileStarts[k].
  const decodedStarts: number[] = [];
  const fileStarts: number[] = [];
  let decoded = 0;
  let cursor = node.contentStart;
  while (cursor < node.contentEnd) {
    let lineEnd = source.indexOf('\n', cursor);
    if (lineEnd < 0 || lineEnd > node.contentEnd) lineEnd = node.contentEnd;
    let contentEnd = lineEnd;
    if (contentEnd > cursor && source[contentEnd - 1] === '\r') contentEnd--;
    const skip = Math.min(indent, contentEnd - cursor);
    decodedStarts.push(decoded);
    fileStarts.push(cursor + skip);
    decoded += contentEnd - cursor - skip + 1;
    cursor = lineEnd + 1;
  }
  const toFile = (offset: number): number => {
    let low = 0;
    let high = decodedStarts.length - 1;
    if (high < 0) return node.contentStart;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (decodedStarts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return fileStarts[low]! + (offset - decodedStarts[low]!);
  };
  return {
    exact: true,
    span: (start, end) => {
      const fileStart = toFile(start);
      // An end at a line start belongs to the previous line's end, not the next line's indentation.
      const fileEnd = end > start ? toFile(end - 1) + 1 : fileStart;
      return { start: fileStart, end: fileEnd, approximate: false };
    },
  };
}
