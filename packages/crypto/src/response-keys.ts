import { CardframeError, type JweResponsePublicKeyJson } from '@cardframe/protocol';
import { encodeBase64 } from './base64.ts';
import { ExpiringKeys } from './expiring-keys.ts';
import { openJwe, type OpenedJwe } from './jwe-open.ts';

/** Algorithms a frame-held response key can be for. */
export type ResponseKeyAlg = 'ECDH-ES' | 'RSA-OAEP-256';

interface ResponseKey {
  readonly kid: string;
  readonly alg: ResponseKeyAlg;
  readonly privateKey: CryptoKey;
  readonly publicKey: JweResponsePublicKeyJson;
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
  const publicJwk: JweResponsePublicKeyJson =
    alg === 'ECDH-ES'
      ? { kty: 'EC', crv: 'P-256', x: exported.x!, y: exported.y!, kid, use: 'enc', alg: 'ECDH-ES' }
      : { kty: 'RSA', n: exported.n!, e: exported.e!, kid, use: 'enc', alg: 'RSA-OAEP-256' };
  return { kid, alg, privateKey, publicKey: publicJwk };
}

/**
 * Key pairs the frame makes for the issuer to encrypt responses to (the
 * "consumer generates a key pair" flow). Private halves are non-extractable
 * and never leave the frame; several can be live at once; a JWE opens only
 * with the live key its `kid` names, and only with that key's algorithm.
 */
export class ResponseKeys extends ExpiringKeys<ResponseKey> {
  constructor(options: ResponseKeysOptions = {}) {
    super({ ...options, generate: () => generate(options.alg ?? 'ECDH-ES') });
  }

  /** Opens a JWE sent to one of the live keys. */
  open(jwe: unknown): Promise<OpenedJwe> {
    return openJwe(
      jwe,
      ({ kid, alg }) => {
        const key = this.live.find((candidate) => candidate.kid === kid);
        if (key && key.alg !== alg) throw new CardframeError('ERR_ALG_NOT_ALLOWED', 'JWE "alg" does not match the key its "kid" names');
        return key?.privateKey;
      },
      { algorithms: ['ECDH-ES', 'RSA-OAEP-256'] },
    );
  }
}
