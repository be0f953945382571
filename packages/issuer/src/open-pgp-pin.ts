import { openPgp } from '@cardframe/crypto/pgp';
import { CardframeError } from '@cardframe/protocol';
import { IssuerError } from './errors.ts';
import { pinFromPayload, type OpenPinOptions } from './open-encrypted-pin.ts';
import type { PgpPinKey } from './pgp-keys.ts';

/**
 * Opens an OpenPGP `encrypted_pin` (an armored message, as the frame seals
 * for an OpenPGP issuer) with the key `key_id` names (its fingerprint or key
 * id), checks the message was encrypted to that key, and returns the PIN from
 * `{"pin":"<digits>"}`. Size, compression and packet rules are those of
 * `openPgp`. `findKey` may throw an `IssuerError` of its own (`retired_key`).
 */
export async function openPgpEncryptedPin(
  encryptedPin: unknown,
  keyId: unknown,
  findKey: (id: string) => PgpPinKey | undefined,
  options: Pick<OpenPinOptions, 'refuseGuessable'> = {},
): Promise<string> {
  const key = typeof keyId === 'string' ? findKey(keyId) : undefined;
  if (!key) throw new IssuerError('unknown_key', 400, 'key_id names no current PIN key');
  let plaintext: Uint8Array;
  try {
    ({ plaintext } = await openPgp(encryptedPin, (recipients) => {
      if (!recipients.some((id) => key.ids.includes(id))) throw new IssuerError('key_id_mismatch', 400, 'the OpenPGP message is not encrypted to the key key_id names');
      return { kid: key.kid, key: key.privateKey };
    }));
  } catch (error) {
    if (error instanceof IssuerError) throw error;
    const code = error instanceof CardframeError ? error.code : 'unknown';
    throw new IssuerError('invalid_encrypted_pin', 400, `encrypted_pin could not be opened (${code})`);
  }
  return pinFromPayload(plaintext, options);
}
