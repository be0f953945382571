import { createPrivateKey, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { IssuerError } from './errors.ts';

/**
 * Where a key is in its life. `next` is published ahead of use and already
 * accepted; `active` is the one senders should prefer; `retiring` is still
 * accepted but no longer preferred; `retired` is refused with `retired_key`.
 */
export type KeyStage = 'next' | 'active' | 'retiring' | 'retired';

/** What a ring's keys are for, which decides how they are published. */
export type KeyPurpose =
  /** sessionid wrapping: RSA, published with the OAEP `alg` the issuer decrypts with. */
  | { readonly use: 'session'; readonly oaepHash: 'sha1' | 'sha256' }
  /** PIN sealing: RSA (published with `alg: RS256`, as seed 002 shows) or EC P-256 for ECDH-ES. */
  | { readonly use: 'pin'; readonly type: 'RSA' | 'EC' };

export interface RotatingKey {
  readonly kid: string;
  readonly type: 'RSA' | 'EC';
  readonly privateKey: KeyObject;
  /** Seconds since the epoch from which senders should use it (the JWK's `nbf`). */
  nbf: number;
  stage: KeyStage;
  /** The public JWK as the "latest key" route publishes it. */
  readonly publicJwk: JsonWebKey & { kid: string };
}

/** The persisted form: private keys as PKCS#8 PEM. */
export interface RotatingKeyJson {
  readonly kid: string;
  readonly type: 'RSA' | 'EC';
  readonly privateKeyPem: string;
  readonly nbf: number;
  readonly stage: KeyStage;
}

const RETIRED_KEPT = 4;
// A new `next` key is published with an activation time well ahead, so
// senders holding a cached set keep using the active key until they refresh.
const NEXT_LEAD_SECONDS = 24 * 3600;

/** The public JWK exactly as the issuer's "latest key" route shows it (no `nbf`: that is the set's). */
function publish(purpose: KeyPurpose, kid: string, privateKey: KeyObject): JsonWebKey & { kid: string } {
  const jwk = privateKey.export({ format: 'jwk' });
  if (purpose.use === 'session') {
    return { kid, kty: 'RSA', use: 'enc', alg: purpose.oaepHash === 'sha1' ? 'RSA-OAEP' : 'RSA-OAEP-256', n: jwk.n, e: jwk.e } as JsonWebKey & { kid: string };
  }
  if (jwk.kty === 'RSA') return { kid, kty: 'RSA', use: 'enc', alg: 'RS256', n: jwk.n, e: jwk.e } as JsonWebKey & { kid: string };
  return { kid, kty: 'EC', crv: jwk.crv, x: jwk.x, y: jwk.y, use: 'enc' } as JsonWebKey & { kid: string };
}

function keyType(purpose: KeyPurpose): 'RSA' | 'EC' {
  return purpose.use === 'session' ? 'RSA' : purpose.type;
}

/**
 * An issuer's keys for one purpose through rotations: several trusted at
 * once (next, active, retiring), so senders holding any of them keep working
 * while they pick up the new set; retired keys are kept a while only to
 * answer `retired_key` instead of a generic failure.
 */
export class RotatingKeyRing {
  readonly purpose: KeyPurpose;
  #keys: RotatingKey[];

  private constructor(purpose: KeyPurpose, keys: RotatingKey[]) {
    this.purpose = purpose;
    this.#keys = keys;
  }

  /** A fresh ring: one active key and the next one already published. */
  static create(purpose: KeyPurpose, now = Date.now()): RotatingKeyRing {
    const ring = new RotatingKeyRing(purpose, []);
    const seconds = Math.floor(now / 1000);
    ring.#add('active', seconds);
    ring.#add('next', seconds + NEXT_LEAD_SECONDS);
    return ring;
  }

  static fromJSON(purpose: KeyPurpose, json: readonly RotatingKeyJson[]): RotatingKeyRing {
    const keys = json.map((k) => {
      const privateKey = createPrivateKey(k.privateKeyPem);
      return { kid: k.kid, type: k.type, privateKey, nbf: k.nbf, stage: k.stage, publicJwk: publish(purpose, k.kid, privateKey) };
    });
    if (keys.filter((k) => k.stage === 'active').length !== 1) throw new Error('a key ring needs exactly one active key');
    return new RotatingKeyRing(purpose, keys);
  }

  toJSON(): RotatingKeyJson[] {
    return this.#keys.map((k) => ({ kid: k.kid, type: k.type, privateKeyPem: k.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), nbf: k.nbf, stage: k.stage }));
  }

  get active(): RotatingKey {
    return this.#keys.find((k) => k.stage === 'active')!;
  }

  /** Keys senders may use and the issuer accepts: next, active, retiring — active first. */
  get trusted(): readonly RotatingKey[] {
    const order: Record<KeyStage, number> = { active: 0, next: 1, retiring: 2, retired: 3 };
    return this.#keys.filter((k) => k.stage !== 'retired').sort((a, b) => order[a.stage] - order[b.stage]);
  }

  get retired(): readonly RotatingKey[] {
    return this.#keys.filter((k) => k.stage === 'retired');
  }

  /** The JWKS senders fetch: every trusted key, with its `nbf`. */
  jwks(): { keys: (JsonWebKey & { kid: string; nbf: number })[] } {
    return { keys: this.trusted.map((k) => ({ ...k.publicJwk, nbf: k.nbf })) };
  }

  /** `kid` → its key if trusted; `retired_key` if retired; `unknown_key` otherwise. */
  accept(kid: string): RotatingKey {
    const key = this.#keys.find((k) => k.kid === kid);
    if (!key) throw new IssuerError('unknown_key', 400, 'key_id names no key this issuer knows');
    if (key.stage === 'retired') throw new IssuerError('retired_key', 400, 'the key was retired; fetch the current keys');
    return key;
  }

  /**
   * One rotation: retiring → retired, active → retiring, next → active (valid
   * from now), and a new next key. The old active key stays accepted until
   * the rotation after this one.
   */
  rotate(now = Date.now()): void {
    const seconds = Math.floor(now / 1000);
    for (const key of this.#keys) {
      if (key.stage === 'retiring') key.stage = 'retired';
      else if (key.stage === 'active') key.stage = 'retiring';
    }
    const next = this.#keys.find((k) => k.stage === 'next');
    if (next) {
      next.stage = 'active';
      next.nbf = seconds;
    } else {
      this.#add('active', seconds);
    }
    this.#add('next', seconds + NEXT_LEAD_SECONDS);
    const retired = this.retired;
    if (retired.length > RETIRED_KEPT) this.#keys = this.#keys.filter((k) => !retired.slice(0, retired.length - RETIRED_KEPT).includes(k));
  }

  #add(stage: KeyStage, nbf: number): void {
    const type = keyType(this.purpose);
    const { privateKey } = type === 'RSA' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const kid = randomUUID();
    this.#keys.push({ kid, type, privateKey, nbf, stage, publicJwk: publish(this.purpose, kid, privateKey) });
  }
}
