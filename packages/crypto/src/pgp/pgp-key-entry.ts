import { readKeys, type PublicKey, type Subkey } from 'openpgp';
import { MAX_PGP_KEY_CHARS, isArmored, keyInvalid, normaliseKeyId, pgpConfig } from './pgp-config.ts';

/** An issuer's OpenPGP public key from a config or key set, named by the `kid` the issuer knows it by. */
export interface PgpKeyEntry {
  /** The issuer's `kid` for the key, else its fingerprint (lowercase hex). */
  readonly kid: string;
  /** The primary key's fingerprint, lowercase hex. */
  readonly fingerprint: string;
  /** Key ids (16 hex digits) and fingerprints of the primary key and every subkey, lowercase. */
  readonly ids: readonly string[];
  readonly key: PublicKey;
}

/** What an entry's key is for: its `use`, the (sub)key it must hold now, the algorithms that (sub)key may have, and the refusals' wording. */
export interface PgpKeyUse {
  readonly use: 'enc' | 'sig';
  /** Refuse a private key block by name, before the parser sees it. */
  readonly refusePrivateBlock: boolean;
  usableKey(key: PublicKey, date: Date): Promise<PublicKey | Subkey>;
  allowed(key: PublicKey | Subkey): boolean;
  readonly refusals: { readonly use: string; readonly private: string; readonly unusable: string; readonly algorithm: string };
}

const MAX_KID_CHARS = 200;
/** The smallest RSA key either use accepts. */
export const RSA_MIN_BITS = 2048;

/** Every id a key answers to: key ids and fingerprints of the primary key and each subkey. */
export function pgpKeyIds(key: PublicKey): string[] {
  return key.getKeys().flatMap((part) => [part.getKeyID().toHex(), part.getFingerprint()].map(normaliseKeyId));
}

/**
 * Validates and imports one OpenPGP key entry (`{"kid"?, "kty"?: "PGP",
 * "use"?, "pgp": "<armored public key>"}`, or the armored text alone) for
 * `purpose`. Refused with `ERR_KEY_INVALID`: anything but exactly one public
 * key; a private key; a key without a (sub)key usable for the purpose now
 * (revoked, expired, unsigned); a refused algorithm; a `kid` that names
 * another key; another `use`.
 */
export async function importPgpKeyEntry(entry: unknown, purpose: PgpKeyUse): Promise<PgpKeyEntry> {
  const record = typeof entry === 'string' ? { pgp: entry } : entry;
  if (typeof record !== 'object' || record === null || Array.isArray(record)) throw keyInvalid('key is not an OpenPGP key entry');
  const { pgp: armored, kid, use, kty } = record as Record<string, unknown>;
  if (kty !== undefined && kty !== 'PGP') throw keyInvalid('key "kty" must be "PGP"');
  if (use !== undefined && use !== purpose.use) throw keyInvalid(purpose.refusals.use);
  if (kid !== undefined && (typeof kid !== 'string' || kid.length === 0 || kid.length > MAX_KID_CHARS)) throw keyInvalid('key "kid" must be a short string');
  if (purpose.refusePrivateBlock && typeof armored === 'string' && isArmored(armored, 'PRIVATE KEY BLOCK')) throw keyInvalid(purpose.refusals.private);
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
  if (key.isPrivate()) throw keyInvalid(purpose.refusals.private);
  let usable: PublicKey | Subkey;
  try {
    // Checks self-signatures, expiry and revocation as of now.
    usable = await purpose.usableKey(key, new Date());
  } catch {
    throw keyInvalid(purpose.refusals.unusable);
  }
  if (!purpose.allowed(usable)) throw keyInvalid(purpose.refusals.algorithm);
  const fingerprint = normaliseKeyId(key.getFingerprint());
  const primaryIds = [fingerprint, normaliseKeyId(key.getKeyID().toHex())];
  if (typeof kid === 'string' && /^(?:[0-9A-Fa-f]{2}\s?){8,}$/.test(kid) && !primaryIds.includes(normaliseKeyId(kid))) {
    throw keyInvalid('key "kid" names a different OpenPGP key');
  }
  return { kid: typeof kid === 'string' ? kid : fingerprint, fingerprint, ids: pgpKeyIds(key), key };
}
