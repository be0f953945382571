import { createCipheriv, randomBytes } from 'node:crypto';
import type { EncryptedFieldJson } from '@cardframe/protocol';
import { IssuerError } from './errors.ts';

/**
 * Seals one card field for the cardholder: AES-GCM under the session secret,
 * a fresh 12-byte IV, the 16-byte tag appended to the ciphertext, both
 * base64 — the counterpart of the seed's `decrypt()`.
 */
export function sealField(secret: Uint8Array, plaintext: string): EncryptedFieldJson {
  if (secret.length !== 16 && secret.length !== 32) throw new IssuerError('invalid_key', 500, 'field key must be 16 or 32 bytes');
  const iv = randomBytes(12);
  const cipher = createCipheriv(secret.length === 16 ? 'aes-128-gcm' : 'aes-256-gcm', secret, iv);
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return { data: data.toString('base64'), iv: iv.toString('base64') };
}
