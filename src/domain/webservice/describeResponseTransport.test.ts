import { describe, expect, it } from 'vitest';
import { describeResponseTransport } from './describeResponseTransport';

describe('describeResponseTransport', () => {
  it('says nothing about a plain UTF-8 text answer', () => {
    expect(describeResponseTransport({})).toEqual([]);
    expect(describeResponseTransport({ bodyEncoding: 'text' })).toEqual([]);
  });

  it('names the compression, the charset and a base64 body', () => {
    expect(
      describeResponseTransport({
        bodyEncoding: 'base64',
        decoded: { encoding: 'gzip', charset: 'ISO-8859-1' },
      }),
    ).toEqual([
      'Decompressed from gzip (Content-Encoding).',
      'Decoded from the ISO-8859-1 charset.',
      'The body is not text: its bytes are shown as base64.',
    ]);
  });
});
