import { randomUUID } from 'node:crypto';
import { findPgpKey, generatePgpKeyPair, importPgpPrivateKey, pgpKeyIds, type PgpKeyPair, type PgpPrivateKey } from '@cardframe/crypto/pgp';
import { KeyStages, type KeyStage, type StagedKey } from './key-stages.ts';

/** An issuer OpenPGP key that cardholders seal PINs to, as one entry of its published key set. */
export interface PgpPinKey {
  /** What senders put in `key_id`: the key's fingerprint (lowercase hex). */
  readonly kid: string;
  readonly privateKey: PgpPrivateKey;
  /** Key ids and fingerprints of the primary key and its subkeys, lowercase. */
  readonly ids: readonly string[];
  /** `{kid, kty: "PGP", use: "enc", pgp: "<armored public key>"}`. */
  readonly publicEntry: { readonly kid: string; readonly kty: 'PGP'; readonly use: 'enc'; readonly pgp: string };
}

function pinKeyFrom(pair: PgpKeyPair): PgpPinKey {
  return {
    kid: pair.fingerprint,
    privateKey: pair.privateKey,
    ids: pgpKeyIds(pair.privateKey),
    publicEntry: { kid: pair.fingerprint, kty: 'PGP', use: 'enc', pgp: pair.publicArmored },
  };
}

/** Generates an OpenPGP PIN key (Curve25519 by default; P-256 where the issuer wants NIST curves). */
export async function generatePgpPinKey(type: 'curve25519' | 'p256' = 'curve25519'): Promise<PgpPinKey> {
  return pinKeyFrom(await generatePgpKeyPair({ type, name: `cardframe issuer PIN key ${randomUUID()}` }));
}

/** A rotating ring's OpenPGP key with its stage and `nbf` (the entry's, in the published set). */
export type RotatingPgpKey = StagedKey<PgpPinKey>;

/** The persisted form: the private key armored, unprotected (store the file accordingly). */
export interface RotatingPgpKeyJson {
  readonly armoredPrivateKey: string;
  readonly nbf: number;
  readonly stage: KeyStage;
}

/**
 * An issuer's OpenPGP PIN keys through rotations, by the same rules as
 * {@link RotatingKeyRing} (both are {@link KeyStages}). Keys are named by
 * fingerprint; `accept` also takes a key id or a subkey's id, as senders may
 * give either.
 */
export class RotatingPgpKeyRing extends KeyStages<PgpPinKey> {
  private constructor(keys: RotatingPgpKey[]) {
    super(keys, findPgpKey);
  }

  /** A fresh ring: one active key and the next one already published. */
  static async create(now = Date.now()): Promise<RotatingPgpKeyRing> {
    const [active, next] = await Promise.all([generatePgpPinKey(), generatePgpPinKey()]);
    return new RotatingPgpKeyRing(KeyStages.started(active, next, now));
  }

  static async fromJSON(json: readonly RotatingPgpKeyJson[]): Promise<RotatingPgpKeyRing> {
    const keys = await Promise.all(json.map(async (k) => pinKeyFrom(await importPgpPrivateKey(k.armoredPrivateKey))));
    return new RotatingPgpKeyRing(KeyStages.restored(json, keys));
  }

  toJSON(): RotatingPgpKeyJson[] {
    return this.stored((k) => ({ armoredPrivateKey: k.privateKey.armor() }));
  }

  /** The key set senders fetch (JWKS-shaped): every trusted key's entry with its `nbf`. */
  keySet(): { keys: (PgpPinKey['publicEntry'] & { nbf: number })[] } {
    return this.published((k) => k.publicEntry);
  }

  /** One rotation (see {@link KeyStages}), with keys generated before anything changes. */
  async rotate(now = Date.now()): Promise<void> {
    const fresh = await Promise.all(Array.from({ length: this.keysToRotate }, () => generatePgpPinKey()));
    this.rotateTo(fresh, now);
  }
}
