import { isErrorCode } from './errors.ts';
import { expectObject, expectString, parseFieldNames } from './guards.ts';
import { fail } from './json-value.ts';
import { CHANGE_REQUEST_STATUSES, FIELD_NAMES, HIDE_REASONS, type FieldName, type FrameEventDetails } from './messages.ts';
import { ID_PATTERN } from './patterns.ts';
import { checked } from './binding.ts';
import { parseErrorInfo } from './replies.ts';

/** One parser per event the frame emits, each checking its `detail`. */
export const EVENT_PARSERS: { [K in keyof FrameEventDetails]: (detail: unknown) => FrameEventDetails[K] } = {
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
  // A credential id for a passkey, an address for a wallet.
  bind: (detail) => ({ ...checked<FrameEventDetails['bind']>(detail, { scope: /^(?:webauthn|siwe)$/, 'credentialId?': 1366, 'address?': /^0x[0-9a-fA-F]{40}$/ }, 'message.detail') }),
  resize: (detail) => {
    const height = expectObject(detail, 'message.detail', ['height'])['height'];
    if (typeof height !== 'number' || !Number.isFinite(height) || height < 0 || height > 10_000) fail('message.detail.height', 'expected 0 to 10000');
    return { height };
  },
};
