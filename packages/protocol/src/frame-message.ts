import { checked } from './binding.ts';
import { EVENT_SHAPES } from './frame-events.ts';
import { REQUEST_PARAMS } from './frame-requests.ts';
import { expectObject, expectString, expectVersion } from './guards.ts';
import { assertJsonValue, assertSize, fail, isPlainObject } from './json-value.ts';
import { PROTOCOL_VERSION, type FrameEventDetails, type FrameMessage, type FrameRequest } from './messages.ts';
import { ID_PATTERN } from './patterns.ts';
import { parseReplyEnvelope } from './replies.ts';

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
      const method = message['method'];
      if (typeof method !== 'string' || !Object.hasOwn(REQUEST_PARAMS, method)) fail('message.method', 'unknown method');
      const params = message['params'];
      // No callback is handed a null: an optional member is absent or has its format.
      if (isPlainObject(params) && Object.values(params).includes(null)) fail('message.params', 'unexpected null');
      // The params are the checked value itself: the shape names every member they may have.
      return { v: PROTOCOL_VERSION, kind: 'request', id, method, params: checked(params, REQUEST_PARAMS[method as FrameRequest['method']], 'message.params') } as FrameMessage;
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
      if (typeof name !== 'string' || !Object.hasOwn(EVENT_SHAPES, name)) fail('message.event', 'unknown event');
      const event = name as keyof FrameEventDetails;
      // The detail is the checked value itself: the shape names every member it may have.
      return { v: PROTOCOL_VERSION, kind: 'event', event, detail: checked(message['detail'], EVENT_SHAPES[event], 'message.detail') } as FrameMessage;
    }
    default:
      fail('message.kind', 'expected "request", "reply" or "event"');
  }
}
