import { BASE64_PATTERN, CardframeError, type ErrorCode } from '@cardframe/protocol';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard (padded) base64 of `bytes`. */
export function encodeBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * Standard padded base64 of `bytes`, written as ASCII bytes rather than as a
 * string: a JavaScript string cannot be wiped, a `Uint8Array` can.
 */
export function encodeBase64Bytes(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil(bytes.length / 3) * 4);
  let o = 0;
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = i + 1 < bytes.length ? bytes[i + 1]! : 0;
    const c = i + 2 < bytes.length ? bytes[i + 2]! : 0;
    const n = (a << 16) | (b << 8) | c;
    out[o++] = ALPHABET.charCodeAt((n >> 18) & 63);
    out[o++] = ALPHABET.charCodeAt((n >> 12) & 63);
    out[o++] = i + 1 < bytes.length ? ALPHABET.charCodeAt((n >> 6) & 63) : 61;
    out[o++] = i + 2 < bytes.length ? ALPHABET.charCodeAt(n & 63) : 61;
  }
  return out;
}

/**
 * Decodes standard padded base64, refusing anything else (URL alphabet,
 * whitespace, missing padding) with a typed error that names only `what`.
 */
export function decodeBase64(text: unknown, what: string, code: ErrorCode = 'ERR_CIPHERTEXT_INVALID'): Uint8Array {
  if (typeof text !== 'string' || !BASE64_PATTERN.test(text)) throw new CardframeError(code, `${what} is not valid base64`);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
