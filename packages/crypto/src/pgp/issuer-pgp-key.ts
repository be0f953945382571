import { readKeys, type PublicKey, type Subkey } from 'openpgp';
import { MAX_PGP_KEY_CHARS, fullPgpConfig, isArmored, keyInvalid, normaliseKeyId, pgpConfig } from './pgp-config.ts';

/** An issuer's OpenPGP public key, ready to seal to, named by the `kid` the issuer knows it by. */
export interface IssuerPgpKey {
  /** What `key_id` carries: the issuer's `kid` for the key, else its fingerprint (lowercase hex). */
  readonly kid: string;
  /** The primary key's fingerprint, lowercase hex. */
  readonly fingerprint: string;
  /** Key ids (16 hex digits) and fingerprints of the primary key and every subkey, lowercase. */
  readonly ids: readonly string[];
  readonly key: PublicKey;
}

const MAX_KID_CHARS = 200;
const RSA_MIN_BITS = 2048;
// What the key that would receive the session key may be: RSA ≥ 2048 or
// ECDH on Curve25519 / P-256 (what gpg and OpenPGP.js make by default).
const ECDH_CURVES = new Set(['curve25519Legacy', 'nistP256']);

function encryptionAlgorithmAllowed(key: PublicKey | Subkey): boolean {
  const { algorithm, bits, curve } = key.getAlgorithmInfo();
  if (algorithm === 'rsaEncryptSign' || algorithm === 'rsaEncrypt') return (bits ?? 0) >= RSA_MIN_BITS;
  if (algorithm === 'ecdh') return curve !== undefined && ECDH_CURVES.has(curve);
  return algorithm === 'x25519';
}

/** Every id a key answers to: key ids and fingerprints of the primary key and each subkey. */
export function pgpKeyIds(key: PublicKey): string[] {
  return key.getKeys().flatMap((part) => [part.getKeyID().toHex(), part.getFingerprint()].map(normaliseKeyId));
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
export async function importIssuerPgpKey(entry: unknown): Promise<IssuerPgpKey> {
  const record = typeof entry === 'string' ? { pgp: entry } : entry;
  if (typeof record !== 'object' || record === null || Array.isArray(record)) throw keyInvalid('key is not an OpenPGP key entry');
  const { pgp: armored, kid, use, kty } = record as Record<string, unknown>;
  if (kty !== undefined && kty !== 'PGP') throw keyInvalid('key "kty" must be "PGP"');
  if (use !== undefined && use !== 'enc') throw keyInvalid('key "use" must be "enc"');
  if (kid !== undefined && (typeof kid !== 'string' || kid.length === 0 || kid.length > MAX_KID_CHARS)) throw keyInvalid('key "kid" must be a short string');
  // Size and shape are checked before the parser sees a byte.
  if (typeof armored !== 'string' || armored.length > MAX_PGP_KEY_CHARS || !isArmored(armored, 'PUBLIC KEY BLOCK')) {
    throw keyInvalid('"pgp" must be one armored OpenPGP public key block');
  }
  let keys: PublicKey[];
  try {
    keys = await readKeys({ armoredKeys: armored, config: pgpConfig() });
  } catch {
    throw keyInvalid('OpenPGP key is malformed');
  }
  const key = keys[0];
  if (keys.length !== 1 || !key) throw keyInvalid('the key block must hold exactly one key');
  if (key.isPrivate()) throw keyInvalid('key must be a public key');
  let encryptionKey: PublicKey | Subkey;
  try {
    // Checks self-signatures, expiry and revocation as of now.
    encryptionKey = await key.getEncryptionKey(undefined, new Date(), undefined, fullPgpConfig());
  } catch {
    throw keyInvalid('OpenPGP key has no valid encryption key (expired, revoked or unsigned)');
  }
  if (!encryptionAlgorithmAllowed(encryptionKey)) throw keyInvalid('OpenPGP encryption key must be RSA ≥ 2048, ECDH on Curve25519 or P-256, or X25519');
  const fingerprint = normaliseKeyId(key.getFingerprint());
  const primaryIds = [fingerprint, normaliseKeyId(key.getKeyID().toHex())];
  if (typeof kid === 'string' && /^(?:[0-9A-Fa-f]{2}\s?){8,}$/.test(kid) && !primaryIds.includes(normaliseKeyId(kid))) {
    throw keyInvalid('key "kid" names a different OpenPGP key');
  }
  return { kid: typeof kid === 'string' ? kid : fingerprint, fingerprint, ids: pgpKeyIds(key), key };
}

/** The key among `keys` that `id` names: its kid, fingerprint or key id (of the primary key or a subkey). */
export function findPgpKey<K extends { readonly kid: string; readonly ids: readonly string[] }>(keys: Iterable<K>, id: string): K | undefined {
  const wanted = normaliseKeyId(id);
  for (const key of keys) if (key.kid === id || key.ids.includes(wanted)) return key;
  return undefined;
}
