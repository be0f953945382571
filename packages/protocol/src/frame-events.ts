import { isErrorCode } from './errors.ts';
import { expectObject, parseFieldNames } from './guards.ts';
import { fail } from './json-value.ts';
import { CHANGE_REQUEST_STATUSES, FIELD_NAMES, HIDE_REASONS, PROGRESS_STAGES, PROVISION_OUTCOMES, type FrameEventDetails, type UnavailableFieldInfo } from './messages.ts';
import { ID_PATTERN } from './patterns.ts';
import { checked, type Shape } from './binding.ts';
import { parseErrorInfo } from './replies.ts';

/** A string that is one of `values`. */
const oneOf = (values: readonly string[]): RegExp => new RegExp(`^(?:${values.join('|')})$`);
const FIELD = oneOf(FIELD_NAMES);
const NOTHING: Shape = (value, path) => void expectObject(value, path, []);

/**
 * The `detail` of each event the frame emits, as data: what reaches the host
 * app's listeners is exactly what was checked here.
 */
export const EVENT_SHAPES: { [K in keyof FrameEventDetails]: Shape } = {
  progress: { stage: oneOf(PROGRESS_STAGES) },
  // A group's reveal-all toggle is ready with no fields of its own.
  ready: { fields: (value, path) => void parseFieldNames(value, path, true) },
  reveal: (detail, path) => {
    const d = expectObject(detail, path, ['fields'], ['unavailable']);
    // A field frame whose only field is unavailable reveals nothing else.
    parseFieldNames(d['fields'], `${path}.fields`, d['unavailable'] !== undefined);
    if (d['unavailable'] === undefined) return;
    // The fields whose plaintext profile value is missing or malformed: each at most once.
    const unavailable = checked<UnavailableFieldInfo[]>(d['unavailable'], [{ field: FIELD, code: /^ERR_PROFILE_(?:MISSING|MALFORMED)$/ }], `${path}.unavailable`);
    if (unavailable.length === 0 || new Set(unavailable.map((entry) => entry.field)).size < unavailable.length) fail(`${path}.unavailable`, 'expected 1 to 4 entries, one per field');
  },
  hide: { reason: oneOf(HIDE_REASONS) },
  copy: { field: FIELD },
  focus: NOTHING,
  blur: NOTHING,
  error: (detail, path) => void parseErrorInfo(detail, path),
  change: (detail, path) => {
    const d = expectObject(detail, path, ['complete', 'valid'], ['error']);
    if (typeof d['complete'] !== 'boolean' || typeof d['valid'] !== 'boolean') fail(path, 'expected booleans');
    if (d['error'] !== undefined && !isErrorCode(d['error'])) fail(`${path}.error`, 'unknown error code');
  },
  submit: (detail, path) => {
    const d = checked<Record<string, unknown>>(detail, { flow: /^pin$/, status: oneOf(CHANGE_REQUEST_STATUSES), 'changeRequestId?': ID_PATTERN }, path);
    if (d['changeRequestId'] === null) fail(`${path}.changeRequestId`, 'expected a string');
  },
  // A credential id for a passkey, an address for a wallet.
  bind: { scope: /^(?:webauthn|siwe)$/, 'credentialId?': 1366, 'address?': /^0x[0-9a-fA-F]{40}$/ },
  // An outcome and, for a failure only, its code: nothing else may cross (the credentials stay in the frame).
  provision: (detail, path) => {
    const d = checked<Record<string, unknown>>(detail, { outcome: oneOf(PROVISION_OUTCOMES), 'code?': (code, at) => void (isErrorCode(code) || fail(at, 'expected an error code')) }, path);
    if (d['code'] !== undefined && d['outcome'] !== 'failed') fail(`${path}.code`, 'expected an error code of a failure');
  },
  resize: {
    height: (height, path) => {
      if (typeof height !== 'number' || !Number.isFinite(height) || height < 0 || height > 10_000) fail(path, 'expected 0 to 10000');
    },
  },
};
