import { importIssuerPgpKey, sealPgp } from '@cardframe/crypto/pgp';
import { IssuerError } from './errors.ts';

/**
 * Encrypts a response (say the card details of a key-pair reveal) to the
 * OpenPGP public key a frame sent, `{kty: "PGP", kid, use: "enc", pgp}`, as an
 * armored message. The key is held to the same rules as issuer keys; one that
 * fails them gives `invalid_key`.
 */
export async function sealPgpResponse(payload: unknown, publicKey: unknown): Promise<string> {
  const key = await importIssuerPgpKey(publicKey).catch(() => {
    throw new IssuerError('invalid_key', 400, 'public_key must be an OpenPGP encryption key (Curve25519, P-256 or RSA ≥ 2048)');
  });
  return sealPgp(new TextEncoder().encode(JSON.stringify(payload)), key);
}
