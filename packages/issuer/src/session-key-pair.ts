import { createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { IssuerError } from './errors.ts';

/** The issuer's RSA key pair for sessionids. The private half never leaves the issuer. */
export interface SessionKeyPair {
  readonly privateKey: KeyObject;
  /** SPKI PEM, as integrators paste it into the frame's config. */
  readonly publicKeyPem: string;
  /** The same key as a public JWK with `use: "enc"`. */
  readonly publicJwk: JsonWebKey;
}

function fromPrivate(privateKey: KeyObject): SessionKeyPair {
  if (privateKey.asymmetricKeyType !== 'rsa') throw new IssuerError('invalid_key', 500, 'session key must be an RSA key');
  const bits = privateKey.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < 2048) throw new IssuerError('invalid_key', 500, 'session key must be at least 2048 bits');
  const publicKey = createPublicKey(privateKey);
  return {
    privateKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    publicJwk: { ...publicKey.export({ format: 'jwk' }), use: 'enc' },
  };
}

/** Generates a fresh RSA key pair for sessionids (2048 bits unless told otherwise). */
export function generateSessionKeyPair(modulusLength = 2048): SessionKeyPair {
  return fromPrivate(generateKeyPairSync('rsa', { modulusLength }).privateKey);
}
