import { isErrorCode } from './errors.ts';
import { expectObject, expectString, parseFieldNames } from './guards.ts';
import { fail } from './json-value.ts';
import { CHANGE_REQUEST_STATUSES, FIELD_NAMES, HIDE_REASONS, PROVISION_OUTCOMES, type FieldName, type FrameEventDetails, type UnavailableFieldInfo } from './messages.ts';
import { ID_PATTERN } from './patterns.ts';
import { checked } from './binding.ts';
import { parseErrorInfo } from './replies.ts';

const GAP_CODES: readonly unknown[] = ['ERR_PROFILE_MISSING', 'ERR_PROFILE_MALFORMED'];

function parseUnavailable(value: unknown): UnavailableFieldInfo[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > FIELD_NAMES.length) fail('message.detail.unavailable', 'expected 1 to 4 entries');
  const entries = value.map((entry, i) => {
    const e = expectObject(entry, `message.detail.unavailable[${i}]`, ['field', 'code']);
    if (!(FIELD_NAMES as readonly unknown[]).includes(e['field'])) fail(`message.detail.unavailable[${i}].field`, 'unknown field name');
    if (!GAP_CODES.includes(e['code'])) fail(`message.detail.unavailable[${i}].code`, 'unknown code');
    return { field: e['field'] as FieldName, code: e['code'] as UnavailableFieldInfo['code'] };
  });
  if (new Set(entries.map((e) => e.field)).size !== entries.length) fail('message.detail.unavailable', 'duplicate field');
  return entries;
}

/** One parser per event the frame emits, each checking its `detail`. */
export const EVENT_PARSERS: { [K in keyof FrameEventDetails]: (detail: unknown) => FrameEventDetails[K] } = {
  // A group's reveal-all toggle is ready with no fields of its own.
  ready: (detail) => ({ fields: parseFieldNames(expectObject(detail, 'message.detail', ['fields'])['fields'], 'message.detail.fields', true) }),
  reveal: (detail) => {
    const d = expectObject(detail, 'message.detail', ['fields'], ['unavailable']);
    if (d['unavailable'] === undefined) return { fields: parseFieldNames(d['fields'], 'message.detail.fields') };
    const unavailable = parseUnavailable(d['unavailable']);
    // A field frame whose only field is unavailable reveals nothing else.
    return { fields: parseFieldNames(d['fields'], 'message.detail.fields', true), unavailable };
  },
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
  // A credential id for a passkey, an address for a wallet.
  bind: (detail) => ({ ...checked<FrameEventDetails['bind']>(detail, { scope: /^(?:webauthn|siwe)$/, 'credentialId?': 1366, 'address?': /^0x[0-9a-fA-F]{40}$/ }, 'message.detail') }),
  // An outcome and, for a failure only, its code: nothing else may cross (the credentials stay in the frame).
  provision: (detail) => {
    const d = expectObject(detail, 'message.detail', ['outcome'], ['code']);
    if (!(PROVISION_OUTCOMES as readonly unknown[]).includes(d['outcome'])) fail('message.detail.outcome', 'unknown outcome');
    const outcome = d['outcome'] as (typeof PROVISION_OUTCOMES)[number];
    if (d['code'] === undefined) return { outcome };
    if (outcome !== 'failed' || !isErrorCode(d['code'])) fail('message.detail.code', 'expected an error code of a failure');
    return { outcome, code: d['code'] };
  },
  resize: (detail) => {
    const height = expectObject(detail, 'message.detail', ['height'])['height'];
    if (typeof height !== 'number' || !Number.isFinite(height) || height < 0 || height > 10_000) fail('message.detail.height', 'expected 0 to 10000');
    return { height };
  },
};
