import { randomUUID } from 'node:crypto';
import { findPgpKey, generatePgpKeyPair, importPgpPrivateKey, pgpKeyIds, type PgpKeyPair, type PgpPrivateKey } from '@cardframe/crypto/pgp';
import { IssuerError } from './errors.ts';
import type { KeyStage } from './rotating-keys.ts';

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

/** A rotating ring's OpenPGP key and its stage. */
export interface RotatingPgpKey extends PgpPinKey {
  /** Seconds since the epoch from which senders should use it (the entry's `nbf`). */
  nbf: number;
  stage: KeyStage;
}

/** The persisted form: the private key armored, unprotected (store the file accordingly). */
export interface RotatingPgpKeyJson {
  readonly armoredPrivateKey: string;
  readonly nbf: number;
  readonly stage: KeyStage;
}

const RETIRED_KEPT = 4;
const NEXT_LEAD_SECONDS = 24 * 3600;

/**
 * An issuer's OpenPGP PIN keys through rotations, with the same stages and
 * rules as {@link RotatingKeyRing}: `next` (published ahead, accepted),
 * `active` (preferred), `retiring` (accepted), `retired` (refused with
 * `retired_key`). Keys are named by fingerprint; `accept` also takes a key id
 * or a subkey's id, as senders may give either.
 */
export class RotatingPgpKeyRing {
  #keys: RotatingPgpKey[];

  private constructor(keys: RotatingPgpKey[]) {
    this.#keys = keys;
  }

  /** A fresh ring: one active key and the next one already published. */
  static async create(now = Date.now()): Promise<RotatingPgpKeyRing> {
    const seconds = Math.floor(now / 1000);
    const [active, next] = await Promise.all([generatePgpPinKey(), generatePgpPinKey()]);
    return new RotatingPgpKeyRing([
      { ...active, nbf: seconds, stage: 'active' },
      { ...next, nbf: seconds + NEXT_LEAD_SECONDS, stage: 'next' },
    ]);
  }

  static async fromJSON(json: readonly RotatingPgpKeyJson[]): Promise<RotatingPgpKeyRing> {
    const keys = await Promise.all(json.map(async (k) => ({ ...pinKeyFrom(await importPgpPrivateKey(k.armoredPrivateKey)), nbf: k.nbf, stage: k.stage })));
    if (keys.filter((k) => k.stage === 'active').length !== 1) throw new Error('a key ring needs exactly one active key');
    return new RotatingPgpKeyRing(keys);
  }

  toJSON(): RotatingPgpKeyJson[] {
    return this.#keys.map((k) => ({ armoredPrivateKey: k.privateKey.armor(), nbf: k.nbf, stage: k.stage }));
  }

  get active(): RotatingPgpKey {
    return this.#keys.find((k) => k.stage === 'active')!;
  }

  /** Keys senders may use and the issuer accepts: next, active, retiring — active first. */
  get trusted(): readonly RotatingPgpKey[] {
    const order: Record<KeyStage, number> = { active: 0, next: 1, retiring: 2, retired: 3 };
    return this.#keys.filter((k) => k.stage !== 'retired').sort((a, b) => order[a.stage] - order[b.stage]);
  }

  get retired(): readonly RotatingPgpKey[] {
    return this.#keys.filter((k) => k.stage === 'retired');
  }

  /** The key set senders fetch (JWKS-shaped): every trusted key's entry with its `nbf`. */
  keySet(): { keys: (PgpPinKey['publicEntry'] & { nbf: number })[] } {
    return { keys: this.trusted.map((k) => ({ ...k.publicEntry, nbf: k.nbf })) };
  }

  /** The key `id` names (fingerprint or key id) if trusted; `retired_key` if retired; `unknown_key` otherwise. */
  accept(id: string): RotatingPgpKey {
    const key = findPgpKey(this.#keys, id);
    if (!key) throw new IssuerError('unknown_key', 400, 'key_id names no key this issuer knows');
    if (key.stage === 'retired') throw new IssuerError('retired_key', 400, 'the key was retired; fetch the current keys');
    return key;
  }

  /** One rotation: retiring → retired, active → retiring, next → active (valid from now), and a new next key. */
  async rotate(now = Date.now()): Promise<void> {
    const seconds = Math.floor(now / 1000);
    const fresh = await generatePgpPinKey();
    for (const key of this.#keys) {
      if (key.stage === 'retiring') key.stage = 'retired';
      else if (key.stage === 'active') key.stage = 'retiring';
    }
    const next = this.#keys.find((k) => k.stage === 'next')!;
    next.stage = 'active';
    next.nbf = seconds;
    this.#keys.push({ ...fresh, nbf: seconds + NEXT_LEAD_SECONDS, stage: 'next' });
    const retired = this.retired;
    if (retired.length > RETIRED_KEPT) this.#keys = this.#keys.filter((k) => !retired.slice(0, retired.length - RETIRED_KEPT).includes(k));
  }
}
