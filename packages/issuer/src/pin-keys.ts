import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';

/** An issuer key that cardholders seal PINs to. */
export interface PinKey {
  readonly kid: string;
  readonly type: 'RSA' | 'EC';
  readonly privateKey: KeyObject;
  /** As published by "Retrieve latest public key": `{kid, kty, use: "enc", alg, n, e}` for RSA. */
  readonly publicJwk: JsonWebKey & { kid: string };
}

/**
 * Generates a PIN key. RSA keys are published exactly as seed 002 shows them
 * (`"alg": "RS256"` on an `enc` key, which senders treat as advisory); EC keys
 * (P-256) for issuers that use ECDH-ES as in seed 000.
 */
export function generatePinKey(type: 'RSA' | 'EC' = 'RSA', kid: string = randomUUID()): PinKey {
  if (type === 'RSA') {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const { n, e } = publicKey.export({ format: 'jwk' });
    return { kid, type, privateKey, publicJwk: { kid, kty: 'RSA', use: 'enc', alg: 'RS256', n, e } as JsonWebKey & { kid: string } };
  }
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const { crv, x, y } = publicKey.export({ format: 'jwk' });
  return { kid, type, privateKey, publicJwk: { kid, kty: 'EC', crv, x, y, use: 'enc' } as JsonWebKey & { kid: string } };
}
