import { CardframeError } from '@cardframe/protocol';
import { decodeBase64 } from './base64.ts';

/** The OAEP hash the issuer decrypts sessionids with. Node's `publicEncrypt` default is SHA-1. */
export type OaepHash = 'SHA-1' | 'SHA-256';

/** Where the issuer's RSA public key for sessionids comes from: SPKI PEM or a public JWK. */
export type IssuerKeySource = { readonly pem: string } | { readonly jwk: JsonWebKey };

const MIN_RSA_BITS = 2048;
const PEM = /^-----BEGIN PUBLIC KEY-----\s+([A-Za-z0-9+/=\s]+?)\s+-----END PUBLIC KEY-----\s*$/;

function invalid(message: string, cause?: unknown): CardframeError {
  return new CardframeError('ERR_KEY_INVALID', message, cause === undefined ? undefined : { cause });
}

function spkiFromPem(pem: string): Uint8Array {
  const match = PEM.exec(pem.trim());
  if (!match?.[1]) throw invalid('issuer key PEM must be a "BEGIN PUBLIC KEY" (SPKI) block');
  return decodeBase64(match[1].replace(/\s+/g, ''), 'issuer key PEM', 'ERR_KEY_INVALID');
}

function checkJwk(jwk: JsonWebKey): JsonWebKey {
  if (jwk.kty !== 'RSA') throw invalid('issuer session key must be an RSA key');
  if (jwk.use !== undefined && jwk.use !== 'enc') throw invalid('issuer session key "use" must be "enc"');
  if ('d' in jwk || 'p' in jwk || 'q' in jwk) throw invalid('issuer session key must be a public key');
  // `alg` decides the OAEP hash; the configured hash is the one we use, so drop it.
  const { alg: _alg, key_ops: _ops, ...rest } = jwk;
  return rest;
}

/**
 * Imports the issuer's RSA public key for wrapping session secrets. The key
 * can only encrypt, must be at least 2048 bits, and uses `hash` for OAEP
 * (and its MGF1) whatever the key's own `alg` says.
 */
export async function importIssuerSessionKey(source: IssuerKeySource, hash: OaepHash): Promise<CryptoKey> {
  const algorithm: RsaHashedImportParams = { name: 'RSA-OAEP', hash };
  let key: CryptoKey;
  try {
    key = 'pem' in source
      ? await crypto.subtle.importKey('spki', spkiFromPem(source.pem) as BufferSource, algorithm, false, ['encrypt'])
      : await crypto.subtle.importKey('jwk', checkJwk(source.jwk), algorithm, false, ['encrypt']);
  } catch (error) {
    if (error instanceof CardframeError) throw error;
    throw invalid('issuer session key could not be imported as an RSA-OAEP public key', error);
  }
  const { modulusLength } = key.algorithm as RsaHashedKeyAlgorithm;
  if (modulusLength < MIN_RSA_BITS) throw invalid(`issuer session key must be at least ${MIN_RSA_BITS} bits`);
  return key;
}
