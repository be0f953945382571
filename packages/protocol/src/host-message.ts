import { parseConfigureParams } from './configure-params.ts';
import { expectObject, expectString, expectVersion } from './guards.ts';
import { assertJsonValue, assertSize, fail, isPlainObject } from './json-value.ts';
import { PROTOCOL_VERSION, type ConnectMessage, type HostMessage, type JsonValue } from './messages.ts';
import { ID_PATTERN } from './patterns.ts';
import { parseReplyEnvelope } from './replies.ts';

/**
 * True when `data` is a cardframe `connect` message. The caller still checks
 * the event's origin, source and port.
 */
export function isConnectMessage(data: unknown): data is ConnectMessage {
  return isPlainObject(data) && Object.keys(data).length === 2 && data['cardframe'] === 'connect' && data['v'] === PROTOCOL_VERSION;
}

/**
 * Validates a message the frame received from the host. Throws a
 * `CardframeError` with code `ERR_BAD_MESSAGE` on anything unexpected.
 */
export function parseHostMessage(data: unknown): HostMessage {
  const json = assertJsonValue(data, 'message');
  assertSize(json);
  const message = expectObject(json, 'message', ['v', 'kind', 'id'], ['method', 'params', 'ok', 'result', 'error']);
  expectVersion(message);
  if (message['kind'] === 'request') {
    const id = expectString(message['id'], 'message.id', ID_PATTERN, 64);
    expectObject(message, 'message', ['v', 'kind', 'id', 'method', 'params']);
    const method = message['method'];
    if (method === 'configure') {
      return { v: PROTOCOL_VERSION, kind: 'request', id, method, params: parseConfigureParams(message['params']) };
    }
    if (method === 'hide') {
      expectObject(message['params'], 'message.params', []);
      return { v: PROTOCOL_VERSION, kind: 'request', id, method, params: {} };
    }
    fail('message.method', 'unknown method');
  }
  if (message['kind'] === 'reply') {
    const reply = parseReplyEnvelope(message);
    if (!reply.ok) return { v: PROTOCOL_VERSION, kind: 'reply', id: reply.id, ok: false, error: reply.error };
    const result = expectObject(reply.result, 'message.result', ['body']);
    return { v: PROTOCOL_VERSION, kind: 'reply', id: reply.id, ok: true, result: { body: result['body'] as JsonValue } };
  }
  fail('message.kind', 'expected "request" or "reply"');
}
