import { checked, type Shape } from './binding.ts';
import { expectString } from './guards.ts';
import { fail, isPlainObject } from './json-value.ts';
import type { ResponsePublicKeyJson } from './messages.ts';
import { FINGERPRINT_PATTERN, PGP_PUBLIC_KEY_PATTERN } from './patterns.ts';

const PATH = 'message.params.public_key';
const ENC = /^enc$/;

/** The device-binding key of a `register-device` request: exactly a P-256 point, no private member. */
export const DEVICE_PUBLIC_KEY: Shape = { kty: /^EC$/, crv: /^P-256$/, x: 64, y: 64 };

// Exactly the members of each kind of response key (numbers: base64url of at most that many characters).
const RESPONSE_KEYS: Record<string, Shape> = {
  EC: { kty: /^EC$/, crv: /^P-256$/, x: 64, y: 64, kid: 64, use: ENC, alg: /^ECDH-ES$/ },
  RSA: { kty: /^RSA$/, n: 1024, e: 8, kid: 64, use: ENC, alg: /^RSA-OAEP-256$/ },
  PGP: { kty: /^PGP$/, kid: FINGERPRINT_PATTERN, use: ENC, pgp: (value, path) => void expectString(value, path, PGP_PUBLIC_KEY_PATTERN, 16 * 1024) },
};

/**
 * The response key of an `encrypted-card` request: an encryption JWK
 * (ECDH-ES P-256 or RSA-OAEP-256) or an OpenPGP key.
 */
export function parseResponsePublicKey(value: unknown): ResponsePublicKeyJson {
  const kty = isPlainObject(value) ? value['kty'] : undefined;
  if (typeof kty !== 'string' || !Object.hasOwn(RESPONSE_KEYS, kty)) fail(PATH, 'expected an ECDH-ES P-256 or RSA-OAEP-256 JWK or an OpenPGP key, for encryption');
  return checked(value, RESPONSE_KEYS[kty]!, PATH);
}
