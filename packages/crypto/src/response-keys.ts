import { CardframeError, type JweResponsePublicKeyJson } from '@cardframe/protocol';
import { encodeBase64 } from './base64.ts';
import { openJwe, type OpenedJwe } from './jwe-open.ts';

/** Algorithms a frame-held response key can be for. */
export type ResponseKeyAlg = 'ECDH-ES' | 'RSA-OAEP-256';

interface ResponseKey {
  readonly kid: string;
  readonly alg: ResponseKeyAlg;
  readonly privateKey: CryptoKey;
  readonly publicJwk: JweResponsePublicKeyJson;
  readonly expiresAt: number;
}

export interface ResponseKeysOptions {
  readonly alg?: ResponseKeyAlg;
  /** Lifetime of each key (default 5 min); expired keys are dropped and cannot open anything. */
  readonly ttlMs?: number;
  readonly now?: () => number;
}

function randomKid(): string {
  return encodeBase64(crypto.getRandomValues(new Uint8Array(16))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

async function generate(alg: ResponseKeyAlg): Promise<{ privateKey: CryptoKey; publicKey: CryptoKey }> {
  if (alg === 'ECDH-ES') return crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits']) as Promise<CryptoKeyPair>;
  return crypto.subtle.generateKey(
    { name: 'RSA-OAEP', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
    false,
    ['decrypt', 'unwrapKey'],
  ) as Promise<CryptoKeyPair>;
}

/**
 * Key pairs the frame makes for the issuer to encrypt responses to (the
 * "consumer generates a key pair" flow). Private halves are non-extractable
 * and never leave the frame; several can be live at once; a JWE opens only
 * with the live key its `kid` names, and only with that key's algorithm.
 */
export class ResponseKeys {
  readonly #alg: ResponseKeyAlg;
  readonly #ttlMs: number;
  readonly #now: () => number;
  #keys: ResponseKey[] = [];

  constructor(options: ResponseKeysOptions = {}) {
    this.#alg = options.alg ?? 'ECDH-ES';
    this.#ttlMs = options.ttlMs ?? 5 * 60_000;
    this.#now = options.now ?? Date.now;
  }

  /** A live key's public JWK: the newest one if more than half its life is left, else a new one. */
  async current(): Promise<JweResponsePublicKeyJson> {
    this.#dropExpired();
    const newest = this.#keys[this.#keys.length - 1];
    if (newest && newest.expiresAt - this.#now() > this.#ttlMs / 2) return newest.publicJwk;
    const { privateKey, publicKey } = await generate(this.#alg);
    const kid = randomKid();
    const exported = await crypto.subtle.exportKey('jwk', publicKey);
    const publicJwk: JweResponsePublicKeyJson =
      this.#alg === 'ECDH-ES'
        ? { kty: 'EC', crv: 'P-256', x: exported.x!, y: exported.y!, kid, use: 'enc', alg: 'ECDH-ES' }
        : { kty: 'RSA', n: exported.n!, e: exported.e!, kid, use: 'enc', alg: 'RSA-OAEP-256' };
    this.#keys.push({ kid, alg: this.#alg, privateKey, publicJwk, expiresAt: this.#now() + this.#ttlMs });
    return publicJwk;
  }

  /** Kids of the live keys. */
  get kids(): readonly string[] {
    this.#dropExpired();
    return this.#keys.map((key) => key.kid);
  }

  /** Opens a JWE sent to one of the live keys. */
  open(jwe: unknown): Promise<OpenedJwe> {
    this.#dropExpired();
    return openJwe(
      jwe,
      ({ kid, alg }) => {
        const key = this.#keys.find((candidate) => candidate.kid === kid);
        if (key && key.alg !== alg) throw new CardframeError('ERR_ALG_NOT_ALLOWED', 'JWE "alg" does not match the key its "kid" names');
        return key?.privateKey;
      },
      { algorithms: ['ECDH-ES', 'RSA-OAEP-256'] },
    );
  }

  /** Forgets every key. */
  drop(): void {
    this.#keys = [];
  }

  #dropExpired(): void {
    const now = this.#now();
    this.#keys = this.#keys.filter((key) => key.expiresAt > now);
  }
}
