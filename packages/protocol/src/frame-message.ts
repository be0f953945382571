import { EVENT_PARSERS } from './frame-events.ts';
import { parsePinSubmission } from './frame-requests.ts';
import { expectObject, expectString, expectVersion } from './guards.ts';
import { assertJsonValue, assertSize, fail } from './json-value.ts';
import { PROTOCOL_VERSION, type FrameEventDetails, type FrameMessage } from './messages.ts';
import { BASE64_TEXT_PATTERN, ID_PATTERN, MAX_SESSION_ID_CHARS, REPLY_NONCE_PATTERN } from './patterns.ts';
import { parseDevicePublicKey, parseResponsePublicKey } from './public-keys.ts';
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
      switch (message['method']) {
        case 'session': {
          const params = expectObject(message['params'], 'message.params', ['sessionId']);
          const sessionId = expectString(params['sessionId'], 'message.params.sessionId', BASE64_TEXT_PATTERN, MAX_SESSION_ID_CHARS);
          return { v: PROTOCOL_VERSION, kind: 'request', id, method: 'session', params: { sessionId } };
        }
        case 'pin':
          return { v: PROTOCOL_VERSION, kind: 'request', id, method: 'pin', params: parsePinSubmission(message['params']) };
        case 'register-device': {
          const params = expectObject(message['params'], 'message.params', ['public_key']);
          return { v: PROTOCOL_VERSION, kind: 'request', id, method: 'register-device', params: { public_key: parseDevicePublicKey(params['public_key']) } };
        }
        case 'encrypted-card': {
          const params = expectObject(message['params'], 'message.params', ['public_key'], ['nonce']);
          return {
            v: PROTOCOL_VERSION,
            kind: 'request',
            id,
            method: 'encrypted-card',
            params: {
              public_key: parseResponsePublicKey(params['public_key']),
              ...(params['nonce'] === undefined ? {} : { nonce: expectString(params['nonce'], 'message.params.nonce', REPLY_NONCE_PATTERN, 22) }),
            },
          };
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
