import { compactVerify, decodeProtectedHeader, importJWK, type CompactJWSHeaderParameters } from 'jose';
import { CardframeError } from '@cardframe/protocol';
import { decodeBase64Url } from './base64url.ts';
import { checkReplyClaims, type ReplyAgeOptions, type ReplyBinding } from './reply-claims.ts';

export type { ReplyBinding } from './reply-claims.ts';

/** Signature algorithms an issuer may sign replies with (RFC 8725: a fixed allowlist, never `none` or HMAC). */
export const REPLY_SIGNING_ALGS = ['ES256', 'PS256', 'RS256'] as const;
export type ReplySigningAlg = (typeof REPLY_SIGNING_ALGS)[number];

/** An issuer's public key for checking signed replies, named by `kid`. */
export interface ReplyVerifyKey {
  readonly kid: string;
  readonly alg: ReplySigningAlg;
  readonly key: CryptoKey;
}

export interface VerifyReplyOptions extends ReplyAgeOptions {
  /** Finds the issuer key a signature's `kid` names (a ring lookup that may refresh). */
  readonly keyFor: (kid: string) => Promise<ReplyVerifyKey | undefined>;
}

const MAX_JWS_CHARS = 64 * 1024;
const ALLOWED_HEADER = new Set(['alg', 'kid', 'typ', 'cty']);
const MIN_RSA_MODULUS_BYTES = 256;

function invalid(message: string): CardframeError {
  return new CardframeError('ERR_SIGNATURE_INVALID', message);
}

function isAlg(value: unknown): value is ReplySigningAlg {
  return (REPLY_SIGNING_ALGS as readonly unknown[]).includes(value);
}

/**
 * Imports one issuer reply-signing key from a JWK: a public key only, `use`
 * `sig` (or absent), EC P-256 for ES256 or RSA ≥ 2048 bits for RS256/PS256
 * (an RSA key must name its `alg`, so one key never verifies under two).
 */
export async function importReplyVerifyKey(jwk: Readonly<Record<string, unknown>>): Promise<ReplyVerifyKey> {
  const { kid, kty, use, alg, d } = jwk;
  if (typeof kid !== 'string' || kid.length === 0 || kid.length > 200) throw new CardframeError('ERR_KEY_INVALID', 'a reply-signing key needs a kid');
  if (d !== undefined) throw new CardframeError('ERR_KEY_INVALID', 'a reply-signing key must be public');
  if (use !== undefined && use !== 'sig') throw new CardframeError('ERR_KEY_INVALID', 'a reply-signing key must have use "sig"');
  let keyAlg: ReplySigningAlg;
  if (kty === 'EC') {
    if (jwk['crv'] !== 'P-256' || (alg !== undefined && alg !== 'ES256')) throw new CardframeError('ERR_KEY_INVALID', 'an EC reply-signing key must be P-256 for ES256');
    keyAlg = 'ES256';
  } else if (kty === 'RSA') {
    if (alg !== 'RS256' && alg !== 'PS256') throw new CardframeError('ERR_KEY_INVALID', 'an RSA reply-signing key must name alg RS256 or PS256');
    const modulus = decodeBase64Url(jwk['n'], 'the RSA reply-signing key modulus');
    if (modulus.length < MIN_RSA_MODULUS_BYTES) throw new CardframeError('ERR_KEY_INVALID', 'an RSA reply-signing key must be at least 2048 bits');
    keyAlg = alg;
  } else {
    throw new CardframeError('ERR_KEY_INVALID', 'a reply-signing key must be EC P-256 or RSA');
  }
  try {
    // jose checks the EC point is on the curve (WebCrypto refuses it otherwise).
    const key = await importJWK({ kty, ...(kty === 'EC' ? { crv: 'P-256', x: jwk['x'], y: jwk['y'] } : { n: jwk['n'], e: jwk['e'] }) } as Parameters<typeof importJWK>[0], keyAlg);
    if (!(key instanceof CryptoKey)) throw new Error('not a CryptoKey');
    return { kid, alg: keyAlg, key };
  } catch {
    throw new CardframeError('ERR_KEY_INVALID', 'the reply-signing key cannot be imported');
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Checks an issuer-signed reply (the compact JWS inside a key-pair reply's
 * JWE) and returns its payload. It must be signed by a configured issuer key
 * with an allowlisted `alg`, name the frame key the request carried and the
 * nonce sent with it, and be recent. Anything else — unsigned, forged,
 * replayed, for another key — is refused with a typed error and no payload.
 */
export async function verifySignedReply(jws: unknown, binding: ReplyBinding, options: VerifyReplyOptions): Promise<Record<string, unknown>> {
  if (typeof jws !== 'string' || jws.length > MAX_JWS_CHARS || jws.split('.').length !== 3) throw invalid('the reply is not signed by the issuer');
  let header: CompactJWSHeaderParameters;
  try {
    header = decodeProtectedHeader(jws) as CompactJWSHeaderParameters;
  } catch {
    throw invalid('the reply signature header is malformed');
  }
  if (!isAlg(header.alg)) throw new CardframeError('ERR_ALG_NOT_ALLOWED', 'the reply signature "alg" is not allowed');
  if (Object.keys(header).some((name) => !ALLOWED_HEADER.has(name))) throw new CardframeError('ERR_ALG_NOT_ALLOWED', 'the reply signature header has members outside the allowlist');
  if (typeof header.kid !== 'string') throw invalid('the reply signature names no issuer key');
  const key = await options.keyFor(header.kid);
  if (!key) throw new CardframeError('ERR_KEY_NOT_FOUND', 'the reply is signed by a key the frame does not trust');
  if (key.alg !== header.alg) throw new CardframeError('ERR_ALG_NOT_ALLOWED', 'the reply signature "alg" does not match its key');
  let payload: Uint8Array;
  try {
    ({ payload } = await compactVerify(jws, key.key, { algorithms: [key.alg] }));
  } catch {
    throw invalid('the reply signature does not verify');
  }
  let claims: unknown;
  try {
    claims = JSON.parse(strictUtf8.decode(payload));
  } catch {
    throw new CardframeError('ERR_MALFORMED_RESPONSE', 'the signed reply is not JSON');
  } finally {
    payload.fill(0);
  }
  return checkReplyClaims(claims, binding, options);
}
