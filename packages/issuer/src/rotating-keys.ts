import { createPrivateKey, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { KeyStages, type KeyStage, type StagedKey } from './key-stages.ts';

/** What a ring's keys are for, which decides how they are published. */
export type KeyPurpose =
  /** sessionid wrapping: RSA, published with the OAEP `alg` the issuer decrypts with. */
  | { readonly use: 'session'; readonly oaepHash: 'sha1' | 'sha256' }
  /** PIN sealing: RSA (published with `alg: RS256`, as seed 002 shows) or EC P-256 for ECDH-ES. */
  | { readonly use: 'pin'; readonly type: 'RSA' | 'EC' }
  /** Signing key-pair replies: EC P-256, published with `use: "sig"`, `alg: "ES256"`. */
  | { readonly use: 'reply-signing' };

/** An issuer RSA or EC key, as a rotating ring holds it. */
export interface RingJwkKey {
  readonly kid: string;
  readonly type: 'RSA' | 'EC';
  readonly privateKey: KeyObject;
  /** The public JWK as the "latest key" route publishes it. */
  readonly publicJwk: JsonWebKey & { kid: string };
}

/** A ring's key with its stage and `nbf` (the JWK's, in the published set). */
export type RotatingKey = StagedKey<RingJwkKey>;

/** The persisted form: private keys as PKCS#8 PEM. */
export interface RotatingKeyJson {
  readonly kid: string;
  readonly type: 'RSA' | 'EC';
  readonly privateKeyPem: string;
  readonly nbf: number;
  readonly stage: KeyStage;
}

/** The public JWK exactly as the issuer's "latest key" route shows it (no `nbf`: that is the set's). */
function publish(purpose: KeyPurpose, kid: string, privateKey: KeyObject): JsonWebKey & { kid: string } {
  const jwk = privateKey.export({ format: 'jwk' });
  if (purpose.use === 'session') {
    return { kid, kty: 'RSA', use: 'enc', alg: purpose.oaepHash === 'sha1' ? 'RSA-OAEP' : 'RSA-OAEP-256', n: jwk.n, e: jwk.e } as JsonWebKey & { kid: string };
  }
  if (purpose.use === 'reply-signing') return { kid, kty: 'EC', crv: jwk.crv, x: jwk.x, y: jwk.y, use: 'sig', alg: 'ES256' } as JsonWebKey & { kid: string };
  if (jwk.kty === 'RSA') return { kid, kty: 'RSA', use: 'enc', alg: 'RS256', n: jwk.n, e: jwk.e } as JsonWebKey & { kid: string };
  return { kid, kty: 'EC', crv: jwk.crv, x: jwk.x, y: jwk.y, use: 'enc' } as JsonWebKey & { kid: string };
}

function keyType(purpose: KeyPurpose): 'RSA' | 'EC' {
  return purpose.use === 'session' ? 'RSA' : purpose.use === 'reply-signing' ? 'EC' : purpose.type;
}

function generate(purpose: KeyPurpose): RingJwkKey {
  const type = keyType(purpose);
  const { privateKey } = type === 'RSA' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const kid = randomUUID();
  return { kid, type, privateKey, publicJwk: publish(purpose, kid, privateKey) };
}

/**
 * An issuer's RSA or EC keys for one purpose through rotations, by the
 * rules of {@link KeyStages}: next, active and retiring keys trusted at
 * once; retired keys answered with `retired_key`.
 */
export class RotatingKeyRing extends KeyStages<RingJwkKey> {
  readonly purpose: KeyPurpose;

  private constructor(purpose: KeyPurpose, keys: RotatingKey[]) {
    super(keys);
    this.purpose = purpose;
  }

  /** A fresh ring: one active key and the next one already published. */
  static create(purpose: KeyPurpose, now = Date.now()): RotatingKeyRing {
    return new RotatingKeyRing(purpose, KeyStages.started(generate(purpose), generate(purpose), now));
  }

  static fromJSON(purpose: KeyPurpose, json: readonly RotatingKeyJson[]): RotatingKeyRing {
    const keys = json.map((k) => {
      const privateKey = createPrivateKey(k.privateKeyPem);
      return { kid: k.kid, type: k.type, privateKey, publicJwk: publish(purpose, k.kid, privateKey) };
    });
    return new RotatingKeyRing(purpose, KeyStages.restored(json, keys));
  }

  toJSON(): RotatingKeyJson[] {
    return this.stored((k) => ({ kid: k.kid, type: k.type, privateKeyPem: k.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() }));
  }

  /** The JWKS senders fetch: every trusted key, with its `nbf`. */
  jwks(): { keys: (JsonWebKey & { kid: string; nbf: number })[] } {
    return this.published((k) => k.publicJwk);
  }

  /** One rotation (see {@link KeyStages}), with freshly generated keys. */
  rotate(now = Date.now()): void {
    this.rotateTo(Array.from({ length: this.keysToRotate }, () => generate(this.purpose)), now);
  }
}
