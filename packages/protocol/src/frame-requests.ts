import { ASSERTION, checked, type BindingAssertion } from './binding.ts';
import { expectObject, expectString } from './guards.ts';
import { fail } from './json-value.ts';
import type { PinSubmission } from './messages.ts';
import { COMPACT_JWE_PATTERN, HEX_PATTERN, KID_PATTERN, PGP_MESSAGE_PATTERN } from './patterns.ts';

const MAX_SEALED_PIN_CHARS = 16 * 1024;

// Paths are literals, not built from a prefix: they are the only text these errors carry.

/** A sealed PIN: a compact JWE or one armored OpenPGP message. */
function expectSealedPin(value: unknown): string {
  const path = 'message.params.encrypted_pin';
  if (typeof value !== 'string' || value.length > MAX_SEALED_PIN_CHARS) fail(path, 'not in the expected format');
  return value.startsWith('-----BEGIN PGP') ? expectString(value, path, PGP_MESSAGE_PATTERN, MAX_SEALED_PIN_CHARS) : expectString(value, path, COMPACT_JWE_PATTERN, MAX_SEALED_PIN_CHARS);
}

/** The change-PIN body the host forwards to the issuer. */
export function parsePinSubmission(value: unknown): PinSubmission {
  const params = expectObject(value, 'message.params', ['encrypted_pin', 'key_id'], ['device_id', 'signature', 'assertion']);
  return {
    encrypted_pin: expectSealedPin(params['encrypted_pin']),
    key_id: expectString(params['key_id'], 'message.params.key_id', KID_PATTERN, 200),
    ...(params['device_id'] === undefined ? {} : { device_id: expectString(params['device_id'], 'message.params.device_id', KID_PATTERN, 200) }),
    ...(params['signature'] === undefined ? {} : { signature: expectString(params['signature'], 'message.params.signature', HEX_PATTERN, 256) }),
    ...(params['assertion'] === undefined ? {} : { assertion: checked<BindingAssertion>(params['assertion'], ASSERTION, 'message.params.assertion') }),
  };
}
