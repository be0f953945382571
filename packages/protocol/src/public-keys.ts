import { expectObject, expectString } from './guards.ts';
import { fail, isPlainObject } from './json-value.ts';
import type { DevicePublicKeyJson, ResponsePublicKeyJson } from './messages.ts';
import { BASE64URL_PATTERN, FINGERPRINT_PATTERN, PGP_PUBLIC_KEY_PATTERN } from './patterns.ts';

const PATH = 'message.params.public_key';

/** The device-binding key of a `register-device` request: exactly a P-256 point, no private member. */
export function parseDevicePublicKey(value: unknown): DevicePublicKeyJson {
  const key = expectObject(value, PATH, ['kty', 'crv', 'x', 'y']);
  if (key['kty'] !== 'EC' || key['crv'] !== 'P-256') fail(PATH, 'expected a P-256 public key');
  const x = expectString(key['x'], 'message.params.public_key.x', BASE64URL_PATTERN, 64);
  const y = expectString(key['y'], 'message.params.public_key.y', BASE64URL_PATTERN, 64);
  return { kty: 'EC', crv: 'P-256', x, y };
}

/**
 * The response key of an `encrypted-card` request: an encryption JWK
 * (ECDH-ES P-256 or RSA-OAEP-256) or an OpenPGP key.
 */
export function parseResponsePublicKey(value: unknown): ResponsePublicKeyJson {
  if (isPlainObject(value) && value['kty'] === 'PGP') {
    const pgp = expectObject(value, PATH, ['kty', 'kid', 'use', 'pgp']);
    if (pgp['use'] !== 'enc') fail(PATH, 'expected an OpenPGP encryption key');
    return {
      kty: 'PGP',
      kid: expectString(pgp['kid'], `${PATH}.kid`, FINGERPRINT_PATTERN, 64),
      use: 'enc',
      pgp: expectString(pgp['pgp'], `${PATH}.pgp`, PGP_PUBLIC_KEY_PATTERN, 16 * 1024),
    };
  }
  const key = expectObject(value, PATH, ['kty', 'kid', 'use', 'alg'], ['crv', 'x', 'y', 'n', 'e']);
  const ec = key['kty'] === 'EC' && key['alg'] === 'ECDH-ES' && key['crv'] === 'P-256';
  const rsa = key['kty'] === 'RSA' && key['alg'] === 'RSA-OAEP-256';
  if (!(ec || rsa) || key['use'] !== 'enc') fail(PATH, 'expected an ECDH-ES P-256 or RSA-OAEP-256 encryption key');
  const part = (name: string, max: number): string => expectString(key[name], `${PATH}.${name}`, BASE64URL_PATTERN, max);
  return ec
    ? { kty: 'EC', crv: 'P-256', x: part('x', 64), y: part('y', 64), kid: part('kid', 64), use: 'enc', alg: 'ECDH-ES' }
    : { kty: 'RSA', n: part('n', 1024), e: part('e', 8), kid: part('kid', 64), use: 'enc', alg: 'RSA-OAEP-256' };
}
