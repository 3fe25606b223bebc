/**
 * Bytes of a values file to text, as Helm's YAML reader (go-yaml v2 under sigs.k8s.io/yaml) decodes
 * them: a UTF-16 byte order mark (`FF FE` little endian, `FE FF` big endian) selects UTF-16, a UTF-8
 * mark is dropped, anything else is UTF-8. There is no UTF-32: its little-endian mark reads as UTF-16
 * followed by NUL characters and its big-endian mark as UTF-8 NULs, which the YAML parser then
 * rejects, as Helm does.
 */
export function decodeValues(bytes: Uint8Array): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return buffer.subarray(2, buffer.length - (buffer.length % 2)).toString('utf16le');
  if (buffer[0] === 0xfe && buffer[1] === 0xff) {
    const swapped = Buffer.from(buffer.subarray(2, buffer.length - (buffer.length % 2)));
    return swapped.swap16().toString('utf16le');
  }
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return buffer.subarray(3).toString('utf8');
  return buffer.toString('utf8');
}
