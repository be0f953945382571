// Card binding (seed 001's `scope=webauthn|siwe|provisioning` and `PATCH /`)
// and bound requests: the shapes that cross the channel, and the checks the
// frame runs on what the host hands back from the issuer.
import { CardframeError } from './errors.ts';
import { expectObject, expectString } from './guards.ts';
import { assertJsonValue, fail, isPlainObject } from './json-value.ts';
import type { AuthenticationCredentialJson, BindingAssertion, BindingSubmission, CardScope, JsonValue, RegistrationCredentialJson } from './messages.ts';
import { BASE64URL_PATTERN } from './patterns.ts';

/** Scopes of seed 001's `GET /card`: a passkey statement, a SIWE message, push-provisioning credentials. */
export const CARD_SCOPES: readonly CardScope[] = ['webauthn', 'siwe', 'provisioning'];

/** Longest issuer challenge (statement or EIP-4361 message) the frame accepts. */
export const MAX_CHALLENGE_CHARS = 4096;
/** Largest `provisioning` object, as JSON text, the frame accepts. */
export const MAX_PROVISIONING_CHARS = 4096;
/** Longest `cardframe-assertion` header value. */
export const MAX_ASSERTION_HEADER_CHARS = 24 * 1024;
/** The header that carries a bound `GET /card`'s assertion. */
export const ASSERTION_HEADER = 'cardframe-assertion';

/** The issuer's error codes for a refused binding or bound request (the binding contract's table). */
export const BINDING_ISSUER_CODES = [
  /** `scope` holds webauthn with siwe, or an unknown scope. */
  'invalid_scope',
  /** A bound request, or a further passkey's registration, came without the passkey assertion it needs. */
  'binding_required',
  /** The statement's nonce was never issued, or not for this card. */
  'challenge_unknown',
  'challenge_expired',
  /** The challenge (or provisioning code) was consumed before: a replay. */
  'challenge_used',
  /** The assertion's challenge does not commit to this request's sessionid, key or PIN. */
  'commitment_mismatch',
  /** The passkey is not bound to this card. */
  'unknown_credential',
  /** Signature, origin, RP ID, user verification or counter check failed. */
  'invalid_assertion',
  'invalid_registration',
  'siwe_invalid_message',
  'siwe_wrong_signer',
  'siwe_wrong_domain',
  'siwe_expired',
] as const;

/** One of {@link BINDING_ISSUER_CODES}. */
export type BindingIssuerCode = (typeof BINDING_ISSUER_CODES)[number];

/** Transports a passkey may name; others are dropped, not refused (browsers add new ones). */
export const AUTHENTICATOR_TRANSPORTS = ['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb'] as const;

/** The issuer's passkey hints in a `scope=webauthn` answer (our extension). Empty `allowCredentials`: the card has no passkey yet. */
export interface WebauthnHints {
  readonly allowCredentials: readonly { readonly id: string; readonly type: 'public-key'; readonly transports?: readonly string[] }[];
  readonly user?: { readonly id: string; readonly name: string; readonly displayName: string };
  readonly timeout?: number;
}

/** What `scope` adds to an issuer's `GET /card` answer, as the frame reads it. */
export interface ScopedCardJson {
  readonly challenge?: string;
  readonly webauthn?: WebauthnHints;
  /** Push-provisioning credentials: opaque to cardframe, kept in the frame. */
  readonly provisioning?: { readonly [key: string]: JsonValue };
}

/** A successful `PATCH /`, as the frame reads it. */
export type BindingResult = { readonly scope: 'webauthn'; readonly credentialId?: string } | { readonly scope: 'siwe'; readonly address?: string };

const SIGNATURE_PATTERN = /^0x[0-9a-fA-F]{130}$/;
const ADDRESS_PATTERN = /^0x[0-9a-fA-F]{40}$/;
// Lines of text without other control characters, 1 to 4096 of them: a statement or an EIP-4361 message.
const TEXT_PATTERN = /^[^\x00-\x09\x0b-\x1f\x7f]{1,4096}$/;

/**
 * A wire shape, as data (the host SDK carries these checks, so they are kept
 * small): a number is base64url text of at most that many characters, a
 * RegExp a string it matches (the pattern bounds the length), `[shape]` an
 * array of up to 8 such values, `{}` any plain JSON object of at most 2 KB,
 * an object exactly these members (a `?` suffix marks an optional one), and
 * a function a check of its own that throws `ERR_BAD_MESSAGE`.
 */
export type Shape = number | RegExp | readonly [Shape] | { readonly [key: string]: Shape } | ((value: unknown, path: string) => void);

