import { ISSUER_CODE_PATTERN, isErrorCode, type ErrorInfo } from './errors.ts';
import { expectObject, expectString } from './guards.ts';
import { fail, type WireObject } from './json-value.ts';
import { ID_PATTERN } from './patterns.ts';

const MAX_ERROR_MESSAGE_CHARS = 500;

/** A typed error as either side sends it: a known code, a short message, maybe an HTTP status and an issuer code. */
export function parseErrorInfo(value: unknown, path: string): ErrorInfo {
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

/** A reply's envelope, either way: its id and either an unchecked result or a checked error. */
export function parseReplyEnvelope(message: WireObject): { id: string } & ({ ok: true; result: unknown } | { ok: false; error: ErrorInfo }) {
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
