import { readKeys, type PublicKey, type Subkey } from 'openpgp';
import { MAX_PGP_KEY_CHARS, fullPgpConfig, isArmored, keyInvalid, normaliseKeyId, pgpConfig } from './pgp-config.ts';
import { pgpKeyIds } from './issuer-pgp-key.ts';

/** An issuer's OpenPGP public key for checking signed key-pair replies, named by `kid`. */
export interface PgpReplyVerifyKey {
  /** The issuer's `kid` for the key, else its fingerprint (lowercase hex). */
  readonly kid: string;
  /** The primary key's fingerprint, lowercase hex. */
  readonly fingerprint: string;
  /** Key ids (16 hex digits) and fingerprints of the primary key and every subkey, lowercase. */
  readonly ids: readonly string[];
  readonly key: PublicKey;
}

const MAX_KID_CHARS = 200;
const RSA_MIN_BITS = 2048;
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
export async function importPgpReplyVerifyKey(entry: unknown): Promise<PgpReplyVerifyKey> {
  const record = typeof entry === 'string' ? { pgp: entry } : entry;
  if (typeof record !== 'object' || record === null || Array.isArray(record)) throw keyInvalid('key is not an OpenPGP key entry');
  const { pgp: armored, kid, use, kty } = record as Record<string, unknown>;
  if (kty !== undefined && kty !== 'PGP') throw keyInvalid('key "kty" must be "PGP"');
  if (use !== undefined && use !== 'sig') throw keyInvalid('a reply-signing key must have use "sig"');
  if (kid !== undefined && (typeof kid !== 'string' || kid.length === 0 || kid.length > MAX_KID_CHARS)) throw keyInvalid('key "kid" must be a short string');
  // A private key block is refused by name before parsing: it must never be pasted into a frame config.
  if (typeof armored === 'string' && isArmored(armored, 'PRIVATE KEY BLOCK')) throw keyInvalid('a reply-signing key must be a public key');
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
  if (key.isPrivate()) throw keyInvalid('a reply-signing key must be a public key');
  let signingKey: PublicKey | Subkey;
  try {
    // Checks self-signatures, expiry and revocation as of now.
    signingKey = await key.getSigningKey(undefined, new Date(), undefined, fullPgpConfig());
  } catch {
    throw keyInvalid('OpenPGP key has no valid signing key (expired, revoked or unsigned)');
  }
  if (!signingAlgorithmAllowed(signingKey)) throw keyInvalid('OpenPGP signing key must be RSA ≥ 2048, ECDSA on a NIST curve, or EdDSA');
  const fingerprint = normaliseKeyId(key.getFingerprint());
  const primaryIds = [fingerprint, normaliseKeyId(key.getKeyID().toHex())];
  if (typeof kid === 'string' && /^(?:[0-9A-Fa-f]{2}\s?){8,}$/.test(kid) && !primaryIds.includes(normaliseKeyId(kid))) {
    throw keyInvalid('key "kid" names a different OpenPGP key');
  }
  return { kid: typeof kid === 'string' ? kid : fingerprint, fingerprint, ids: pgpKeyIds(key), key };
}
