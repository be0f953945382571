import { CardframeError, type PgpResponsePublicKeyJson } from '@cardframe/protocol';
import { ExpiringKeys } from '../expiring-keys.ts';
import { clearPgpPrivateKey, generatePgpKeyPair, type PgpKeyType } from './pgp-key-pair.ts';
import { openPgp, type OpenedPgp, type PgpOpenOptions } from './pgp-open.ts';
import type { PrivateKey } from 'openpgp';

interface HeldKey {
  readonly kid: string;
  readonly privateKey: PrivateKey;
  readonly ids: readonly string[];
  readonly publicKey: PgpResponsePublicKeyJson;
}

export interface PgpResponseKeysOptions {
  readonly type?: PgpKeyType;
  /** Lifetime of each key (default 5 min); it is also the key's OpenPGP expiry, so senders stop using it. */
  readonly ttlMs?: number;
  readonly now?: () => number;
  readonly open?: PgpOpenOptions;
}

async function generate(type: PgpKeyType, ttlMs: number): Promise<HeldKey> {
  const pair = await generatePgpKeyPair({ type, name: 'cardframe response key', expiresInSeconds: Math.ceil(ttlMs / 1000) });
  const ids = pair.privateKey.getKeys().map((part) => part.getKeyID().toHex().toLowerCase());
  const publicKey: PgpResponsePublicKeyJson = { kty: 'PGP', kid: pair.fingerprint, use: 'enc', pgp: pair.publicArmored };
  return { kid: pair.fingerprint, privateKey: pair.privateKey, ids, publicKey };
}

/**
 * OpenPGP keys the frame makes for the issuer to encrypt responses to: the
 * PGP counterpart of `ResponseKeys`. OpenPGP.js keys are JavaScript objects,
 * not WebCrypto keys, so they cannot be made non-extractable: the private key
 * lives only in this object's memory inside the frame, is never serialised,
 * and `drop()` overwrites its secret numbers and forgets it.
 */
export class PgpResponseKeys extends ExpiringKeys<HeldKey> {
  readonly #openOptions: PgpOpenOptions;

  constructor(options: PgpResponseKeysOptions = {}) {
    super({ ...options, generate: (ttlMs) => generate(options.type ?? 'curve25519', ttlMs), discard: (key) => clearPgpPrivateKey(key.privateKey) });
    this.#openOptions = options.open ?? {};
  }

  /** Opens a message sent to one of the live keys. */
  open(armored: unknown): Promise<OpenedPgp> {
    return openPgp(
      armored,
      (keyIds) => {
        const key = this.live.find((held) => held.ids.some((id) => keyIds.includes(id)));
        return key && { kid: key.kid, key: key.privateKey };
      },
      this.#openOptions,
    ).catch((error: unknown) => {
      throw error instanceof CardframeError ? error : new CardframeError('ERR_DECRYPT_FAILED', 'the OpenPGP message could not be decrypted');
    });
  }
}
