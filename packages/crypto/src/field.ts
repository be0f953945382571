import { CardframeError, type EncryptedFieldJson } from '@cardframe/protocol';
import { decodeBase64 } from './base64.ts';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = [16, 32];
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Imports raw AES key bytes as a non-extractable AES-GCM key that can only
 * decrypt. The seed's session secret is 16 bytes (AES-128); 32 is accepted
 * for issuers that use AES-256.
 */
export async function importFieldKey(raw: Uint8Array): Promise<CryptoKey> {
  if (!KEY_BYTES.includes(raw.length)) throw new CardframeError('ERR_KEY_INVALID', 'field key must be 16 or 32 bytes');
  return crypto.subtle.importKey('raw', raw as BufferSource, { name: 'AES-GCM' }, false, ['decrypt']);
}

/**
 * AES-GCM open with the tag at the end of `data`. The IV must be exactly 12
 * bytes and the tag 16: both are checked before WebCrypto sees them, because
 * WebCrypto would accept other IV lengths.
 */
export async function openAesGcm(key: CryptoKey, iv: Uint8Array, data: Uint8Array, additionalData?: Uint8Array): Promise<Uint8Array> {
  if (iv.length !== IV_BYTES) throw new CardframeError('ERR_CIPHERTEXT_INVALID', `IV must be ${IV_BYTES} bytes`);
  if (data.length < TAG_BYTES) throw new CardframeError('ERR_CIPHERTEXT_INVALID', `ciphertext is shorter than its ${TAG_BYTES}-byte tag`);
  const params: AesGcmParams = { name: 'AES-GCM', iv: iv as BufferSource, tagLength: TAG_BYTES * 8 };
  if (additionalData) params.additionalData = additionalData as BufferSource;
  try {
    return new Uint8Array(await crypto.subtle.decrypt(params, key, data as BufferSource));
  } catch {
    throw new CardframeError('ERR_DECRYPT_FAILED', 'card data could not be decrypted: it was altered or sealed with another key');
  }
}

/** Opens one `{data, iv}` card field to its UTF-8 text. `name` labels errors and never holds data. */
export async function openField(key: CryptoKey, field: EncryptedFieldJson, name = 'field'): Promise<string> {
  const iv = decodeBase64(field.iv, `${name}.iv`);
  const data = decodeBase64(field.data, `${name}.data`);
  const plain = await openAesGcm(key, iv, data);
  try {
    return strictUtf8.decode(plain);
  } catch {
    throw new CardframeError('ERR_MALFORMED_RESPONSE', `${name} is not UTF-8 text`);
  } finally {
    plain.fill(0);
  }
}
