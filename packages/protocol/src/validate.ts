import { APPEARANCE_KEYS, parseAppearanceParams } from './appearance-params.ts';
import { CardframeError, ISSUER_CODE_PATTERN, isErrorCode, type ErrorInfo } from './errors.ts';
import {
  CHANGE_REQUEST_STATUSES,
  FIELD_NAMES,
  FLOW_NAMES,
  HIDE_REASONS,
  MAX_MESSAGE_CHARS,
  REVEAL_VIEWS,
  REVEAL_MODES,
  PROTOCOL_VERSION,
  type ConfigureParams,
  type ConnectMessage,
  type FieldName,
  type FlowName,
  type RevealGroupParams,
  type RevealModeName,
  type RevealViewName,
  type FrameEventDetails,
  type FrameMessage,
  type HostMessage,
  type JsonValue,
} from './messages.ts';

const MAX_DEPTH = 16;
const MAX_NODES = 4096;
const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const GROUP_ID_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;
const MAX_AUTO_HIDE_SECONDS = 24 * 60 * 60;

/** True for a string that can be a request id (so a refusal can be addressed to it). */
export function isMessageId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value);
}
const COMPACT_JWE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const KID_PATTERN = /^[\x21-\x7e]{1,200}$/;
// One armored block: printable ASCII lines, none of them a BEGIN or END line,
// between its BEGIN and END lines. The line class excludes CR and LF, so
// matching is linear in the length. (Literals, so bundles that never validate
// frame requests drop them.)
const PGP_MESSAGE = /^-----BEGIN PGP MESSAGE-----\r?\n(?:(?!-----)[\x20-\x7e]*\r?\n)*-----END PGP MESSAGE-----(?:\r?\n)?$/;
const PGP_PUBLIC_KEY = /^-----BEGIN PGP PUBLIC KEY BLOCK-----\r?\n(?:(?!-----)[\x20-\x7e]*\r?\n)*-----END PGP PUBLIC KEY BLOCK-----(?:\r?\n)?$/;
const FINGERPRINT_PATTERN = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
const MAX_SEALED_PIN_CHARS = 16 * 1024;
const HEX_PATTERN = /^(?:[0-9a-f]{2})+$/;
const BASE64URL_PATTERN = /^[A-Za-z0-9_-]+$/;
const BASE64_PATTERN = /^[A-Za-z0-9+/]+={0,2}$/;
const MAX_SESSION_ID_CHARS = 1024;
const MAX_ERROR_MESSAGE_CHARS = 500;

type Obj = Record<string, unknown>;

function fail(path: string, problem: string): never {
  // Only the path and the kind of problem: never the offending value.
  throw new CardframeError('ERR_BAD_MESSAGE', `${path}: ${problem}`);
}

function isPlainObject(value: unknown): value is Obj {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Checks that `value` is plain JSON data (no class instances such as
 * `CryptoKey`, `ArrayBuffer` or `Blob`, no functions, no non-finite numbers)
 * within the depth and node limits, and returns it typed.
 */
export function assertJsonValue(value: unknown, path = 'value'): JsonValue {
  let nodes = 0;
  const walk = (v: unknown, p: string, depth: number): void => {
    if (++nodes > MAX_NODES) fail(path, 'too many values');
    if (depth > MAX_DEPTH) fail(p, 'nested too deeply');
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) fail(p, 'not a finite number');
      return;
    }
    if (Array.isArray(v)) {
      v.forEach((item, i) => walk(item, `${p}[${i}]`, depth + 1));
      return;
    }
    if (isPlainObject(v)) {
      for (const key of Object.keys(v)) walk(v[key], `${p}.${key}`, depth + 1);
      return;
    }
    fail(p, 'not plain JSON data');
  };
  walk(value, path, 0);
  return value as JsonValue;
}

function assertSize(value: JsonValue): void {
  if (JSON.stringify(value).length > MAX_MESSAGE_CHARS) fail('message', `larger than ${MAX_MESSAGE_CHARS} characters`);
}

function expectObject(value: unknown, path: string, required: readonly string[], optional: readonly string[] = []): Obj {
  if (!isPlainObject(value)) fail(path, 'expected an object');
  for (const key of Object.keys(value)) {
    if (!required.includes(key) && !optional.includes(key)) fail(path, `unknown field "${safeKey(key)}"`);
  }
  for (const key of required) {
    if (!(key in value)) fail(path, `missing field "${key}"`);
  }
  return value;
}

