import type { PublicKey, Subkey } from 'openpgp';
import { fullPgpConfig } from './pgp-config.ts';
import { RSA_MIN_BITS, importPgpKeyEntry, type PgpKeyEntry } from './pgp-key-entry.ts';

/** An issuer's OpenPGP public key for checking signed key-pair replies, named by `kid`. */
export type PgpReplyVerifyKey = PgpKeyEntry;

const ECDSA_CURVES = new Set(['nistP256', 'nistP384', 'nistP521']);
const EDDSA_CURVES = new Set(['ed25519Legacy']);

function signingAlgorithmAllowed(key: PublicKey | Subkey): boolean {
  const { algorithm, bits, curve } = key.getAlgorithmInfo();
  if (algorithm === 'rsaEncryptSign' || algorithm === 'rsaSign') return (bits ?? 0) >= RSA_MIN_BITS;
  if (algorithm === 'ecdsa') return curve !== undefined && ECDSA_CURVES.has(curve);
  if (algorithm === 'eddsaLegacy') return curve !== undefined && EDDSA_CURVES.has(curve);
  return algorithm === 'ed25519' || algorithm === 'ed448';
}

/**
 * Validates and imports an issuer's OpenPGP reply-signing key: the armored
 * public key itself (pinned) or a key-set entry `{"kid", "kty": "PGP", "use":
 * "sig", "pgp": "-----BEGIN PGP PUBLIC KEY BLOCK-----…"}`. Refused with
 * `ERR_KEY_INVALID`: anything but exactly one public key; a private key; a
 * key that is revoked, expired or has no valid signing (sub)key now; a
 * signing key other than RSA ≥ 2048, ECDSA on a NIST curve or EdDSA; a `kid`
 * that names another key; `use` other than `sig`.
 */
export function importPgpReplyVerifyKey(entry: unknown): Promise<PgpReplyVerifyKey> {
  return importPgpKeyEntry(entry, {
    use: 'sig',
    // It must never be pasted into a frame config, so it is refused by name.
    refusePrivateBlock: true,
    usableKey: (key, date) => key.getSigningKey(undefined, date, undefined, fullPgpConfig()),
    allowed: signingAlgorithmAllowed,
    refusals: {
      use: 'a reply-signing key must have use "sig"',
      private: 'a reply-signing key must be a public key',
      unusable: 'OpenPGP key has no valid signing key (expired, revoked or unsigned)',
      algorithm: 'OpenPGP signing key must be RSA ≥ 2048, ECDSA on a NIST curve, or EdDSA',
    },
  });
}