export function expectShape(value: unknown, shape: Shape, path: string): void {
  if (typeof shape === 'function') shape(value, path);
  else if (typeof shape === 'number') expectString(value, path, BASE64URL_PATTERN, shape);
  else if (shape instanceof RegExp) expectString(value, path, shape, MAX_CHALLENGE_CHARS);
  else if (Array.isArray(shape)) {
    if (!Array.isArray(value) || value.length > 8) fail(path, 'expected up to 8 values');
    value.forEach((item, i) => expectShape(item, shape[0], `${path}[${i}]`));
  } else {
    const keys = Object.keys(shape);
    if (keys.length === 0) {
      if (!isPlainObject(value) || JSON.stringify(value).length > 2048) fail(path, 'expected a small object');
      return;
    }
    const object = expectObject(value, path, keys.filter((key) => !key.endsWith('?')), keys.map((key) => key.replace('?', '')));
    for (const key of keys) {
      const name = key.replace('?', '');
      // An optional member may be null (WebAuthn's JSON has such members); a required one is always checked.
      if (object[name] != null || name === key) expectShape(object[name], (shape as Record<string, Shape>)[key]!, `${path}.${name}`);
    }
  }
}

const CREDENTIAL = { id: 1366, rawId: 1366, type: /^public-key$/, 'clientExtensionResults?': {}, 'authenticatorAttachment?': /^(?:platform|cross-platform)$/ };
const ASSERTION_RESPONSE = { clientDataJSON: 4096, authenticatorData: 4096, signature: 1024, 'userHandle?': 128 };
const REGISTRATION_RESPONSE = { clientDataJSON: 4096, attestationObject: 16384, 'transports?': [/^[a-z-]{1,32}$/] as const, 'publicKey?': 1024, 'publicKeyAlgorithm?': /^-?\d{1,6}$/, 'authenticatorData?': 16384 };
export const ASSERTION = { challenge: TEXT_PATTERN, credential: { ...CREDENTIAL, response: ASSERTION_RESPONSE } };

/** `value` once it has `shape`; throws `ERR_BAD_MESSAGE` naming the path otherwise. */
export function checked<T>(value: unknown, shape: Shape, path: string): T {
  expectShape(value, shape, path);
  return value as T;
}

/** A passkey registration or assertion in WebAuthn's JSON form: known members only, bounded sizes. */
export function parsePasskeyCredential(value: unknown, path: string): RegistrationCredentialJson | AuthenticationCredentialJson {
  const registration = isPlainObject(value) && isPlainObject(value['response']) && 'attestationObject' in value['response'];
  if (!registration) return checked(value, { ...CREDENTIAL, response: ASSERTION_RESPONSE }, path);
  // PublicKeyCredential.toJSON() gives publicKeyAlgorithm as a COSE number: an integer of the same bounds as its text form.
  const response = (value as Record<string, Record<string, unknown>>)['response']!;
  const algorithm = response['publicKeyAlgorithm'];
  if (typeof algorithm === 'number') {
    if (!Number.isInteger(algorithm) || Math.abs(algorithm) > 999_999) fail(`${path}.response.publicKeyAlgorithm`, 'expected a COSE algorithm number');
    checked({ ...value, response: { ...response, publicKeyAlgorithm: String(algorithm) } }, { ...CREDENTIAL, response: REGISTRATION_RESPONSE }, path);
    return value as unknown as RegistrationCredentialJson;
  }
  return checked(value, { ...CREDENTIAL, response: REGISTRATION_RESPONSE }, path);
}

/** An issuer challenge: a statement or an EIP-4361 message of at most 4 KB. */
export function parseChallengeText(value: unknown, path: string): string {
  return checked(value, TEXT_PATTERN, path);
}

/** A `PATCH /` body: webauthn `{scope, challenge, credential, assertion?}` or siwe `{scope, message, signature}`. */
export function parseBindingSubmission(value: unknown, path: string): BindingSubmission {
  if (isPlainObject(value) && value['scope'] === 'siwe') return checked(value, { scope: /^siwe$/, message: TEXT_PATTERN, signature: SIGNATURE_PATTERN }, path);
  const body = checked<Record<string, unknown>>(value, { scope: /^webauthn$/, challenge: TEXT_PATTERN, credential: {}, 'assertion?': ASSERTION }, path);
  parsePasskeyCredential(body['credential'], `${path}.credential`);
  return body as BindingSubmission;
}

/** Scopes for one `GET /card`: known, no duplicates, never `webauthn` with `siwe` (seed 001). */
export function parseCardScopes(value: unknown, path: string, allowEmpty = false): CardScope[] {
  const scopes = checked<CardScope[]>(value, [/^(?:webauthn|siwe|provisioning)$/], path);
  if ((!allowEmpty && scopes.length === 0) || new Set(scopes).size < scopes.length || (scopes.includes('webauthn') && scopes.includes('siwe'))) {
    fail(path, 'expected distinct scopes, never "webauthn" with "siwe"');
  }
  return [...scopes];
}

/** A wallet's EIP-191 signature: `0x` and 130 hex digits. */
export function parseSignature(value: unknown, path: string): string {
  return expectString(value, path, SIGNATURE_PATTERN, 132);
}

