import { createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from 'node:zlib';
import type { Transform } from 'node:stream';

export type ContentEncoding = 'gzip' | 'deflate' | 'br';

export interface ContentDecoder {
  encoding: ContentEncoding;
  /**
   * Makes the zlib stream for the body whose first chunk is `firstChunk`: `deflate` is meant to
   * be zlib-wrapped, but some servers send raw deflate, told apart by the zlib header.
   */
  streamFor: (firstChunk: Buffer) => Transform;
}

/** The decoder for a `Content-Encoding` the proxy undoes, or null (none, or one it does not know). */
export function createContentDecoder(contentEncoding: string | undefined): ContentDecoder | null {
  const encoding = (contentEncoding ?? '').trim().toLowerCase();
  if (encoding === 'gzip' || encoding === 'x-gzip') {
    return { encoding: 'gzip', streamFor: () => createGunzip() };
  }
  if (encoding === 'br') return { encoding: 'br', streamFor: () => createBrotliDecompress() };
  if (encoding === 'deflate') {
    return {
      encoding: 'deflate',
      streamFor: (firstChunk) => (hasZlibHeader(firstChunk) ? createInflate() : createInflateRaw()),
    };
  }
  return null;
}

function hasZlibHeader(chunk: Buffer): boolean {
  const [first, second] = chunk;
  if (first === undefined || second === undefined) return true;
  return (first & 0x0f) === 8 && ((first << 8) | second) % 31 === 0;
}
