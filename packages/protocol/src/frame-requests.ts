import { ASSERTION, MAX_ASSERTION_HEADER_CHARS, checked, parseBindingSubmission, parseCardScopes, parseChallengeText, type Shape } from './binding.ts';
import { expectString } from './guards.ts';
import { fail, isPlainObject } from './json-value.ts';
import type { FrameRequest, UncheckedFrameRequest } from './messages.ts';
import { BASE64_TEXT_PATTERN, COMPACT_JWE_PATTERN, HEX_PATTERN, KID_PATTERN, MAX_SESSION_ID_CHARS, PGP_MESSAGE_PATTERN, REPLY_NONCE_PATTERN } from './patterns.ts';
import { DEVICE_PUBLIC_KEY, parseResponsePublicKey } from './public-keys.ts';

const MAX_SEALED_PIN_CHARS = 16 * 1024;

/** A sealed PIN: a compact JWE or one armored OpenPGP message. */
const SEALED_PIN: Shape = (value, path) => {
  if (typeof value !== 'string' || value.length > MAX_SEALED_PIN_CHARS) fail(path, 'not in the expected format');
  expectString(value, path, value.startsWith('-----BEGIN PGP') ? PGP_MESSAGE_PATTERN : COMPACT_JWE_PATTERN, MAX_SEALED_PIN_CHARS);
};

/**
 * The `params` of each request the frame may send the host, as data (one
 * table the host walks, so each kind costs the host SDK a line, not a
 * function). Every member here reaches a host callback, and through it the
 * host's backend, so each is held to its exact format: a sessionid, the
 * change-PIN body, a public key without private members, a binding, a
 * wallet challenge, scopes, and the bound mode's assertion.
 */
export const REQUEST_PARAMS: { readonly [M in FrameRequest['method']]: Shape } = {
  // A sessionid goes with the bound mode's assertion header and with provisioning at most.
  session: {
    sessionId: (value, path) => void expectString(value, path, BASE64_TEXT_PATTERN, MAX_SESSION_ID_CHARS),
    'headers?': { 'cardframe-assertion?': MAX_ASSERTION_HEADER_CHARS },
    'scope?': (value, path) => void parseCardScopes(checked(value, [/^provisioning$/], path), path, true),
  },
  // The change-PIN body the host forwards to the issuer.
  pin: {
    encrypted_pin: SEALED_PIN,
    key_id: KID_PATTERN,
    'device_id?': KID_PATTERN,
    'signature?': (value, path) => void expectString(value, path, HEX_PATTERN, 256),
    'assertion?': ASSERTION,
  },
  'register-device': { public_key: DEVICE_PUBLIC_KEY, 'assertion?': ASSERTION },
  'encrypted-card': { public_key: (value) => void parseResponsePublicKey(value), 'nonce?': REPLY_NONCE_PATTERN, 'assertion?': ASSERTION },
  card: { scope: (value, path) => void parseCardScopes(value, path) },
  bind: { body: (value, path) => void parseBindingSubmission(value, path) },
  'sign-message': { message: (value, path) => void parseChallengeText(value, path) },
};

/**
 * The request {@link readFrameMessage} left unchecked, checked: a known
 * method and exactly its params. Throws `ERR_BAD_MESSAGE` naming the path.
 */
export function checkFrameRequest(request: UncheckedFrameRequest): FrameRequest {
  const { method, params } = request;
  if (typeof method !== 'string' || !Object.hasOwn(REQUEST_PARAMS, method)) fail('message.method', 'unknown method');
  // No callback is handed a null: an optional member is absent or has its format.
  if (isPlainObject(params) && Object.values(params).includes(null)) fail('message.params', 'unexpected null');
  // The params are the checked value itself: the shape names every member they may have.
  return { ...request, params: checked(params, REQUEST_PARAMS[method as FrameRequest['method']], 'message.params') } as FrameRequest;
}
