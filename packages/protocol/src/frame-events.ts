import { isErrorCode } from './errors.ts';
import { expectObject, expectString, parseFieldNames } from './guards.ts';
import { fail } from './json-value.ts';
import { CHANGE_REQUEST_STATUSES, FIELD_NAMES, HIDE_REASONS, PROGRESS_STAGES, PROTOCOL_VERSION, PROVISION_OUTCOMES, type FrameEvent, type FrameEventDetails, type UncheckedFrameEvent, type UnavailableFieldInfo } from './messages.ts';
import { ID_PATTERN } from './patterns.ts';
import { checked, type Shape } from './binding.ts';
import { parseErrorInfo } from './replies.ts';

/** A string that is one of `values`. */
const oneOf = /* #__NO_SIDE_EFFECTS__ */ (values: readonly string[]): RegExp => new RegExp(`^(?:${values.join('|')})$`);
const FIELD = oneOf(FIELD_NAMES);
const NOTHING = (value: unknown, path: string): void => void expectObject(value, path, []);

type Shapes<K extends keyof FrameEventDetails> = { readonly [E in K]: Shape };
type EarlyEventName = 'progress' | 'ready' | 'error' | 'focus' | 'blur' | 'resize';

/** An event's detail: exactly the member `name`, which `check` takes. */
const member =
  (name: string, check: (value: unknown, path: string) => void) =>
  (detail: unknown, path: string): void =>
    check(expectObject(detail, path, [name])[name], `${path}.${name}`);

/**
 * The check of the `detail` of each event a frame may send on its way to
 * ready (or instead of it): what reaches the host app's listeners is exactly
 * what was checked here. Plain functions rather than shapes, so the host
 * SDK's script-tag file, which carries them, needs no shape reader.
 */
export const EARLY_EVENT_CHECKS: { readonly [E in EarlyEventName]: (detail: unknown, path: string) => void } = {
  progress: member('stage', (stage, path) => void expectString(stage, path, oneOf(PROGRESS_STAGES), 32)),
  // A group's reveal-all toggle is ready with no fields of its own.
  ready: member('fields', (fields, path) => void parseFieldNames(fields, path, true)),
  error: (detail, path) => void parseErrorInfo(detail, path),
  focus: NOTHING,
  blur: NOTHING,
  resize: member('height', (height, path) => {
    if (typeof height !== 'number' || !Number.isFinite(height) || height < 0 || height > 10_000) fail(path, 'expected 0 to 10000');
  }),
};

/**
 * The `detail` of each event that follows the cardholder's use of a ready
 * frame (a reveal, a PIN typed or submitted, a binding, Add to wallet). The
 * host SDK checks these with the frame's requests, in the part of it that
 * loads once a frame is ready.
 */
export const LATE_EVENT_SHAPES: Shapes<Exclude<keyof FrameEventDetails, EarlyEventName>> = {
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
};

/**
 * An event {@link readFrameMessage} left unchecked (one not in
 * {@link EARLY_EVENT_CHECKS}), checked: a known event and exactly its detail.
 * Throws `ERR_BAD_MESSAGE` naming the path.
 */
export function checkFrameEvent(message: UncheckedFrameEvent): FrameEvent {
  const name = message.event;
  if (typeof name !== 'string' || !Object.hasOwn(LATE_EVENT_SHAPES, name)) fail('message.event', 'unknown event');
  const event = name as keyof typeof LATE_EVENT_SHAPES;
  // The detail is the checked value itself: the shape names every member it may have.
  return { v: PROTOCOL_VERSION, kind: 'event', event, detail: checked(message.detail, LATE_EVENT_SHAPES[event], 'message.detail') } as FrameEvent;
}
