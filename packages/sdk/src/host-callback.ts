import { CardframeError, assertJsonValue, type DevicePublicKeyJson, type JsonValue, type PinSubmission, type ResponsePublicKeyJson } from '@cardframe/protocol';

/**
 * What a host callback may return: a `fetch` `Response` (its status and body
 * are used), JSON text, parsed JSON, or nothing (treated as an empty body).
 */
export type HostCallbackResult = Response | string | object | void;

/**
 * Given the frame's `sessionid`, ask your backend to call the issuer and
 * return its answer. It only ever sees ciphertext.
 *
 * @example
 * card.fetchCardData = (sessionId) => fetch('/api/card', { headers: { sessionid: sessionId } });
 */
export type FetchCardData = (sessionId: string) => Promise<HostCallbackResult>;

/**
 * Key-pair reveal: send the frame's public key (a JWK, or `{kty: "PGP", …}`
 * for an OpenPGP issuer) and the request's `nonce` to your backend, which
 * asks the issuer for card data encrypted to it, and return the issuer's
 * compact JWE or armored OpenPGP message (as a `Response` or text). An
 * issuer that signs its replies signs the nonce too, so pass it on unchanged.
 *
 * @example
 * card.fetchEncryptedCard = (publicKey, nonce) => fetch('/api/card-details', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ public_key: publicKey, nonce }) });
 */
export type FetchEncryptedCard = (publicKey: ResponsePublicKeyJson, nonce?: string) => Promise<HostCallbackResult>;

/**
 * Forward a sealed PIN to your backend, which calls the issuer's change-PIN
 * endpoint with exactly this body. Return the issuer's response.
 *
 * @example
 * pin.submitPin = (body) => fetch('/api/pin', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
 */
export type SubmitPin = (submission: PinSubmission) => Promise<HostCallbackResult>;

/**
 * Register the frame's device-binding public key with the issuer (through
 * your backend) and return a JSON object with its `device_id`.
 */
export type RegisterDevice = (publicKey: DevicePublicKeyJson) => Promise<HostCallbackResult>;

/**
 * The issuer's error code from a `{"error": {"code": "…"}}` body. Only the
 * code travels on (so the frame can tell a retired key from other failures);
 * the rest of the body stays on the host.
 */
async function issuerErrorCode(response: Response): Promise<string | undefined> {
  try {
    const body = (await response.json()) as { error?: { code?: unknown } };
    return typeof body.error?.code === 'string' ? body.error.code : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Runs a host callback and turns its result into the body the frame reads.
 * `name` labels errors; the host's own error text never reaches the frame.
 */
export async function runHostCallback<A, B = undefined>(
  callback: ((arg: A, extra: B) => Promise<HostCallbackResult>) | undefined,
  arg: A,
  name: string,
  extra?: B,
): Promise<JsonValue> {
  if (typeof callback !== 'function') throw new CardframeError('ERR_BAD_OPTION', `${name} is not set`);
  let result: unknown;
  try {
    // A second argument only when there is one, so one-argument callbacks see exactly what they always did.
    result = await (extra === undefined ? (callback as (arg: A) => Promise<HostCallbackResult>)(arg) : callback(arg, extra));
  } catch {
    throw new CardframeError('ERR_ISSUER_REQUEST', `${name} rejected`);
  }
  if (typeof Response !== 'undefined' && result instanceof Response) {
    if (!result.ok) {
      throw new CardframeError('ERR_ISSUER_REQUEST', `${name}: the request failed with HTTP ${result.status}`, { status: result.status, issuerCode: await issuerErrorCode(result) });
    }
    try {
      return await result.text();
    } catch {
      throw new CardframeError('ERR_ISSUER_REQUEST', `${name}: the response could not be read`);
    }
  }
  if (result === undefined) return '';
  if (typeof result === 'string') return result;
  try {
    return assertJsonValue(result, `${name} result`);
  } catch {
    throw new CardframeError('ERR_MALFORMED_RESPONSE', `${name} must return a Response, JSON text or plain JSON data`);
  }
}
