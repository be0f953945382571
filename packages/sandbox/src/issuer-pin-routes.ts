import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { DeviceRegistry, IssuerError, openEncryptedPin, openPgpEncryptedPin, type PgpPinKey, type PinKey } from '@cardframe/issuer';
import { readBody, sendJson } from './http.ts';
import type { IssuerStats } from './issuer-stats.ts';

interface ChangeRequest {
  readonly id: string;
  readonly cardId: string;
  readonly pin: string;
  status: 'CONFIRMATION_REQUIRED' | 'COMPLETED';
  updatedAt: string;
}

export interface PinRoutesState {
  /** The current PIN of each card; reveals read it. */
  readonly pins: Map<string, string>;
  /** PIN keys by kid, and which one is latest. */
  readonly pinKeys: () => { latest: PinKey; byKid: (kid: string) => PinKey | undefined };
  /** OpenPGP PIN keys by fingerprint or key id. */
  readonly pgpKeys: (id: string) => PgpPinKey | undefined;
  /** The sealed-message format of the card's programme: `encrypted_pin` must be in it. */
  readonly formatOf: (cardId: string) => 'jwe' | 'pgp';
  readonly baseUrl: () => string;
  readonly stats: IssuerStats;
  /** Bound requests: the passkey assertion a device key or PIN change must carry (checked before anything else of the body). */
  readonly binding?: { checkDeviceKey(cardId: string, body: unknown): Promise<void>; checkPin(cardId: string, body: unknown): Promise<void> };
  /** Called with every refusal, to count it. */
  readonly refused?: (error: IssuerError) => void;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    body = JSON.parse(await readBody(req, 32 * 1024));
  } catch {
    throw new IssuerError('invalid_request', 400, 'body must be JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new IssuerError('invalid_request', 400, 'body must be a JSON object');
  return body as Record<string, unknown>;
}

/**
 * Seed 002's PIN routes on the sandbox issuer:
 * `GET /v1/cards/pin_keys/latest`, the deprecated per-card key route,
 * `POST /v1/devices` (binding), `POST /v1/cards/{id}/pin` (direct, signed),
 * `POST /v1/cards/{id}/pin_change_requests` and `POST /v1/change_requests/{id}/confirm`.
 * Returns false when the path is not one of them.
 */
export function createPinRoutes(state: PinRoutesState) {
  const devices = new DeviceRegistry();
  const changeRequests = new Map<string, ChangeRequest>();
  const { stats } = state;

  const cardExists = (cardId: string): boolean => state.pins.has(cardId);
  const notFound = (): IssuerError => new IssuerError('card_not_found', 404, 'no such card');

  /**
   * Both PIN routes: the card must exist, and the body's `encrypted_pin` must
   * open with the key `key_id` names, in the card programme's format (a JWE,
   * or an armored OpenPGP message with the key's fingerprint as `key_id`).
   */
  async function openSubmission(cardId: string, req: IncomingMessage): Promise<{ body: Record<string, unknown>; pin: string }> {
    if (!cardExists(cardId)) throw notFound();
    const body = await readJson(req);
    await state.binding?.checkPin(cardId, body);
    const pin =
      state.formatOf(cardId) === 'pgp'
        ? await openPgpEncryptedPin(body['encrypted_pin'], body['key_id'], state.pgpKeys)
        : await openEncryptedPin(body['encrypted_pin'], body['key_id'], state.pinKeys().byKid);
    return { body, pin };
  }

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const path = url.pathname;
    const method = req.method ?? 'GET';
    try {
      if (method === 'GET' && path === '/v1/cards/pin_keys/latest') {
        sendJson(res, 200, state.pinKeys().latest.publicJwk);
        return true;
      }
      let match = /^\/v1\/cards\/([A-Za-z0-9_-]{1,64})\/pin_keys\/latest$/.exec(path);
      if (method === 'GET' && match) {
        if (!cardExists(match[1]!)) throw notFound();
        sendJson(res, 200, state.pinKeys().latest.publicJwk, { Deprecation: 'true' });
        return true;
      }
      if (method === 'POST' && path === '/v1/devices') {
        const body = await readJson(req);
        const cardId = body['card_account_id'];
        if (typeof cardId !== 'string' || !cardExists(cardId)) throw notFound();
        await state.binding?.checkDeviceKey(cardId, body);
        const id = devices.bind(cardId, body['public_key']);
        stats.deviceBindings++;
        sendJson(res, 201, { device_id: id });
        return true;
      }
      match = /^\/v1\/cards\/([A-Za-z0-9_-]{1,64})\/pin$/.exec(path);
      if (method === 'POST' && match) {
        stats.pinSubmissions++;
        const cardId = match[1]!;
        const { body, pin } = await openSubmission(cardId, req);
        devices.verify(cardId, body['device_id'], body['encrypted_pin'] as string, body['signature']);
        state.pins.set(cardId, pin);
        res.writeHead(204, { 'Cache-Control': 'no-store' });
        res.end();
        return true;
      }
      match = /^\/v1\/cards\/([A-Za-z0-9_-]{1,64})\/pin_change_requests$/.exec(path);
      if (method === 'POST' && match) {
        stats.changeRequests++;
        const cardId = match[1]!;
        const { pin } = await openSubmission(cardId, req);
        const request: ChangeRequest = { id: `${randomBytes(16).toString('hex')}csc`, cardId, pin, status: 'CONFIRMATION_REQUIRED', updatedAt: new Date().toISOString() };
        changeRequests.set(request.id, request);
        sendJson(res, 202, { id: request.id, status: request.status, updated_at: request.updatedAt, url: `${state.baseUrl()}/v1/change_requests/${request.id}/confirm` });
        return true;
      }
      match = /^\/v1\/change_requests\/([A-Za-z0-9_-]{1,64})\/confirm$/.exec(path);
      if (method === 'POST' && match) {
        const request = changeRequests.get(match[1]!);
        if (!request) throw new IssuerError('change_request_not_found', 404, 'no such change request');
        if (request.status !== 'COMPLETED') {
          state.pins.set(request.cardId, request.pin);
          request.status = 'COMPLETED';
          request.updatedAt = new Date().toISOString();
        }
        sendJson(res, 200, { id: request.id, status: request.status, updated_at: request.updatedAt });
        return true;
      }
    } catch (error) {
      if (!(error instanceof IssuerError)) throw error;
      if (error.code === 'retired_key') stats.retiredKeyRejections++;
      state.refused?.(error);
      sendJson(res, error.status, error.toJSON());
      return true;
    }
    return false;
  }

  return { handle };
}