/**
 * Field names are echoed in errors to help integrators, but only when they
 * read as identifiers: short, starting with a letter, at most three digits.
 * Anything else (a number-like key could be card data) is not repeated.
 */
function safeKey(key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$-]{0,31}$/.test(key) && (key.match(/[0-9]/g)?.length ?? 0) <= 3 ? key : '…';
}

function expectString(value: unknown, path: string, pattern: RegExp, maxChars: number): string {
  if (typeof value !== 'string') fail(path, 'expected a string');
  if (value.length > maxChars || !pattern.test(value)) fail(path, 'not in the expected format');
  return value;
}

function expectVersion(message: Obj): void {
  if (message['v'] !== PROTOCOL_VERSION) fail('message.v', `unsupported protocol version (expected ${PROTOCOL_VERSION})`);
}

/** Validates a list of field names: known names, no duplicates, at least one (unless `allowEmpty`). */
export function parseFieldNames(value: unknown, path = 'fields', allowEmpty = false): FieldName[] {
  if (!Array.isArray(value)) fail(path, 'expected an array');
  if ((value.length === 0 && !allowEmpty) || value.length > FIELD_NAMES.length) fail(path, 'expected 1 to 4 field names');
  const seen = new Set<FieldName>();
  value.forEach((name, i) => {
    if (typeof name !== 'string' || !(FIELD_NAMES as readonly string[]).includes(name)) fail(`${path}[${i}]`, 'unknown field name');
    if (seen.has(name as FieldName)) fail(`${path}[${i}]`, 'duplicate field name');
    seen.add(name as FieldName);
  });
  return [...seen];
}

function parseErrorInfo(value: unknown, path: string): ErrorInfo {
  const error = expectObject(value, path, ['code', 'message'], ['status', 'issuerCode']);
  if (!isErrorCode(error['code'])) fail(`${path}.code`, 'unknown error code');
  const message = error['message'];
  if (typeof message !== 'string' || message.length > MAX_ERROR_MESSAGE_CHARS) fail(`${path}.message`, 'expected a short string');
  const status = error['status'];
  if (status !== undefined && !(Number.isInteger(status) && (status as number) >= 100 && (status as number) <= 599)) {
    fail(`${path}.status`, 'expected an HTTP status');
  }
  const issuerCode = error['issuerCode'];
  if (issuerCode !== undefined && (typeof issuerCode !== 'string' || !ISSUER_CODE_PATTERN.test(issuerCode))) fail(`${path}.issuerCode`, 'expected a short snake_case code');
  return {
    code: error['code'],
    message,
    ...(status === undefined ? {} : { status: status as number }),
    ...(issuerCode === undefined ? {} : { issuerCode: issuerCode as string }),
  };
}

function parseReplyEnvelope(message: Obj): { id: string } & ({ ok: true; result: unknown } | { ok: false; error: ErrorInfo }) {
  const ok = message['ok'];
  if (ok === true) {
    expectObject(message, 'message', ['v', 'kind', 'id', 'ok', 'result']);
    return { id: expectString(message['id'], 'message.id', ID_PATTERN, 64), ok: true, result: message['result'] };
  }
  if (ok === false) {
    expectObject(message, 'message', ['v', 'kind', 'id', 'ok', 'error']);
    return { id: expectString(message['id'], 'message.id', ID_PATTERN, 64), ok: false, error: parseErrorInfo(message['error'], 'message.error') };
  }
  fail('message.ok', 'expected true or false');
}

