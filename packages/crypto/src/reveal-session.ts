import { CardframeError } from '@cardframe/protocol';
import { encodeBase64, encodeBase64Bytes } from './base64.ts';
import { importFieldKey } from './field.ts';

/** What a reveal needs: the sessionid for the issuer, and the key that opens its answer. */
export interface RevealSession {
  /** `base64(RSA-OAEP(issuerKey, utf8(base64(secret))))`, for the issuer's `sessionid` header. */
  readonly sessionId: string;
  /** The session secret as a non-extractable AES-GCM key that can only decrypt. */
  readonly fieldKey: CryptoKey;
}

const SECRET_BYTES = 16;

/**
 * Starts a reveal: 128 random bits from `getRandomValues`, wrapped for the
 * issuer exactly as the issuer's reference client does (the secret's base64
 * text, as UTF-8, encrypted with RSA-OAEP). The raw secret exists only inside
 * this call and is wiped before it returns; afterwards it lives on only as a
 * non-extractable key.
 */
export async function createRevealSession(issuerKey: CryptoKey): Promise<RevealSession> {
  const secret = crypto.getRandomValues(new Uint8Array(SECRET_BYTES));
  const secretText = encodeBase64Bytes(secret);
  try {
    const fieldKey = await importFieldKey(secret);
    let wrapped: ArrayBuffer;
    try {
      wrapped = await crypto.subtle.encrypt({ name: 'RSA-OAEP' }, issuerKey, secretText as BufferSource);
    } catch {
      throw new CardframeError('ERR_KEY_INVALID', 'the issuer key cannot wrap a session secret');
    }
    return { sessionId: encodeBase64(new Uint8Array(wrapped)), fieldKey };
  } finally {
    secret.fill(0);
    secretText.fill(0);
  }
}
