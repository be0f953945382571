import type { EncryptionPolicy, IssuerEncryptionKey } from './issuer-encryption-key.ts';
import { importIssuerEncryptionKey } from './issuer-encryption-key.ts';
import { sealJwe } from './jwe-seal.ts';
import type { RingKey } from './key-ring.ts';

/** The application-layer formats an issuer may speak (seeds 003/004: "either PGP or JWE"). */
export type MessageFormat = 'jwe' | 'pgp';

/**
 * One sealed-message format as the frame uses it: how an issuer key is
 * imported from its published form (one entry of a key set or a pinned key),
 * and how a payload is sealed to it. JWE and OpenPGP both implement it, so a
 * {@link KeyRing} and the flows on top of it work the same for either.
 */
export interface Sealer<K extends RingKey> {
  readonly format: MessageFormat;
  /** Validates and imports one published key; throws `ERR_KEY_INVALID`. */
  importKey(entry: Readonly<Record<string, unknown>>): Promise<K>;
  /** Seals `plaintext` to `key`; the result is text that names the key (JWE `kid`, PGP key id). */
  seal(plaintext: Uint8Array, key: K): Promise<string>;
}

/** The JWE sealer: issuer JWKs, compact JWE with `kid` in the protected header. */
export function jweSealer(policy: EncryptionPolicy = {}): Sealer<IssuerEncryptionKey> {
  return {
    format: 'jwe',
    importKey: (jwk) => importIssuerEncryptionKey(jwk, policy),
    seal: sealJwe,
  };
}
