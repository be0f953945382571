import { expectObject, expectString } from './guards.ts';
import { fail } from './json-value.ts';
import type { PinSubmission } from './messages.ts';
import { BASE64_TEXT_PATTERN, COMPACT_JWE_PATTERN, HEX_PATTERN, KID_PATTERN, MAX_SESSION_ID_CHARS, PGP_MESSAGE_PATTERN } from './patterns.ts';

const MAX_SEALED_PIN_CHARS = 16 * 1024;

/** The `sessionid` a reveal asks the host to send on. */
export function parseSessionId(value: unknown, path: string): string {
  return expectString(value, path, BASE64_TEXT_PATTERN, MAX_SESSION_ID_CHARS);
}

/** A sealed PIN: a compact JWE or one armored OpenPGP message. */
function expectSealedPin(value: unknown, path: string): string {
  if (typeof value !== 'string' || value.length > MAX_SEALED_PIN_CHARS) fail(path, 'not in the expected format');
  return value.startsWith('-----BEGIN PGP')
    ? expectString(value, path, PGP_MESSAGE_PATTERN, MAX_SEALED_PIN_CHARS)
    : expectString(value, path, COMPACT_JWE_PATTERN, MAX_SEALED_PIN_CHARS);
}

/** The change-PIN body the host forwards to the issuer. */
export function parsePinSubmission(value: unknown, path: string): PinSubmission {
  const params = expectObject(value, path, ['encrypted_pin', 'key_id'], ['device_id', 'signature']);
  return {
    encrypted_pin: expectSealedPin(params['encrypted_pin'], `${path}.encrypted_pin`),
    key_id: expectString(params['key_id'], `${path}.key_id`, KID_PATTERN, 200),
    ...(params['device_id'] === undefined ? {} : { device_id: expectString(params['device_id'], `${path}.device_id`, KID_PATTERN, 200) }),
    ...(params['signature'] === undefined ? {} : { signature: expectString(params['signature'], `${path}.signature`, HEX_PATTERN, 256) }),
  };
}
