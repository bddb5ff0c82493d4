import { TextDecoder } from 'node:util';
export interface DecodedResponseText {
  text: string;
  /** The charset the bytes were decoded by, when not UTF-8 (e.g. `windows-1252`). */
  charset: string | null;
}

/**
 * The body as text, decoded by the `charset` of its `Content-Type` (UTF-8 when none is given or
 * the name is unknown). Bytes that are not valid in the charset become U+FFFD; a body cut off at
 * the cap drops the incomplete character at its end. A byte order mark is kept, as sent.
 */
export function decodeResponseText(
  bytes: Uint8Array,
  contentType: string | undefined,
  truncated: boolean,
): DecodedResponseText {
  const decoder = textDecoderFor(charsetOf(contentType));
  const text = decoder.decode(bytes, { stream: truncated });
  return { text, charset: decoder.encoding === 'utf-8' ? null : decoder.encoding };
}

/**
 * Whether the text would take more than twice the body's bytes inside the JSON envelope: control
 * bytes are escaped as `\u0001` (6 bytes each) and invalid UTF-8 becomes U+FFFD (3 bytes), so
 * such a body travels as base64 instead, at 4/3 of its size. Counts as `JSON.stringify` would
 * encode, without building the string, and stops as soon as the limit is passed.
 */
export function isTooCostlyAsText(text: string, byteLength: number): boolean {
  const limit = 2 * byteLength;
  let cost = 0;
  for (let index = 0; index < text.length && cost <= limit; index += 1) {
    cost += envelopeBytesOf(text.charCodeAt(index));
  }
  return cost > limit;
}

function envelopeBytesOf(code: number): number {
  if (code < 0x20) return [0x08, 0x09, 0x0a, 0x0c, 0x0d].includes(code) ? 2 : 6;
  if (code === 0x22 || code === 0x5c) return 2;
  if (code < 0x80) return 1;
  // A surrogate is half of a 4-byte character.
  if (code < 0x800 || (code >= 0xd800 && code <= 0xdfff)) return 2;
  return 3;
}

function charsetOf(contentType: string | undefined): string {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return match?.[1] ?? 'utf-8';
}

function textDecoderFor(charset: string): TextDecoder {
  try {
    return new TextDecoder(charset, { ignoreBOM: true });
  } catch {
    return new TextDecoder('utf-8', { ignoreBOM: true });
  }
}
