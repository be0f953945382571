import type { PublicKey, Subkey } from 'openpgp';
import { fullPgpConfig, normaliseKeyId } from './pgp-config.ts';
import { RSA_MIN_BITS, importPgpKeyEntry, type PgpKeyEntry } from './pgp-key-entry.ts';

export { pgpKeyIds } from './pgp-key-entry.ts';

/** An issuer's OpenPGP public key, ready to seal to, named by the `kid` the issuer knows it by (what `key_id` carries). */
export type IssuerPgpKey = PgpKeyEntry;

// What the key that would receive the session key may be: RSA ≥ 2048 or
// ECDH on Curve25519 / P-256 (what gpg and OpenPGP.js make by default).
const ECDH_CURVES = new Set(['curve25519Legacy', 'nistP256']);

function encryptionAlgorithmAllowed(key: PublicKey | Subkey): boolean {
  const { algorithm, bits, curve } = key.getAlgorithmInfo();
  if (algorithm === 'rsaEncryptSign' || algorithm === 'rsaEncrypt') return (bits ?? 0) >= RSA_MIN_BITS;
  if (algorithm === 'ecdh') return curve !== undefined && ECDH_CURVES.has(curve);
  return algorithm === 'x25519';
}

/**
 * Validates and imports an issuer's OpenPGP public key, published as
 * `{"kid": "<fingerprint or key id>", "use": "enc", "pgp": "-----BEGIN PGP PUBLIC KEY BLOCK-----…"}`
 * (or just the armored text for a pinned key). Refused with `ERR_KEY_INVALID`:
 * anything but exactly one public key; a private key; a key that is revoked,
 * expired or has no valid encryption (sub)key now; an encryption key other
 * than RSA ≥ 2048, ECDH on Curve25519 or P-256, or X25519; a `kid` that names
 * another key; `use` other than `enc`.
 */
export function importIssuerPgpKey(entry: unknown): Promise<IssuerPgpKey> {
  return importPgpKeyEntry(entry, {
    use: 'enc',
    refusePrivateBlock: false,
    usableKey: (key, date) => key.getEncryptionKey(undefined, date, undefined, fullPgpConfig()),
    allowed: encryptionAlgorithmAllowed,
    refusals: {
      use: 'key "use" must be "enc"',
      private: 'key must be a public key',
      unusable: 'OpenPGP key has no valid encryption key (expired, revoked or unsigned)',
      algorithm: 'OpenPGP encryption key must be RSA ≥ 2048, ECDH on Curve25519 or P-256, or X25519',
    },
  });
}

/** The key among `keys` that `id` names: its kid, fingerprint or key id (of the primary key or a subkey). */
export function findPgpKey<K extends { readonly kid: string; readonly ids: readonly string[] }>(keys: Iterable<K>, id: string): K | undefined {
  const wanted = normaliseKeyId(id);
  for (const key of keys) if (key.kid === id || key.ids.includes(wanted)) return key;
  return undefined;
}