function parseConfigureParams(value: unknown): ConfigureParams {
  const path = 'message.params';
  const params = expectObject(value, path, [], ['flow', 'fields', 'mode', 'view', 'group', 'last4', 'autoHideSeconds', 'hideOnBlur', ...APPEARANCE_KEYS]);
  const { flow, mode, view, group, last4, autoHideSeconds, hideOnBlur } = params;
  if (flow !== undefined && !(FLOW_NAMES as readonly unknown[]).includes(flow)) fail(`${path}.flow`, 'unknown flow');
  if (mode !== undefined && !(REVEAL_MODES as readonly unknown[]).includes(mode)) fail(`${path}.mode`, 'unknown reveal mode');
  if (view !== undefined && !(REVEAL_VIEWS as readonly unknown[]).includes(view)) fail(`${path}.view`, 'unknown view');
  if (last4 !== undefined) expectString(last4, `${path}.last4`, /^[0-9]{4}$/, 4);
  if (autoHideSeconds !== undefined && !(Number.isInteger(autoHideSeconds) && (autoHideSeconds as number) >= 1 && (autoHideSeconds as number) <= MAX_AUTO_HIDE_SECONDS)) {
    fail(`${path}.autoHideSeconds`, `expected whole seconds from 1 to ${MAX_AUTO_HIDE_SECONDS}`);
  }
  if (hideOnBlur !== undefined && typeof hideOnBlur !== 'boolean') fail(`${path}.hideOnBlur`, 'expected a boolean');
  let parsedGroup: RevealGroupParams | undefined;
  if (group !== undefined) {
    const g = expectObject(group, `${path}.group`, ['id', 'fields']);
    parsedGroup = { id: expectString(g['id'], `${path}.group.id`, GROUP_ID_PATTERN, 64), fields: parseFieldNames(g['fields'], `${path}.group.fields`) };
  }
  return {
    ...(flow === undefined ? {} : { flow: flow as FlowName }),
    ...(params['fields'] === undefined ? {} : { fields: parseFieldNames(params['fields'], `${path}.fields`) }),
    ...(mode === undefined ? {} : { mode: mode as RevealModeName }),
    ...(view === undefined ? {} : { view: view as RevealViewName }),
    ...(parsedGroup === undefined ? {} : { group: parsedGroup }),
    ...(last4 === undefined ? {} : { last4: last4 as string }),
    ...(autoHideSeconds === undefined ? {} : { autoHideSeconds: autoHideSeconds as number }),
    ...(hideOnBlur === undefined ? {} : { hideOnBlur: hideOnBlur as boolean }),
    ...parseAppearanceParams(params),
  };
}

/**
 * True when `data` is a cardframe `connect` message. The caller still checks
 * the event's origin, source and port.
 */
export function isConnectMessage(data: unknown): data is ConnectMessage {
  return isPlainObject(data) && Object.keys(data).length === 2 && data['cardframe'] === 'connect' && data['v'] === PROTOCOL_VERSION;
}

/**
 * Validates a message the frame received from the host. Throws a
 * `CardframeError` with code `ERR_BAD_MESSAGE` on anything unexpected.
 */
export function parseHostMessage(data: unknown): HostMessage {
  const json = assertJsonValue(data, 'message');
  assertSize(json);
  const message = expectObject(json, 'message', ['v', 'kind', 'id'], ['method', 'params', 'ok', 'result', 'error']);
  expectVersion(message);
  if (message['kind'] === 'request') {
    const id = expectString(message['id'], 'message.id', ID_PATTERN, 64);
    expectObject(message, 'message', ['v', 'kind', 'id', 'method', 'params']);
    const method = message['method'];
    if (method === 'configure') {
      return { v: PROTOCOL_VERSION, kind: 'request', id, method, params: parseConfigureParams(message['params']) };
    }
    if (method === 'hide') {
      expectObject(message['params'], 'message.params', []);
      return { v: PROTOCOL_VERSION, kind: 'request', id, method, params: {} };
    }
    fail('message.method', 'unknown method');
  }
  if (message['kind'] === 'reply') {
    const reply = parseReplyEnvelope(message);
    if (!reply.ok) return { v: PROTOCOL_VERSION, kind: 'reply', id: reply.id, ok: false, error: reply.error };
    const result = expectObject(reply.result, 'message.result', ['body']);
    return { v: PROTOCOL_VERSION, kind: 'reply', id: reply.id, ok: true, result: { body: result['body'] as JsonValue } };
  }
  fail('message.kind', 'expected "request" or "reply"');
}

