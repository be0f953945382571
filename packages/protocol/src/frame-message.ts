import { ASSERTION, MAX_ASSERTION_HEADER_CHARS, checked, parseBindingSubmission, parseCardScopes, parseChallengeText } from './binding.ts';
import { EVENT_SHAPES } from './frame-events.ts';
import { parsePinSubmission } from './frame-requests.ts';
import { expectObject, expectString, expectVersion } from './guards.ts';
import { assertJsonValue, assertSize, fail } from './json-value.ts';
import { PROTOCOL_VERSION, type BindingAssertion, type FrameEventDetails, type FrameMessage, type SessionParams } from './messages.ts';
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
          const params = expectObject(message['params'], 'message.params', ['sessionId'], ['headers', 'scope']);
          const sessionId = expectString(params['sessionId'], 'message.params.sessionId', BASE64_TEXT_PATTERN, MAX_SESSION_ID_CHARS);
          // A sessionid goes with the bound mode's assertion header and with provisioning at most.
          const { headers, scope } = checked<SessionParams>(params, { sessionId: /./, 'headers?': { 'cardframe-assertion?': MAX_ASSERTION_HEADER_CHARS }, 'scope?': [/^provisioning$/] }, 'message.params');
          return {
            v: PROTOCOL_VERSION,
            kind: 'request',
            id,
            method: 'session',
            params: { sessionId, ...(headers ? { headers: { ...headers } } : {}), ...(scope ? { scope: parseCardScopes(scope, 'message.params.scope', true) } : {}) },
          };
        }
        case 'pin':
          return { v: PROTOCOL_VERSION, kind: 'request', id, method: 'pin', params: parsePinSubmission(message['params']) };
        case 'register-device':
        case 'encrypted-card': {
          const method = message['method'];
          const params = expectObject(message['params'], 'message.params', ['public_key'], method === 'encrypted-card' ? ['nonce', 'assertion'] : ['assertion']);
          const public_key = method === 'register-device' ? parseDevicePublicKey(params['public_key']) : parseResponsePublicKey(params['public_key']);
          const nonce = params['nonce'] === undefined ? {} : { nonce: expectString(params['nonce'], 'message.params.nonce', REPLY_NONCE_PATTERN, 22) };
          const assertion = params['assertion'] === undefined ? {} : { assertion: checked<BindingAssertion>(params['assertion'], ASSERTION, 'message.params.assertion') };
          return { v: PROTOCOL_VERSION, kind: 'request', id, method, params: { public_key, ...nonce, ...assertion } } as FrameMessage;
        }
        case 'card':
          return { v: PROTOCOL_VERSION, kind: 'request', id, method: 'card', params: { scope: parseCardScopes(expectObject(message['params'], 'message.params', ['scope'])['scope'], 'message.params.scope') } };
        case 'bind':
          return { v: PROTOCOL_VERSION, kind: 'request', id, method: 'bind', params: { body: parseBindingSubmission(expectObject(message['params'], 'message.params', ['body'])['body'], 'message.params.body') } };
        case 'sign-message':
          return { v: PROTOCOL_VERSION, kind: 'request', id, method: 'sign-message', params: { message: parseChallengeText(expectObject(message['params'], 'message.params', ['message'])['message'], 'message.params.message') } };
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
      if (typeof name !== 'string' || !Object.hasOwn(EVENT_SHAPES, name)) fail('message.event', 'unknown event');
      const event = name as keyof FrameEventDetails;
      // The detail is the checked value itself: the shape names every member it may have.
      return { v: PROTOCOL_VERSION, kind: 'event', event, detail: checked(message['detail'], EVENT_SHAPES[event], 'message.detail') } as FrameMessage;
    }
    default:
      fail('message.kind', 'expected "request", "reply" or "event"');
  }
}
