/**
 * What a frame sends once it is ready and the cardholder uses it: its
 * requests, checked against the protocol's shapes and then handed to the
 * host's callbacks, and the checks of its later events (reveal, hide, copy,
 * change, submit, bind, provision). None of it is on a frame's way to ready,
 * so this part of the SDK loads only once a frame is ready (see
 * load-requests.ts) and stays off the script every host page loads first.
 */
import { CardframeError, checkFrameEvent, checkFrameRequest, toCardframeError, type ErrorInfo, type FlowName, type FrameEvent, type FrameRequest, type JsonValue, type UncheckedFrameEvent, type UncheckedFrameRequest } from '@cardframe/protocol';
import { runHostCallback, type HostCallbackResult } from './host-callback.ts';

/** What a request needs of the element it reached: its flow and its host callbacks (its own, or inherited). */
export interface RequestHost {
  readonly flow: FlowName;
  /** The host callback of that name, the element's own or one it inherits, if set. */
  hostCallback(name: string): unknown;
}

/**
 * The reply to post to the frame, as plain data (it may cross from a
 * separately loaded file); `malformed` when the request itself was refused,
 * which the host hears of as well.
 */
export type RequestOutcome = { readonly ok: true; readonly result: { readonly body: JsonValue } } | { readonly ok: false; readonly error: ErrorInfo; readonly malformed?: true };

type Params<M extends FrameRequest['method']> = Extract<FrameRequest, { method: M }>['params'];
type Callback = (arg: unknown, extra: unknown) => Promise<HostCallbackResult>;

/**
 * Each request: the flow whose frame may send it (any, when absent), the host
 * callback that answers it, and what that callback is handed (a second
 * argument only where there is one, so one-argument callbacks see exactly
 * what they always did).
 */
const CALLS: { readonly [M in FrameRequest['method']]: readonly [FlowName | '', string, (params: Params<M>) => readonly [unknown, unknown?]] } = {
  // The issuer gets exactly these headers: the sessionid, and in bound mode the assertion committing to it.
  session: ['reveal', 'fetchCardData', ({ sessionId, headers, scope }) => [sessionId, { headers: { sessionid: sessionId, ...headers }, scope: scope ?? [] }]],
  'encrypted-card': ['reveal', 'fetchEncryptedCard', ({ public_key, nonce, assertion }) => [public_key, { ...(nonce ? { nonce } : {}), ...(assertion ? { assertion } : {}) }]],
  pin: ['pin', 'submitPin', (params) => [params]],
  'register-device': ['pin', 'registerDevice', ({ public_key, assertion }) => [public_key, assertion ? { assertion } : {}]],
  card: ['', 'fetchCard', ({ scope }) => [{ scope, headers: {} }]],
  bind: ['', 'bindCard', ({ body }) => [body]],
  'sign-message': ['', 'signMessage', ({ message }) => [message]],
};

/**
 * Checks a request from the frame and answers it through the host callback
 * its method names. Never throws (as {@link checkEvent}): what went wrong is
 * the outcome's error.
 */
export async function answerRequest(unchecked: UncheckedFrameRequest, host: RequestHost): Promise<RequestOutcome> {
  let request: FrameRequest;
  try {
    request = checkFrameRequest(unchecked);
  } catch (error) {
    return { ok: false, error: toCardframeError(error, 'ERR_BAD_MESSAGE', 'malformed message from the frame').toInfo(), malformed: true };
  }
  try {
    const [flow, name, args] = CALLS[request.method] as readonly [FlowName | '', string, (params: unknown) => readonly [unknown, unknown?]];
    if (flow && flow !== host.flow) throw new CardframeError('ERR_NOT_ALLOWED', `a ${host.flow} frame does not send "${request.method}" requests`);
    const [arg, extra] = args(request.params);
    return { ok: true, result: { body: await runHostCallback(host.hostCallback(name) as Callback | undefined, arg, name, extra) } };
  } catch (error) {
    return { ok: false, error: toCardframeError(error, 'ERR_ISSUER_REQUEST', 'the request to the host backend failed').toInfo() };
  }
}

/**
 * Checks an event that is not among those of the way to ready. Never throws
 * (this may be a separately loaded file, whose errors are not the SDK's
 * class): a refused event is the outcome's error.
 */
export function checkEvent(unchecked: UncheckedFrameEvent): { readonly ok: true; readonly event: FrameEvent } | { readonly ok: false; readonly error: ErrorInfo } {
  try {
    return { ok: true, event: checkFrameEvent(unchecked) };
  } catch (error) {
    return { ok: false, error: toCardframeError(error, 'ERR_BAD_MESSAGE', 'malformed message from the frame').toInfo() };
  }
}
