import { CardframeError, assertJsonValue, type JsonValue } from '@cardframe/protocol';

/**
 * The host's callback: given the frame's `sessionid`, ask your backend to
 * call the issuer and return its answer — a `fetch` `Response`, the JSON
 * text, or the parsed JSON. It only ever sees ciphertext.
 *
 * @example
 * card.fetchCardData = (sessionId) => fetch('/api/card', { headers: { sessionid: sessionId } });
 */
export type FetchCardData = (sessionId: string) => Promise<Response | string | object>;

/** Runs the host callback and turns its result into the body the frame reads. */
export async function runFetchCardData(callback: FetchCardData | undefined, sessionId: string): Promise<JsonValue> {
  if (typeof callback !== 'function') throw new CardframeError('ERR_BAD_OPTION', 'fetchCardData is not set');
  let result: unknown;
  try {
    result = await callback(sessionId);
  } catch {
    // The host's own error stays on the host; the frame only learns that it failed.
    throw new CardframeError('ERR_ISSUER_REQUEST', 'fetchCardData rejected');
  }
  if (typeof Response !== 'undefined' && result instanceof Response) {
    if (!result.ok) throw new CardframeError('ERR_ISSUER_REQUEST', `the card data request failed with HTTP ${result.status}`, { status: result.status });
    try {
      return await result.text();
    } catch {
      throw new CardframeError('ERR_ISSUER_REQUEST', 'the card data response could not be read');
    }
  }
  if (typeof result === 'string') return result;
  try {
    return assertJsonValue(result, 'fetchCardData result');
  } catch {
    throw new CardframeError('ERR_MALFORMED_RESPONSE', 'fetchCardData must return a Response, JSON text or plain JSON data');
  }
}
