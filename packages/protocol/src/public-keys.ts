import { expectObject, expectString } from './guards.ts';
import { fail, isPlainObject } from './json-value.ts';
import type { DevicePublicKeyJson, JweResponsePublicKeyJson, PgpResponsePublicKeyJson, ResponsePublicKeyJson } from './messages.ts';
import { BASE64URL_PATTERN, FINGERPRINT_PATTERN, PGP_PUBLIC_KEY_PATTERN } from './patterns.ts';

const MAX_PGP_PUBLIC_KEY_CHARS = 16 * 1024;

/** A device-binding public key: exactly a P-256 point, no private member. */
export function parseDevicePublicKey(value: unknown, path: string): DevicePublicKeyJson {
  const key = expectObject(value, path, ['kty', 'crv', 'x', 'y']);
  if (key['kty'] !== 'EC' || key['crv'] !== 'P-256') fail(path, 'expected a P-256 public key');
  const x = expectString(key['x'], `${path}.x`, BASE64URL_PATTERN, 64);
  const y = expectString(key['y'], `${path}.y`, BASE64URL_PATTERN, 64);
  return { kty: 'EC', crv: 'P-256', x, y };
}

function parsePgpResponsePublicKey(value: unknown, path: string): PgpResponsePublicKeyJson {
  const pgp = expectObject(value, path, ['kty', 'kid', 'use', 'pgp']);
  if (pgp['use'] !== 'enc') fail(path, 'expected an OpenPGP encryption key');
  return {
    kty: 'PGP',
    kid: expectString(pgp['kid'], `${path}.kid`, FINGERPRINT_PATTERN, 64),
    use: 'enc',
    pgp: expectString(pgp['pgp'], `${path}.pgp`, PGP_PUBLIC_KEY_PATTERN, MAX_PGP_PUBLIC_KEY_CHARS),
  };
}

function parseJweResponsePublicKey(value: unknown, path: string): JweResponsePublicKeyJson {
  const key = expectObject(value, path, ['kty', 'kid', 'use', 'alg'], ['crv', 'x', 'y', 'n', 'e']);
  const ec = key['kty'] === 'EC' && key['alg'] === 'ECDH-ES' && key['crv'] === 'P-256';
  const rsa = key['kty'] === 'RSA' && key['alg'] === 'RSA-OAEP-256';
  if (!(ec || rsa) || key['use'] !== 'enc') fail(path, 'expected an ECDH-ES P-256 or RSA-OAEP-256 encryption key');
  const part = (name: string, max: number): string => expectString(key[name], `${path}.${name}`, BASE64URL_PATTERN, max);
  const kid = (): string => expectString(key['kid'], `${path}.kid`, BASE64URL_PATTERN, 64);
  return ec
    ? { kty: 'EC', crv: 'P-256', x: part('x', 64), y: part('y', 64), kid: kid(), use: 'enc', alg: 'ECDH-ES' }
    : { kty: 'RSA', n: part('n', 1024), e: part('e', 8), kid: kid(), use: 'enc', alg: 'RSA-OAEP-256' };
}

/** A frame-held response key: an encryption JWK (ECDH-ES P-256 or RSA-OAEP-256) or an OpenPGP key. */
export function parseResponsePublicKey(value: unknown, path: string): ResponsePublicKeyJson {
  return isPlainObject(value) && value['kty'] === 'PGP' ? parsePgpResponsePublicKey(value, path) : parseJweResponsePublicKey(value, path);
}
