import { CardframeError } from '@cardframe/protocol';
import { encodeBase64 } from './base64.ts';
import { ExpiringKeys } from './expiring-keys.ts';
import { openJwe, type OpenedJwe } from './jwe-open.ts';

/** Algorithms a frame-held response key can be for. */
export type ResponseKeyAlg = 'ECDH-ES' | 'RSA-OAEP-256';

/** The public half of a response key, as handed to the host for the issuer. */
export type ResponsePublicKey =
  | { readonly kty: 'EC'; readonly crv: 'P-256'; readonly x: string; readonly y: string; readonly kid: string; readonly use: 'enc'; readonly alg: 'ECDH-ES' }
  | { readonly kty: 'RSA'; readonly n: string; readonly e: string; readonly kid: string; readonly use: 'enc'; readonly alg: 'RSA-OAEP-256' };

interface ResponseKey {
  readonly kid: string;
  readonly alg: ResponseKeyAlg;
  readonly privateKey: CryptoKey;
  readonly publicJwk: ResponsePublicKey;
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

async function generate(alg: ResponseKeyAlg): Promise<ResponseKey> {
  const { privateKey, publicKey } = (
    alg === 'ECDH-ES'
      ? await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits'])
      : await crypto.subtle.generateKey(
          { name: 'RSA-OAEP', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
          false,
          ['decrypt', 'unwrapKey'],
        )
  ) as CryptoKeyPair;
  const kid = randomKid();
  const exported = await crypto.subtle.exportKey('jwk', publicKey);
  const publicJwk: ResponsePublicKey =
    alg === 'ECDH-ES'
      ? { kty: 'EC', crv: 'P-256', x: exported.x!, y: exported.y!, kid, use: 'enc', alg: 'ECDH-ES' }
      : { kty: 'RSA', n: exported.n!, e: exported.e!, kid, use: 'enc', alg: 'RSA-OAEP-256' };
  return { kid, alg, privateKey, publicJwk };
}

/**
 * Key pairs the frame makes for the issuer to encrypt responses to (the
 * "consumer generates a key pair" flow). Private halves are non-extractable
 * and never leave the frame; several can be live at once; a JWE opens only
 * with the live key its `kid` names, and only with that key's algorithm.
 */
export class ResponseKeys {
  readonly #keys: ExpiringKeys<ResponseKey>;

  constructor(options: ResponseKeysOptions = {}) {
    const alg = options.alg ?? 'ECDH-ES';
    this.#keys = new ExpiringKeys({ ...options, generate: () => generate(alg) });
  }

  /** A live key's public JWK: the newest one if more than half its life is left, else a new one. */
  async current(): Promise<ResponsePublicKey> {
    return (await this.#keys.current()).publicJwk;
  }

  /** Kids of the live keys. */
  get kids(): readonly string[] {
    return this.#keys.kids;
  }

  /** Opens a JWE sent to one of the live keys. */
  open(jwe: unknown): Promise<OpenedJwe> {
    return openJwe(
      jwe,
      ({ kid, alg }) => {
        const key = this.#keys.live.find((candidate) => candidate.kid === kid);
        if (key && key.alg !== alg) throw new CardframeError('ERR_ALG_NOT_ALLOWED', 'JWE "alg" does not match the key its "kid" names');
        return key?.privateKey;
      },
      { algorithms: ['ECDH-ES', 'RSA-OAEP-256'] },
    );
  }

  /** Forgets every key. */
  drop(): void {
    this.#keys.drop();
  }
}
