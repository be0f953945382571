import { generateKey, readPrivateKey, type PrivateKey } from 'openpgp';
import { keyInvalid, normaliseKeyId, pgpConfig } from './pgp-config.ts';

/** What kind of OpenPGP key to make: Curve25519 (EdDSA + ECDH, the default) or NIST P-256. */
export type PgpKeyType = 'curve25519' | 'p256';

/** A generated OpenPGP key: the private key object, its fingerprint and the armored public key. */
export interface PgpKeyPair {
  readonly fingerprint: string;
  readonly privateKey: PrivateKey;
  readonly publicArmored: string;
}

export interface PgpKeyPairOptions {
  readonly type?: PgpKeyType;
  /** The user ID's name (OpenPGP v4 keys need one). */
  readonly name?: string;
  /** Seconds until the key expires (0 = never); senders refuse an expired key. */
  readonly expiresInSeconds?: number;
}

/**
 * Generates a v4 OpenPGP key (signing primary key with one encryption
 * subkey), unprotected by a passphrase: callers keep it in memory or store
 * it themselves. Its preferences ask senders not to compress.
 */
export async function generatePgpKeyPair(options: PgpKeyPairOptions = {}): Promise<PgpKeyPair> {
  const { privateKey } = await generateKey({
    type: 'ecc',
    curve: options.type === 'p256' ? 'nistP256' : 'curve25519Legacy',
    userIDs: [{ name: options.name ?? 'cardframe' }],
    keyExpirationTime: options.expiresInSeconds ?? 0,
    format: 'object',
    config: pgpConfig(),
  });
  return { fingerprint: normaliseKeyId(privateKey.getFingerprint()), privateKey, publicArmored: privateKey.toPublic().armor() };
}

/** Reads an armored, unprotected OpenPGP private key (as an issuer stores its own). */
export async function importPgpPrivateKey(armored: string): Promise<PgpKeyPair> {
  let privateKey: PrivateKey;
  try {
    privateKey = await readPrivateKey({ armoredKey: armored, config: pgpConfig() });
  } catch {
    throw keyInvalid('OpenPGP private key is malformed');
  }
  if (!privateKey.isDecrypted()) throw keyInvalid('OpenPGP private key is passphrase-protected');
  return { fingerprint: normaliseKeyId(privateKey.getFingerprint()), privateKey, publicArmored: privateKey.toPublic().armor() };
}

/** Overwrites a private key's secret numbers in memory; the key cannot decrypt afterwards. */
export function clearPgpPrivateKey(privateKey: PrivateKey): void {
  // Present at run time on every PrivateKey, though the published types leave it out.
  (privateKey as PrivateKey & { clearPrivateParams?: () => void }).clearPrivateParams?.();
}
