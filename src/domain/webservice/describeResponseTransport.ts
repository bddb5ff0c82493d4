import type { WebServiceTestResponse } from './webServiceTestApi';

/**
 * Plain sentences on what the server did to show the answer's body: decompressed it, decoded
 * it from another charset, or carried bytes that are not text as base64.
 */
export function describeResponseTransport(
  response: Pick<WebServiceTestResponse, 'bodyEncoding' | 'decoded'>,
): string[] {
  const notes: string[] = [];
  if (response.decoded?.encoding) {
    notes.push(`Decompressed from ${response.decoded.encoding} (Content-Encoding).`);
  }
  if (response.decoded?.charset) {
    notes.push(`Decoded from the ${response.decoded.charset} charset.`);
  }
  if (response.bodyEncoding === 'base64') {
    notes.push('The body is not text: its bytes are shown as base64.');
  }
  return notes;
}
