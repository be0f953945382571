import { CardframeError } from './errors.ts';
import { MAX_MESSAGE_CHARS, type JsonValue } from './messages.ts';

const MAX_DEPTH = 16;
const MAX_NODES = 4096;

/** An object read off the wire, before its fields are checked. */
export type WireObject = Record<string, unknown>;

/** Refuses a message: only the path and the kind of problem, never the offending value. */
export function fail(path: string, problem: string): never {
  throw new CardframeError('ERR_BAD_MESSAGE', `${path}: ${problem}`);
}

/** True for `{}`-like objects: no class instances, no arrays. */
export function isPlainObject(value: unknown): value is WireObject {
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

/** Refuses a message whose JSON text is over {@link MAX_MESSAGE_CHARS}. */
export function assertSize(value: JsonValue): void {
  if (JSON.stringify(value).length > MAX_MESSAGE_CHARS) fail('message', `larger than ${MAX_MESSAGE_CHARS} characters`);
}
