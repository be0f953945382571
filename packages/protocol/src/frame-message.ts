import { EARLY_EVENT_CHECKS, checkFrameEvent } from './frame-events.ts';
import { checkFrameRequest } from './frame-requests.ts';
import { expectObject, expectString, expectVersion } from './guards.ts';
import { assertJsonValue, assertSize, fail } from './json-value.ts';
import { PROTOCOL_VERSION, type FrameMessage, type FrameMessageEnvelope } from './messages.ts';
import { ID_PATTERN } from './patterns.ts';
import { parseReplyEnvelope } from './replies.ts';

/**
 * Validates a message the host received from the frame. The host trusts the
 * frame's origin but still refuses malformed data, so a broken or outdated
 * frame surfaces as a typed error rather than as undefined behaviour.
 */
export function parseFrameMessage(data: unknown): FrameMessage {
  const message = readFrameMessage(data);
  return message.kind === 'request' ? checkFrameRequest(message) : 'unchecked' in message ? checkFrameEvent(message) : message;
}

/**
 * {@link parseFrameMessage} as far as the way to ready needs it: replies and
 * the events a frame sends on its way to ready are checked in full; of a
 * request, and of any other event, the envelope (size, members, version, id),
 * and {@link checkFrameRequest} or {@link checkFrameEvent} checks the rest
 * before anything acts on it. The host SDK's script-tag file carries this
 * much and loads the rest of the checks once a frame is ready.
 */
export function readFrameMessage(data: unknown): FrameMessageEnvelope {
  const json = assertJsonValue(data, 'message');
  assertSize(json);
  const message = expectObject(json, 'message', ['v', 'kind'], ['id', 'method', 'params', 'ok', 'result', 'error', 'event', 'detail']);
  expectVersion(message);
  switch (message['kind']) {
    case 'request': {
      expectObject(message, 'message', ['v', 'kind', 'id', 'method', 'params']);
      return { v: PROTOCOL_VERSION, kind: 'request', id: expectString(message['id'], 'message.id', ID_PATTERN, 64), method: message['method'], params: message['params'] };
    }
    case 'reply': {
      const reply = parseReplyEnvelope(message);
      if (!reply.ok) return { v: PROTOCOL_VERSION, kind: 'reply', id: reply.id, ok: false, error: reply.error };
      expectObject(reply.result, 'message.result', []);
      return { v: PROTOCOL_VERSION, kind: 'reply', id: reply.id, ok: true, result: {} };
    }
    case 'event': {
      expectObject(message, 'message', ['v', 'kind', 'event', 'detail']);
      const event = message['event'];
      const detail = message['detail'];
      if (typeof event !== 'string' || !Object.hasOwn(EARLY_EVENT_CHECKS, event)) return { v: PROTOCOL_VERSION, kind: 'event', event, detail, unchecked: true };
      // The detail is the checked value itself: the check allows no member beyond those it names.
      EARLY_EVENT_CHECKS[event as keyof typeof EARLY_EVENT_CHECKS](detail, 'message.detail');
      return { v: PROTOCOL_VERSION, kind: 'event', event, detail } as FrameMessageEnvelope;
    }
    default:
      fail('message.kind', 'expected "request", "reply" or "event"');
  }
}
