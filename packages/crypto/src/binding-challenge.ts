// What a passkey signs for card binding: the issuer's statement, and for a
// bound request a commitment to the one request it may accompany. Frame and
// issuer both derive the WebAuthn challenge here, so they cannot disagree.
import { calculateJwkThumbprint, type JWK } from 'jose';
import { CardframeError } from '@cardframe/protocol';

/** What a bound request's assertion commits to. */
export type BindingPurpose = 'session' | 'public-key' | 'device-key' | 'pin' | 'register';

/** A commitment: the purpose and the request's value for it (sessionid, thumbprint, fingerprint, PIN digest, credential id). */
export interface BindingCommitment {
  readonly purpose: BindingPurpose;
  readonly value: string;
}

/** Every purpose a bound request may commit to. */
export const BINDING_PURPOSES: readonly BindingPurpose[] = ['session', 'public-key', 'device-key', 'pin', 'register'];

const encoder = new TextEncoder();

/** Unpadded base64url of `bytes`, as WebAuthn's JSON forms and JOSE use it. */
export function encodeBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The exact text whose SHA-256 is the WebAuthn challenge. */
export function bindingChallengeText(statement: string, commitment?: BindingCommitment): string {
  if (!commitment) return statement;
  if (!BINDING_PURPOSES.includes(commitment.purpose)) throw new CardframeError('ERR_BAD_OPTION', 'unknown binding purpose');
  // A line break in the value could forge a second commitment line.
  if (/[\r\n]/.test(commitment.value) || commitment.value.length === 0) throw new CardframeError('ERR_BAD_OPTION', 'binding commitment value must be one non-empty line');
  return `${statement}\ncardframe-commitment: ${commitment.purpose} ${commitment.value}`;
}

/**
 * The WebAuthn challenge bytes for an issuer statement:
 * `SHA-256(UTF-8(statement))` for a plain binding, and
 * `SHA-256(UTF-8(statement + "\ncardframe-commitment: " + purpose + " " + value))`
 * for a bound request.
 */
export async function bindingChallenge(statement: string, commitment?: BindingCommitment): Promise<Uint8Array> {
  const digest = await crypto.subtle.digest('SHA-256', encoder.encode(bindingChallengeText(statement, commitment)) as BufferSource);
  return new Uint8Array(digest);
}

/** RFC 7638 SHA-256 thumbprint (base64url) of a public JWK: the `public-key` and `device-key` commitment value. */
export async function jwkThumbprint(jwk: unknown): Promise<string> {
  if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk)) throw new CardframeError('ERR_KEY_INVALID', 'public key is not a JWK');
  try {
    return await calculateJwkThumbprint(jwk as JWK, 'sha256');
  } catch {
    throw new CardframeError('ERR_KEY_INVALID', 'public key has no thumbprint');
  }
}

/** The `pin` commitment value: base64url(SHA-256(UTF-8(encrypted_pin))). */
export async function pinCommitment(encryptedPin: string): Promise<string> {
  return encodeBase64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(encryptedPin) as BufferSource)));
}

/**
 * The `public-key` commitment value for a key-pair reveal: a JWK's thumbprint,
 * or for `{kty: "PGP"}` the fingerprint the frame names as its `kid`
 * (lowercase hex; the issuer checks it against the armored key itself).
 */
export async function publicKeyCommitment(publicKey: unknown): Promise<string> {
  const record = publicKey as { kty?: unknown; kid?: unknown } | null;
  if (record && typeof record === 'object' && record.kty === 'PGP') {
    if (typeof record.kid !== 'string' || !/^[0-9a-fA-F]{40,64}$/.test(record.kid)) throw new CardframeError('ERR_KEY_INVALID', 'OpenPGP key has no fingerprint kid');
    return record.kid.toLowerCase();
  }
  return jwkThumbprint(publicKey);
}
