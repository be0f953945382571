import { CardframeError, type PgpResponsePublicKeyJson } from '@cardframe/protocol';
import { clearPgpPrivateKey, generatePgpKeyPair, type PgpKeyType } from './pgp-key-pair.ts';
import { openPgp, type OpenedPgp, type PgpOpenOptions } from './pgp-open.ts';
import type { PrivateKey } from 'openpgp';

interface HeldKey {
  readonly kid: string;
  readonly privateKey: PrivateKey;
  readonly ids: readonly string[];
  readonly publicKey: PgpResponsePublicKeyJson;
  readonly expiresAt: number;
}

export interface PgpResponseKeysOptions {
  readonly type?: PgpKeyType;
  /** Lifetime of each key (default 5 min); it is also the key's OpenPGP expiry, so senders stop using it. */
  readonly ttlMs?: number;
  readonly now?: () => number;
  readonly open?: PgpOpenOptions;
}

/**
 * OpenPGP keys the frame makes for the issuer to encrypt responses to: the
 * PGP counterpart of `ResponseKeys`. OpenPGP.js keys are JavaScript objects,
 * not WebCrypto keys, so they cannot be made non-extractable: the private key
 * lives only in this object's memory inside the frame, is never serialised,
 * and `drop()` overwrites its secret numbers and forgets it.
 */
export class PgpResponseKeys {
  readonly #type: PgpKeyType;
  readonly #ttlMs: number;
  readonly #now: () => number;
  readonly #openOptions: PgpOpenOptions;
  #keys: HeldKey[] = [];

  constructor(options: PgpResponseKeysOptions = {}) {
    this.#type = options.type ?? 'curve25519';
    this.#ttlMs = options.ttlMs ?? 5 * 60_000;
    this.#now = options.now ?? Date.now;
    this.#openOptions = options.open ?? {};
  }

  /** A live key's public half: the newest one if more than half its life is left, else a new one. */
  async current(): Promise<PgpResponsePublicKeyJson> {
    this.#dropExpired();
    const newest = this.#keys[this.#keys.length - 1];
    if (newest && newest.expiresAt - this.#now() > this.#ttlMs / 2) return newest.publicKey;
    const pair = await generatePgpKeyPair({ type: this.#type, name: 'cardframe response key', expiresInSeconds: Math.ceil(this.#ttlMs / 1000) });
    const ids = pair.privateKey.getKeys().map((part) => part.getKeyID().toHex().toLowerCase());
    const publicKey: PgpResponsePublicKeyJson = { kty: 'PGP', kid: pair.fingerprint, use: 'enc', pgp: pair.publicArmored };
    this.#keys.push({ kid: pair.fingerprint, privateKey: pair.privateKey, ids, publicKey, expiresAt: this.#now() + this.#ttlMs });
    return publicKey;
  }

  /** Fingerprints of the live keys. */
  get kids(): readonly string[] {
    this.#dropExpired();
    return this.#keys.map((key) => key.kid);
  }

  /** Opens a message sent to one of the live keys. */
  open(armored: unknown): Promise<OpenedPgp> {
    this.#dropExpired();
    return openPgp(
      armored,
      (keyIds) => {
        const key = this.#keys.find((held) => held.ids.some((id) => keyIds.includes(id)));
        return key && { kid: key.kid, key: key.privateKey };
      },
      this.#openOptions,
    ).catch((error: unknown) => {
      throw error instanceof CardframeError ? error : new CardframeError('ERR_DECRYPT_FAILED', 'the OpenPGP message could not be decrypted');
    });
  }

  /** Forgets every key, overwriting their secret numbers first. */
  drop(): void {
    for (const key of this.#keys) clearPgpPrivateKey(key.privateKey);
    this.#keys = [];
  }

  #dropExpired(): void {
    const now = this.#now();
    for (const key of this.#keys) if (key.expiresAt <= now) clearPgpPrivateKey(key.privateKey);
    this.#keys = this.#keys.filter((key) => key.expiresAt > now);
  }
}