function asJsonObject(body: JsonValue, what: string): Record<string, unknown> {
  let parsed: unknown = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body);
    } catch {
      fail(what, 'not JSON');
    }
  }
  if (!isPlainObject(parsed)) fail(what, 'not a JSON object');
  return parsed;
}

function parseWebauthnHints(value: unknown): WebauthnHints {
  // Liberal in what an issuer adds, strict in what the frame uses.
  if (!isPlainObject(value)) fail('issuer response.webauthn', 'expected an object');
  const list = value['allowCredentials'] ?? [];
  if (!Array.isArray(list) || list.length > 32) fail('issuer response.webauthn.allowCredentials', 'expected up to 32 credentials');
  const allowCredentials = list.map((entry, i) => {
    const path = `issuer response.webauthn.allowCredentials[${i}]`;
    if (!isPlainObject(entry)) fail(path, 'expected an object');
    if (entry['type'] !== undefined && entry['type'] !== 'public-key') fail(`${path}.type`, 'expected "public-key"');
    const transports = Array.isArray(entry['transports']) ? entry['transports'].filter((t): t is string => (AUTHENTICATOR_TRANSPORTS as readonly unknown[]).includes(t)) : undefined;
    return { id: expectString(entry['id'], `${path}.id`, BASE64URL_PATTERN, 1366), type: 'public-key' as const, ...(transports ? { transports } : {}) };
  });
  const user = value['user'];
  let parsedUser: WebauthnHints['user'];
  if (user !== undefined) {
    if (!isPlainObject(user)) fail('issuer response.webauthn.user', 'expected an object');
    const name = (key: string): string => expectString(user[key], `issuer response.webauthn.user.${key}`, TEXT_PATTERN, 64);
    parsedUser = { id: expectString(user['id'], 'issuer response.webauthn.user.id', BASE64URL_PATTERN, 86), name: name('name'), displayName: name('displayName') };
  }
  const timeout = value['timeout'];
  if (timeout !== undefined && !(Number.isInteger(timeout) && (timeout as number) >= 1000 && (timeout as number) <= 600_000)) fail('issuer response.webauthn.timeout', 'expected 1000 to 600000 ms');
  return { allowCredentials, ...(parsedUser ? { user: parsedUser } : {}), ...(timeout === undefined ? {} : { timeout: timeout as number }) };
}

/**
 * Reads what `scope` adds to the issuer's `GET /card` answer (text or parsed
 * JSON): `challenge` (≤ 4 KB), the `webauthn` hints, `provisioning` (any
 * object ≤ 4 KB). Other members are ignored. Throws `ERR_MALFORMED_RESPONSE` naming
 * the member, never its content.
 */
export function parseScopedCard(body: JsonValue): ScopedCardJson {
  return asMalformed(() => readScopedCard(body));
}

// What the issuer sent is a malformed response, not a malformed message.
function asMalformed<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof CardframeError) throw new CardframeError('ERR_MALFORMED_RESPONSE', error.message);
    throw error;
  }
}

function readScopedCard(body: JsonValue): ScopedCardJson {
  const card = asJsonObject(body, 'issuer response');
  const out: { challenge?: string; webauthn?: WebauthnHints; provisioning?: { readonly [key: string]: JsonValue } } = {};
  if (card['challenge'] !== undefined) out.challenge = parseChallengeText(card['challenge'], 'issuer response.challenge');
  if (card['webauthn'] !== undefined && card['webauthn'] !== null) out.webauthn = parseWebauthnHints(card['webauthn']);
  if (card['provisioning'] !== undefined) {
    if (!isPlainObject(card['provisioning'])) fail('issuer response.provisioning', 'expected an object');
    const json = assertJsonValue(card['provisioning'], 'issuer response.provisioning');
    if (JSON.stringify(json).length > MAX_PROVISIONING_CHARS) fail('issuer response.provisioning', `larger than ${MAX_PROVISIONING_CHARS} characters`);
    out.provisioning = json as { readonly [key: string]: JsonValue };
  }
  return out;
}

/** Reads the issuer's `PATCH /` answer: `bound` must be true; the credential id or address when it names one. */
export function parseBindingResult(body: JsonValue, scope: 'webauthn' | 'siwe'): BindingResult {
  return asMalformed(() => readBindingResult(body, scope));
}

function readBindingResult(body: JsonValue, scope: 'webauthn' | 'siwe'): BindingResult {
  // An empty 204 answer is a success too.
  if (body === '') return { scope };
  const result = asJsonObject(body, 'issuer response');
  if (result['bound'] !== undefined && result['bound'] !== true) fail('issuer response.bound', 'expected true');
  if (scope === 'webauthn') {
    const id = result['credentialId'];
    return typeof id === 'string' && BASE64URL_PATTERN.test(id) && id.length <= 1366 ? { scope, credentialId: id } : { scope };
  }
  const address = result['address'];
  return typeof address === 'string' && ADDRESS_PATTERN.test(address) ? { scope, address } : { scope };
}
