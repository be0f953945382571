import { FIELD_NAMES, PROTOCOL_VERSION, type FieldName } from './messages.ts';
import { fail, isPlainObject, type WireObject } from './json-value.ts';
import { ID_PATTERN } from './patterns.ts';

/** True for a string that can be a request id (so a refusal can be addressed to it). */
export function isMessageId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value);
}

/**
 * Field names are echoed in errors to help integrators, but only when they
 * read as identifiers: short, starting with a letter, at most three digits.
 * Anything else (a number-like key could be card data) is not repeated.
 */
function safeKey(key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$-]{0,31}$/.test(key) && (key.match(/[0-9]/g)?.length ?? 0) <= 3 ? key : '…';
}

/** A plain object with every `required` field, and no field outside `required` and `optional`. */
export function expectObject(value: unknown, path: string, required: readonly string[], optional: readonly string[] = []): WireObject {
  if (!isPlainObject(value)) fail(path, 'expected an object');
  for (const key of Object.keys(value)) {
    if (!required.includes(key) && !optional.includes(key)) fail(path, `unknown field "${safeKey(key)}"`);
  }
  for (const key of required) {
    if (!(key in value)) fail(path, `missing field "${key}"`);
  }
  return value;
}

/** A string of at most `maxChars` that matches `pattern`. */
export function expectString(value: unknown, path: string, pattern: RegExp, maxChars: number): string {
  if (typeof value !== 'string') fail(path, 'expected a string');
  if (value.length > maxChars || !pattern.test(value)) fail(path, 'not in the expected format');
  return value;
}

/** The message speaks this protocol version. */
export function expectVersion(message: WireObject): void {
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