const EVENT_PARSERS: { [K in keyof FrameEventDetails]: (detail: unknown) => FrameEventDetails[K] } = {
  // A group's reveal-all toggle is ready with no fields of its own.
  ready: (detail) => ({ fields: parseFieldNames(expectObject(detail, 'message.detail', ['fields'])['fields'], 'message.detail.fields', true) }),
  reveal: (detail) => ({ fields: parseFieldNames(expectObject(detail, 'message.detail', ['fields'])['fields'], 'message.detail.fields') }),
  hide: (detail) => {
    const reason = expectObject(detail, 'message.detail', ['reason'])['reason'];
    if (!(HIDE_REASONS as readonly unknown[]).includes(reason)) fail('message.detail.reason', 'unknown reason');
    return { reason: reason as (typeof HIDE_REASONS)[number] };
  },
  copy: (detail) => {
    const field = expectObject(detail, 'message.detail', ['field'])['field'];
    if (!(FIELD_NAMES as readonly unknown[]).includes(field)) fail('message.detail.field', 'unknown field name');
    return { field: field as FieldName };
  },
  focus: (detail) => (expectObject(detail, 'message.detail', []), {}),
  blur: (detail) => (expectObject(detail, 'message.detail', []), {}),
  error: (detail) => parseErrorInfo(detail, 'message.detail'),
  change: (detail) => {
    const d = expectObject(detail, 'message.detail', ['complete', 'valid'], ['error']);
    if (typeof d['complete'] !== 'boolean' || typeof d['valid'] !== 'boolean') fail('message.detail', 'expected booleans');
    if (d['error'] !== undefined && !isErrorCode(d['error'])) fail('message.detail.error', 'unknown error code');
    return d['error'] === undefined
      ? { complete: d['complete'], valid: d['valid'] }
      : { complete: d['complete'], valid: d['valid'], error: d['error'] };
  },
  submit: (detail) => {
    const d = expectObject(detail, 'message.detail', ['flow', 'status'], ['changeRequestId']);
    if (d['flow'] !== 'pin') fail('message.detail.flow', 'expected "pin"');
    if (!(CHANGE_REQUEST_STATUSES as readonly unknown[]).includes(d['status'])) fail('message.detail.status', 'unknown status');
    const status = d['status'] as (typeof CHANGE_REQUEST_STATUSES)[number];
    return d['changeRequestId'] === undefined
      ? { flow: 'pin', status }
      : { flow: 'pin', status, changeRequestId: expectString(d['changeRequestId'], 'message.detail.changeRequestId', ID_PATTERN, 64) };
  },
  resize: (detail) => {
    const height = expectObject(detail, 'message.detail', ['height'])['height'];
    if (typeof height !== 'number' || !Number.isFinite(height) || height < 0 || height > 10_000) fail('message.detail.height', 'expected 0 to 10000');
    return { height };
  },
};

/** A sealed PIN: a compact JWE or one armored OpenPGP message. */
function expectSealedPin(value: unknown): string {
  const path = 'message.params.encrypted_pin';
  if (typeof value !== 'string' || value.length > MAX_SEALED_PIN_CHARS) fail(path, 'not in the expected format');
  return value.startsWith('-----BEGIN PGP') ? expectString(value, path, PGP_MESSAGE, MAX_SEALED_PIN_CHARS) : expectString(value, path, COMPACT_JWE, MAX_SEALED_PIN_CHARS);
}

/**
 * Validates a message the host received from the frame. The host trusts the
 * frame's origin but still refuses malformed data, so a broken or outdated
 * frame surfaces as a typed error rather than as undefined behaviour.
 */
