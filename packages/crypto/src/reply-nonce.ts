import { encodeBase64 } from './base64.ts';

/**
 * A fresh one-use nonce (128 random bits, unpadded base64url) for a key-pair
 * request; the issuer's signed reply must repeat it. Its own module, without
 * jose, so the frame's first download stays free of it.
 */
export function replyNonce(): string {
  return encodeBase64(crypto.getRandomValues(new Uint8Array(16))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
