import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Hands out one token per page session and recognises the ones this server start issued. */
export interface SessionTokens {
  issue: () => string;
  isGenuine: (token: string) => boolean;
}

const idBytes = 11;
const macBytes = 21;
/** Tokens already verified, so a page's calls after its first skip the HMAC; bounded. */
const maxRememberedTokens = 10_000;

/**
 * Tokens are a random id and its HMAC under a per-start secret (43 base64url characters), so
 * each page session has its own token — the key of its cap on calls in flight — and the server
 * needs no list of them (it remembers those it has verified, to skip the HMAC next time). A
 * restart makes every earlier token invalid.
 */
export function createSessionTokens(): SessionTokens {
  const secret = randomBytes(32);
  const verified = new Set<string>();
  const macOf = (id: Buffer) =>
    createHmac('sha256', secret).update(id).digest().subarray(0, macBytes);
  return {
    issue: () => {
      const id = randomBytes(idBytes);
      return Buffer.concat([id, macOf(id)]).toString('base64url');
    },
    isGenuine: (token) => {
      if (verified.has(token)) return true;
      const bytes = Buffer.from(token, 'base64url');
      if (bytes.length !== idBytes + macBytes || bytes.toString('base64url') !== token)
        return false;
      const genuine = timingSafeEqual(bytes.subarray(idBytes), macOf(bytes.subarray(0, idBytes)));
      if (genuine) {
        if (verified.size >= maxRememberedTokens) verified.clear();
        verified.add(token);
      }
      return genuine;
    },
  };
}
