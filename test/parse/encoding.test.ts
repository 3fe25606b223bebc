import { describe, expect, it } from 'vitest';
import { decodeValues } from '../../src/parse/decode.js';
import { LineIndex } from '../../src/parse/lines.js';
import { lintText } from '../../src/lint.js';

// The chart side of TLS off, alone (the listener serves TLS): one finding at 2:15.
const TEXT =
  'global:\n  tlsDisable: true # é\nserver:\n  standalone:\n    config: "listener \\"tcp\\" {\\n tls_cert_file = \\"/a\\"\\n tls_key_file = \\"/b\\"\\n}\\n"\n';

function utf16(text: string, bigEndian: boolean): Buffer {
  const body = Buffer.from(text, 'utf16le');
  if (bigEndian) body.swap16();
  return Buffer.concat([Buffer.from(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]), body]);
}

function utf32(text: string, bigEndian: boolean): Buffer {
  const out = Buffer.alloc(4 + text.length * 4);
  const write = (code: number, at: number): number => (bigEndian ? out.writeUInt32BE(code, at) : out.writeUInt32LE(code, at));
  write(0xfeff, 0);
  [...text].forEach((char, i) => write(char.codePointAt(0)!, 4 + i * 4));
  return out;
}

/** `ruleId/messageId line:column` of the findings whose rule id or `ruleId/messageId` is listed. */
async function found(text: string, ids: string[]): Promise<string[]> {
  return (await lintText(text))
    .filter((finding) => ids.includes(finding.ruleId) || ids.includes(`${finding.ruleId}/${finding.messageId}`))
    .map((finding) => `${finding.ruleId}/${finding.messageId} ${finding.location.line}:${finding.location.column}`);
}

describe('decodeValues (as Helm decodes a values file)', () => {
  it('reads UTF-16 with either byte order mark, and drops a UTF-8 mark', () => {
    expect(decodeValues(utf16(TEXT, false))).toBe(TEXT);
    expect(decodeValues(utf16(TEXT, true))).toBe(TEXT);
    expect(decodeValues(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)]))).toBe(TEXT);
    expect(decodeValues(Buffer.from(TEXT))).toBe(TEXT);
  });

  it('lints a UTF-16 file like its UTF-8 twin, at the same positions', async () => {
    const expected = ['tls-enabled/chartTlsDisabled 2:15'];
    expect(await found(decodeValues(utf16(TEXT, false)), ['tls-enabled/chartTlsDisabled', 'yaml-syntax'])).toEqual(expected);
    expect(await found(decodeValues(utf16(TEXT, true)), ['tls-enabled/chartTlsDisabled', 'yaml-syntax'])).toEqual(expected);
  });

  it('reports UTF-32 as unreadable, as Helm fails on it, saying why', async () => {
    for (const bigEndian of [false, true]) {
      const findings = (await lintText(decodeValues(utf32(TEXT, bigEndian)))).filter((finding) => finding.ruleId === 'yaml-syntax');
      expect(findings.map((finding) => finding.messageId)).toEqual(['syntax']);
      expect(findings[0]!.message).toContain('UTF-32');
    }
  });

  it('starts columns after a byte order mark left in the text', async () => {
    expect(await found(`\uFEFF${TEXT}`, ['tls-enabled/chartTlsDisabled'])).toEqual(['tls-enabled/chartTlsDisabled 2:15']);
    expect(await found('\uFEFFa: [\n', ['yaml-syntax'])).toEqual(['yaml-syntax/syntax 2:1']);
  });
});

describe('line ends', () => {
  it('counts LF, CRLF and a lone CR as one line end each', () => {
    const index = new LineIndex('a\rb\r\nc\nd');
    expect([0, 2, 5, 7].map((offset) => index.position(offset))).toEqual([
      { line: 1, column: 1 },
      { line: 2, column: 1 },
      { line: 3, column: 1 },
      { line: 4, column: 1 },
    ]);
  });

  it('places findings of a CR-only file on their own lines', async () => {
    expect(await found(TEXT.replace(/\n/g, '\r'), ['tls-enabled/chartTlsDisabled', 'yaml-syntax'])).toEqual([
      'tls-enabled/chartTlsDisabled 2:15',
    ]);
  });
});
