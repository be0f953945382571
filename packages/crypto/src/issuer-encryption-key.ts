import { importJWK } from 'jose';
import { CardframeError } from '@cardframe/protocol';
import { decodeBase64Url } from './base64url.ts';
import { isOnP256 } from './p256-point.ts';
import type { EncryptionPolicy, JweAlg, JweEnc } from './jwe-policy.ts';

export { JWE_ENCS } from './jwe-policy.ts';
export type { EncryptionPolicy, JweAlg, JweEnc } from './jwe-policy.ts';

/** An issuer public key ready to seal to, with the algorithms chosen for it and the kid to name. */
export interface IssuerEncryptionKey {
  readonly kid: string;
  readonly alg: JweAlg;
  readonly enc: JweEnc;
  readonly key: CryptoKey;
}

// Key-management algorithm names. A JWK labelled with one of these other than
// the one we would use is refused; a signature label such as `RS256` on an
// `enc` key (as seed 002's issuer publishes) is tolerated as advisory.
const JWE_KEY_ALG = /^(?:RSA1_5|RSA-OAEP(?:-\d+)?|ECDH-ES(?:\+A\d+KW)?|A\d+(?:GCM)?KW|dir|PBES2-.+)$/;
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];
const MAX_KID_CHARS = 200;
const MIN_RSA_BITS = 2048;

function invalid(message: string): CardframeError {
  return new CardframeError('ERR_KEY_INVALID', message);
}

function rsaExponentOk(e: unknown): boolean {
  const bytes = decodeBase64Url(e, 'RSA exponent');
  // e must be odd and at least 3; e = 1 makes "encryption" the identity.
  if (bytes.length === 0 || bytes.length > 4 || (bytes[bytes.length - 1]! & 1) === 0) return false;
  return bytes.reduce((n, b) => n * 256 + b, 0) >= 3;
}

/**
 * Validates and imports an issuer's public encryption JWK: `use` is `enc` or
 * absent; no private members; a `kid`; RSA at least 2048 bits with a sane
 * exponent; EC only on P-256 with the point on the curve (checked here, as
 * not every engine's WebCrypto refuses an off-curve point on import). The
 * algorithms come from the key type and the frame's `policy`; a JWK `alg` naming another encryption algorithm is refused, a
 * signature `alg` on an `enc` key is ignored (issuers publish `RS256` there).
 */
export async function importIssuerEncryptionKey(jwk: unknown, policy: EncryptionPolicy = {}): Promise<IssuerEncryptionKey> {
  if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk)) throw invalid('key is not a JWK object');
  const k = jwk as Record<string, unknown>;
  if (typeof k['kid'] !== 'string' || k['kid'].length === 0 || k['kid'].length > MAX_KID_CHARS) throw invalid('key has no usable "kid"');
  if (k['use'] !== undefined && k['use'] !== 'enc') throw invalid('key "use" must be "enc"');
  if (PRIVATE_MEMBERS.some((member) => member in k)) throw invalid('key must be a public key');

  let alg: JweAlg;
  let enc: JweEnc;
  let publicJwk: Record<string, unknown>;
  if (k['kty'] === 'RSA') {
    alg = policy.rsaAlg ?? 'RSA-OAEP-256';
    enc = policy.rsaEnc ?? 'A256CBC-HS512';
    if (!rsaExponentOk(k['e'])) throw invalid('RSA exponent must be odd and at least 3');
    publicJwk = { kty: 'RSA', n: k['n'], e: k['e'] };
  } else if (k['kty'] === 'EC') {
    if (k['crv'] !== 'P-256') throw invalid('EC keys must be on P-256');
    alg = 'ECDH-ES';
    enc = policy.ecEnc ?? 'A256GCM';
    publicJwk = { kty: 'EC', crv: 'P-256', x: k['x'], y: k['y'] };
    // Not left to importKey alone: WebKit imports points that are off the curve.
    if (typeof k['x'] !== 'string' || typeof k['y'] !== 'string' || !isOnP256(decodeBase64Url(k['x'], 'EC key "x"'), decodeBase64Url(k['y'], 'EC key "y"'))) {
      throw invalid('EC key is malformed or its point is not on P-256');
    }
  } else {
    throw invalid('key type must be RSA or EC');
  }

  if (typeof k['alg'] === 'string' && JWE_KEY_ALG.test(k['alg']) && k['alg'] !== alg) {
    throw invalid('key "alg" names a different encryption algorithm');
  }

  let key: CryptoKey;
  try {
    const imported = await importJWK(publicJwk, alg, { extractable: false });
    if (!(imported instanceof CryptoKey)) throw new Error('not a CryptoKey');
    key = imported;
  } catch {
    throw invalid(k['kty'] === 'EC' ? 'EC key is malformed or its point is not on P-256' : 'RSA key is malformed');
  }
  if (k['kty'] === 'RSA' && (key.algorithm as RsaHashedKeyAlgorithm).modulusLength < MIN_RSA_BITS) {
    throw invalid(`RSA keys must be at least ${MIN_RSA_BITS} bits`);
  }
  return { kid: k['kid'], alg, enc, key };
}
