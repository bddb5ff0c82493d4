import { describe, expect, it } from 'vitest';
import { decodeResponseText, isTooCostlyAsText } from './decodeResponseText';

describe('decodeResponseText', () => {
  it('decodes by the charset of the Content-Type and names it when not UTF-8', () => {
    expect(
      decodeResponseText(Buffer.from('café', 'latin1'), 'text/plain; charset="iso-8859-1"', false),
    ).toEqual({
      text: 'café',
      charset: 'windows-1252',
    });
    expect(decodeResponseText(Buffer.from('café'), 'application/json', false)).toEqual({
      text: 'café',
      charset: null,
    });
  });

  it('reads an unknown charset as UTF-8', () => {
    expect(decodeResponseText(Buffer.from('café'), 'text/plain; charset=klingon', false)).toEqual({
      text: 'café',
      charset: null,
    });
  });

  it('drops the half character at the end of a cut-off body, and keeps a byte order mark', () => {
    const euro = Buffer.from('a€');
    expect(decodeResponseText(euro.subarray(0, 2), undefined, true).text).toBe('a');
    expect(decodeResponseText(Buffer.from('\uFEFF{}'), undefined, false).text).toBe('\uFEFF{}');
  });
});

describe('isTooCostlyAsText', () => {
  it.each([
    ['plain text', Buffer.from('{"data":{"variables":{"a":"b"}}}')],
    ['quotes and backslashes', Buffer.from('"\\'.repeat(100))],
    ['line breaks and tabs', Buffer.from('\n\r\t\b\f'.repeat(100))],
    ['accents and emoji', Buffer.from('Zürich 😀 €'.repeat(100))],
    ['control bytes', Buffer.alloc(100, 0x01)],
    ['invalid UTF-8', Buffer.alloc(100, 0xff)],
    ['one control byte in text', Buffer.from(`${'a'.repeat(100)}\u0001`)],
  ])('agrees with JSON.stringify for %s', (_name, bytes) => {
    const { text } = decodeResponseText(bytes, undefined, false);
    const exact = Buffer.byteLength(JSON.stringify(text)) - 2;
    expect(isTooCostlyAsText(text, bytes.length)).toBe(exact > 2 * bytes.length);
  });
});
