import { constants, privateDecrypt, type KeyObject } from 'node:crypto';
import { BASE64_PATTERN, MAX_SESSION_ID_CHARS } from '@cardframe/protocol';
import { IssuerError } from './errors.ts';

/** Node's name for the OAEP hash; `sha1` is what `publicEncrypt` uses when none is given. */
export type NodeOaepHash = 'sha1' | 'sha256';


function invalid(message: string): IssuerError {
  return new IssuerError('invalid_session_id', 400, message);
}

/**
 * RSA-OAEP decryption as the issuer does it: Node's `privateDecrypt`, with
 * `oaepHash` used for both OAEP and MGF1. Returns null when it does not open.
 */
export function decryptOaep(privateKey: KeyObject, ciphertext: Uint8Array, oaepHash: NodeOaepHash, label?: Uint8Array): Buffer | null {
  try {
    return privateDecrypt({ key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash, ...(label ? { oaepLabel: label } : {}) }, ciphertext);
  } catch {
    return null;
  }
}

/** The RSA ciphertext inside a well-formed sessionid header. */
function sessionIdCiphertext(sessionId: string | undefined): Buffer {
  if (!sessionId) throw invalid('sessionid header is missing');
  if (sessionId.length > MAX_SESSION_ID_CHARS || !BASE64_PATTERN.test(sessionId)) throw invalid('sessionid is not base64');
  return Buffer.from(sessionId, 'base64');
}

/** The 16-byte secret from the decrypted sessionid (its base64 text, as UTF-8). */
function secretFrom(secretText: Buffer): Buffer {
  const text = secretText.toString('utf8');
  secretText.fill(0);
  if (!BASE64_PATTERN.test(text)) throw invalid('sessionid does not hold a base64 secret');
  const secret = Buffer.from(text, 'base64');
  if (secret.length !== 16) {
    secret.fill(0);
    throw invalid('sessionid secret must be 128 bits');
  }
  return secret;
}

/**
 * Opens a `sessionid` header: base64 → RSA-OAEP decrypt → UTF-8 base64 text
 * of the secret → the 16-byte AES key. The inverse of the seed's `session()`.
 */
export function unwrapSessionId(privateKey: KeyObject, sessionId: string | undefined, oaepHash: NodeOaepHash = 'sha1'): Buffer {
  return unwrapSessionIdWithKeys([privateKey], [], sessionId, oaepHash);
}

/**
 * Opens a sessionid with whichever trusted key it was wrapped to (a sessionid
 * names no key). If only a retired key opens it, the sender holds an old key
 * set: `retired_key` tells it to refresh rather than fail for good.
 */
export function unwrapSessionIdWithKeys(
  trusted: readonly KeyObject[],
  retired: readonly KeyObject[],
  sessionId: string | undefined,
  oaepHash: NodeOaepHash = 'sha1',
): Buffer {
  const ciphertext = sessionIdCiphertext(sessionId);
  for (const key of trusted) {
    const secretText = decryptOaep(key, ciphertext, oaepHash);
    if (secretText) return secretFrom(secretText);
  }
  for (const key of retired) {
    const secretText = decryptOaep(key, ciphertext, oaepHash);
    if (secretText) {
      secretText.fill(0);
      throw new IssuerError('retired_key', 400, 'the sessionid was wrapped to a retired key; fetch the current keys');
    }
  }
  throw invalid('sessionid could not be decrypted with the session key');
}