export function parseFrameMessage(data: unknown): FrameMessage {
  const json = assertJsonValue(data, 'message');
  assertSize(json);
  const message = expectObject(json, 'message', ['v', 'kind'], ['id', 'method', 'params', 'ok', 'result', 'error', 'event', 'detail']);
  expectVersion(message);
  switch (message['kind']) {
    case 'request': {
      expectObject(message, 'message', ['v', 'kind', 'id', 'method', 'params']);
      const id = expectString(message['id'], 'message.id', ID_PATTERN, 64);
      switch (message['method']) {
        case 'session': {
          const params = expectObject(message['params'], 'message.params', ['sessionId']);
          const sessionId = expectString(params['sessionId'], 'message.params.sessionId', BASE64_PATTERN, MAX_SESSION_ID_CHARS);
          return { v: PROTOCOL_VERSION, kind: 'request', id, method: 'session', params: { sessionId } };
        }
        case 'pin': {
          const params = expectObject(message['params'], 'message.params', ['encrypted_pin', 'key_id'], ['device_id', 'signature']);
          const submission = {
            encrypted_pin: expectSealedPin(params['encrypted_pin']),
            key_id: expectString(params['key_id'], 'message.params.key_id', KID_PATTERN, 200),
            ...(params['device_id'] === undefined ? {} : { device_id: expectString(params['device_id'], 'message.params.device_id', KID_PATTERN, 200) }),
            ...(params['signature'] === undefined ? {} : { signature: expectString(params['signature'], 'message.params.signature', HEX_PATTERN, 256) }),
          };
          return { v: PROTOCOL_VERSION, kind: 'request', id, method: 'pin', params: submission };
        }
        case 'register-device': {
          const params = expectObject(message['params'], 'message.params', ['public_key']);
          const key = expectObject(params['public_key'], 'message.params.public_key', ['kty', 'crv', 'x', 'y']);
          if (key['kty'] !== 'EC' || key['crv'] !== 'P-256') fail('message.params.public_key', 'expected a P-256 public key');
          const x = expectString(key['x'], 'message.params.public_key.x', BASE64URL_PATTERN, 64);
          const y = expectString(key['y'], 'message.params.public_key.y', BASE64URL_PATTERN, 64);
          return { v: PROTOCOL_VERSION, kind: 'request', id, method: 'register-device', params: { public_key: { kty: 'EC', crv: 'P-256', x, y } } };
        }
        case 'encrypted-card': {
          const params = expectObject(message['params'], 'message.params', ['public_key']);
          const path = 'message.params.public_key';
          if (isPlainObject(params['public_key']) && params['public_key']['kty'] === 'PGP') {
            const pgp = expectObject(params['public_key'], path, ['kty', 'kid', 'use', 'pgp']);
            if (pgp['use'] !== 'enc') fail(path, 'expected an OpenPGP encryption key');
            const public_key = {
              kty: 'PGP' as const,
              kid: expectString(pgp['kid'], `${path}.kid`, FINGERPRINT_PATTERN, 64),
              use: 'enc' as const,
              pgp: expectString(pgp['pgp'], `${path}.pgp`, PGP_PUBLIC_KEY, 16 * 1024),
            };
            return { v: PROTOCOL_VERSION, kind: 'request', id, method: 'encrypted-card', params: { public_key } };
          }
          const key = expectObject(params['public_key'], path, ['kty', 'kid', 'use', 'alg'], ['crv', 'x', 'y', 'n', 'e']);
          const ec = key['kty'] === 'EC' && key['alg'] === 'ECDH-ES' && key['crv'] === 'P-256';
          const rsa = key['kty'] === 'RSA' && key['alg'] === 'RSA-OAEP-256';
          if (!(ec || rsa) || key['use'] !== 'enc') fail(path, 'expected an ECDH-ES P-256 or RSA-OAEP-256 encryption key');
          const part = (name: string, max: number): string => expectString(key[name], `${path}.${name}`, BASE64URL_PATTERN, max);
          const public_key = ec
            ? { kty: 'EC' as const, crv: 'P-256' as const, x: part('x', 64), y: part('y', 64), kid: expectString(key['kid'], `${path}.kid`, BASE64URL_PATTERN, 64), use: 'enc' as const, alg: 'ECDH-ES' as const }
            : { kty: 'RSA' as const, n: part('n', 1024), e: part('e', 8), kid: expectString(key['kid'], `${path}.kid`, BASE64URL_PATTERN, 64), use: 'enc' as const, alg: 'RSA-OAEP-256' as const };
          return { v: PROTOCOL_VERSION, kind: 'request', id, method: 'encrypted-card', params: { public_key } };
        }
        default:
          fail('message.method', 'unknown method');
      }
    }
    case 'reply': {
      const reply = parseReplyEnvelope(message);
      if (!reply.ok) return { v: PROTOCOL_VERSION, kind: 'reply', id: reply.id, ok: false, error: reply.error };
      expectObject(reply.result, 'message.result', []);
      return { v: PROTOCOL_VERSION, kind: 'reply', id: reply.id, ok: true, result: {} };
    }
    case 'event': {
      expectObject(message, 'message', ['v', 'kind', 'event', 'detail']);
      const name = message['event'];
      if (typeof name !== 'string' || !Object.hasOwn(EVENT_PARSERS, name)) fail('message.event', 'unknown event');
      const event = name as keyof FrameEventDetails;
      // The map's key and parser agree by construction; TypeScript cannot see that through the index.
      return { v: PROTOCOL_VERSION, kind: 'event', event, detail: EVENT_PARSERS[event](message['detail']) } as FrameMessage;
    }
    default:
      fail('message.kind', 'expected "request", "reply" or "event"');
  }
}
