import { randomUUID } from 'node:crypto';
import { generatePgpKeyPair, importIssuerPgpKey, importPgpPrivateKey, sealPgp, type PgpKeyPair, type PgpPrivateKey } from '@cardframe/crypto/pgp';
import { IssuerError } from './errors.ts';
import type { CardReplyData, CardReplyRequest } from './sign-card-reply.ts';

/** An OpenPGP issuer's key that signs key-pair replies; frames pin its public half. */
export interface PgpReplySigningKey {
  /** The key's fingerprint (lowercase hex). */
  readonly kid: string;
  readonly privateKey: PgpPrivateKey;
  /** `{kid, kty: "PGP", use: "sig", pgp: "<armored public key>"}`: what a frame config pins, or a key set lists. */
  readonly publicEntry: { readonly kid: string; readonly kty: 'PGP'; readonly use: 'sig'; readonly pgp: string };
}

const NONCE = /^[A-Za-z0-9_-]{22}$/;

function signingKeyFrom(pair: PgpKeyPair): PgpReplySigningKey {
  return { kid: pair.fingerprint, privateKey: pair.privateKey, publicEntry: { kid: pair.fingerprint, kty: 'PGP', use: 'sig', pgp: pair.publicArmored } };
}

/** Generates an OpenPGP reply-signing key (EdDSA on Curve25519 by default; ECDSA P-256 where the issuer wants NIST curves). */
export async function generatePgpReplySigningKey(type: 'curve25519' | 'p256' = 'curve25519'): Promise<PgpReplySigningKey> {
  return signingKeyFrom(await generatePgpKeyPair({ type, name: `cardframe issuer reply-signing key ${randomUUID()}` }));
}

/** Reads a stored reply-signing key (armored, unprotected). */
export async function importPgpReplySigningKey(armoredPrivateKey: string): Promise<PgpReplySigningKey> {
  return signingKeyFrom(await importPgpPrivateKey(armoredPrivateKey));
}

/**
 * The OpenPGP counterpart of `signCardReply` + `sealJwe`: signs the card data
 * with the frame key's fingerprint as `kid`, the request's `nonce` and
 * `iat`, and encrypts it to the frame's OpenPGP key in one message (sign,
 * then encrypt). A frame that pins `signingKey` accepts only this, so a host
 * holding the frame's public key can neither forge card data nor replay an
 * old reply. The frame's key is held to the same rules as issuer keys; one
 * that fails them gives `invalid_key`.
 */
export async function sealSignedPgpReply(card: CardReplyData, request: Pick<CardReplyRequest, 'nonce'>, publicKey: unknown, signingKey: PgpReplySigningKey, now = Date.now()): Promise<string> {
  if (typeof request.nonce !== 'string' || !NONCE.test(request.nonce)) throw new IssuerError('invalid_request', 400, 'nonce must be 22 base64url characters');
  const key = await importIssuerPgpKey(publicKey).catch(() => {
    throw new IssuerError('invalid_key', 400, 'public_key must be an OpenPGP encryption key (Curve25519, P-256 or RSA ≥ 2048)');
  });
  const claims = { ...card, kid: key.fingerprint, nonce: request.nonce, iat: Math.floor(now / 1000) };
  return sealPgp(new TextEncoder().encode(JSON.stringify(claims)), key, { signingKey: signingKey.privateKey });
}
