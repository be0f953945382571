import {
  CardframeError,
  assertJsonValue,
  type BindingAssertion,
  type BindingSubmission,
  type CardScope,
  type DevicePublicKeyJson,
  type JsonValue,
  type PinSubmission,
  type ResponsePublicKeyJson,
} from '@cardframe/protocol';

/**
 * What a host callback may return: a `fetch` `Response` (its status and body
 * are used), JSON text, parsed JSON, or nothing (treated as an empty body).
 */
export type HostCallbackResult = Response | string | object | void;

/**
 * What to send with one issuer `GET /card`: `headers` exactly as the issuer
 * gets them (`sessionid`, and in bound mode `cardframe-assertion`), and
 * `scope` for its `scope` query (possibly empty).
 */
export interface CardFetchRequest {
  readonly headers: Readonly<Record<string, string>>;
  readonly scope: readonly CardScope[];
}

/**
 * Given the frame's `sessionid`, ask your backend to call the issuer and
 * return its answer. It only ever sees ciphertext. The second argument
 * carries the headers (in bound mode, the passkey assertion) and scopes to
 * forward; a one-argument callback works for seed 001's plain flow.
 *
 * @example
 * card.fetchCardData = (sessionId, { headers, scope }) =>
 *   fetch(`/api/card?${scope.map((s) => `scope=${s}`).join('&')}`, { headers });
 */
export type FetchCardData = (sessionId: string, request: CardFetchRequest) => Promise<HostCallbackResult>;

/**
 * The issuer's `GET /card?scope=…` without a sessionid: a passkey statement
 * (`webauthn`), a Sign-In with Ethereum message (`siwe`) or push-provisioning
 * credentials (`provisioning`). Forward `scope` and `headers`; return the answer.
 *
 * @example
 * el.fetchCard = ({ scope }) => fetch(`/api/card?${scope.map((s) => `scope=${s}`).join('&')}`);
 */
export type FetchCard = (request: CardFetchRequest) => Promise<HostCallbackResult>;

/**
 * Forward a binding (`{scope: "webauthn", challenge, credential}` or
 * `{scope: "siwe", message, signature}`) to the issuer's `PATCH /` as is,
 * and return its answer.
 *
 * @example
 * el.bindCard = (body) => fetch('/api/card', { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
 */
export type BindCard = (body: BindingSubmission) => Promise<HostCallbackResult>;

/**
 * Have the cardholder's wallet sign the issuer's Sign-In with Ethereum
 * message (EIP-191 `personal_sign`) and return the `0x…` signature. No card
 * data is involved.
 *
 * @example
 * el.signMessage = (message) => walletClient.signMessage({ account, message });
 */
export type SignMessage = (message: string) => Promise<string>;

/**
 * Key-pair reveal: send the frame's public key (a JWK, or `{kty: "PGP", …}`
 * for an OpenPGP issuer) to your backend, which asks the issuer for card
 * data encrypted to it, and return the issuer's compact JWE or armored
 * OpenPGP message (as a `Response` or text).
 *
 * @example
 * card.fetchEncryptedCard = (publicKey, { assertion }) => fetch('/api/card-details', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ public_key: publicKey, assertion }) });
 */
export type FetchEncryptedCard = (publicKey: ResponsePublicKeyJson, extra: BoundRequestExtra) => Promise<HostCallbackResult>;

/**
 * What a bound request adds to the body your backend sends the issuer: in
 * bound mode, the passkey `assertion` committing to this request (forward it
 * as the body member `assertion`, as is). Empty in plain mode.
 */
export interface BoundRequestExtra {
  readonly assertion?: BindingAssertion;
}

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
export type RegisterDevice = (publicKey: DevicePublicKeyJson, extra: BoundRequestExtra) => Promise<HostCallbackResult>;

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
export async function runHostCallback<A>(callback: ((arg: A) => Promise<HostCallbackResult>) | undefined, arg: A, name: string): Promise<JsonValue> {
  if (typeof callback !== 'function') throw new CardframeError('ERR_BAD_OPTION', `${name} is not set`);
  let result: unknown;
  try {
    result = await callback(arg);
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
