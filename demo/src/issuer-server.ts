import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  IssuerError,
  buildCardResponse,
  exportPrivateKeyPem,
  generatePinKey,
  generateSessionKeyPair,
  sessionKeyPairFromPem,
  unwrapSessionId,
  type CardRecord,
  type NodeOaepHash,
  type PinKey,
  type SessionKeyPair,
} from '@cardframe/issuer';
import { listen, readBody, sendJson, type RunningServer } from './http.ts';
import { createPinRoutes, type PinStats } from './issuer-pin-routes.ts';

/** The sandbox's cards. The default card is the one `GET /card` returns. */
export const SANDBOX_CARDS: readonly CardRecord[] = [
  { id: 'card_default', pan: '4242424242424242', cvc: '123', pin: '1234', expirationMonth: 12, expirationYear: 2030, name: 'Jamie Doe', status: 'ACTIVE' },
  { id: 'card_amex', pan: '378282246310005', cvc: '4321', pin: '5817', expirationMonth: 3, expirationYear: 2029, name: 'Jamie Doe', status: 'ACTIVE' },
];

export interface SandboxIssuerOptions {
  host?: string;
  port?: number;
  /** Folder where the session key persists across restarts; in memory when absent. */
  dataDir?: string;
  /** OAEP hash for sessionids (default `sha1`, as Node's `publicEncrypt` uses). */
  oaepHash?: NodeOaepHash;
  cards?: readonly CardRecord[];
  /** PIN key type: RSA (RSA-OAEP-256 + A256CBC-HS512, seed 002) or EC (ECDH-ES + A256GCM, seed 000). */
  pinKeyType?: 'RSA' | 'EC';
}

export interface SandboxIssuer extends RunningServer {
  readonly url: string;
  readonly keys: SessionKeyPair;
  readonly oaepHash: NodeOaepHash;
  /** The PIN key senders should seal to now. */
  readonly pinKey: PinKey;
  /** The card's current PIN (as a reveal would show it). */
  pinOf(cardId: string): string | undefined;
  readonly pinStats: PinStats;
  /** Makes the next `count` card or PIN requests answer `status` (for failure tests). */
  failNext(status: number, count?: number): void;
}

async function loadOrCreateKeys(dataDir: string | undefined): Promise<SessionKeyPair> {
  if (!dataDir) return generateSessionKeyPair();
  const file = join(dataDir, 'issuer-session-key.pem');
  try {
    return sessionKeyPairFromPem(await readFile(file, 'utf8'));
  } catch {
    const keys = generateSessionKeyPair();
    await mkdir(dataDir, { recursive: true });
    await writeFile(file, exportPrivateKeyPem(keys), { mode: 0o600 });
    return keys;
  }
}

/**
 * A sandbox issuer speaking seed 001's `GET /card`: the profile always; with a
 * `sessionid` header, `encryptedPan`, `encryptedCvc` and `pin` sealed under
 * the secret inside it.
 */
export async function startSandboxIssuer(options: SandboxIssuerOptions = {}): Promise<SandboxIssuer> {
  const keys = await loadOrCreateKeys(options.dataDir);
  const oaepHash = options.oaepHash ?? 'sha1';
  const cards = new Map((options.cards ?? SANDBOX_CARDS).map((card) => [card.id, card]));
  const defaultCard = (options.cards ?? SANDBOX_CARDS)[0]!;
  const pins = new Map([...cards.values()].map((card) => [card.id, card.pin]));
  const pinKey = generatePinKey(options.pinKeyType ?? 'RSA');
  let fault: { status: number; remaining: number } | undefined;
  let baseUrl = '';
  const pinRoutes = createPinRoutes({
    pins,
    pinKeys: () => ({ latest: pinKey, byKid: (kid) => (kid === pinKey.kid ? pinKey : undefined) }),
    baseUrl: () => baseUrl,
  });

  const running = await listen(async (req, res, url) => {
    if (url.pathname.startsWith('/v1/')) {
      if (fault && fault.remaining-- > 0) {
        return sendJson(res, fault.status, new IssuerError('sandbox_fault', fault.status, 'injected sandbox failure').toJSON());
      }
      if (await pinRoutes.handle(req, res, url)) return;
    }
    const cardMatch = url.pathname === '/card' ? defaultCard.id : /^\/cards\/([A-Za-z0-9_-]{1,64})$/.exec(url.pathname)?.[1];
    if (cardMatch !== undefined) {
      if (req.method !== 'GET') return sendJson(res, 405, { error: { code: 'method_not_allowed', message: 'use GET' } });
      if (fault && fault.remaining-- > 0) {
        return sendJson(res, fault.status, new IssuerError('sandbox_fault', fault.status, 'injected sandbox failure').toJSON());
      }
      const card = cards.get(cardMatch);
      if (!card) return sendJson(res, 404, new IssuerError('card_not_found', 404, 'no such card').toJSON());
      const header = req.headers['sessionid'];
      if (header === undefined) return sendJson(res, 200, buildCardResponse(card));
      try {
        const secret = unwrapSessionId(keys.privateKey, Array.isArray(header) ? header[0] : header, oaepHash);
        const body = buildCardResponse({ ...card, pin: pins.get(card.id) ?? card.pin }, secret);
        secret.fill(0);
        return sendJson(res, 200, body);
      } catch (error) {
        if (error instanceof IssuerError) return sendJson(res, error.status, error.toJSON());
        throw error;
      }
    }
    if (req.method === 'GET' && url.pathname === '/keys/session.pem') {
      res.writeHead(200, { 'Content-Type': 'application/x-pem-file', 'Cache-Control': 'no-store' });
      return res.end(keys.publicKeyPem);
    }
    if (req.method === 'GET' && url.pathname === '/keys/session.json') {
      return sendJson(res, 200, { pem: keys.publicKeyPem, jwk: keys.publicJwk, oaepHash: oaepHash === 'sha1' ? 'SHA-1' : 'SHA-256' });
    }
    if (req.method === 'POST' && url.pathname === '/sandbox/fail-next') {
      const body = JSON.parse((await readBody(req)) || '{}') as { status?: unknown; count?: unknown };
      const status = Number(body.status);
      if (!Number.isInteger(status) || status < 400 || status > 599) {
        return sendJson(res, 400, new IssuerError('invalid_request', 400, 'status must be 400-599').toJSON());
      }
      fault = { status, remaining: Number.isInteger(body.count) ? Number(body.count) : 1 };
      return sendJson(res, 200, { ok: true });
    }
    return sendJson(res, 404, { error: { code: 'not_found', message: 'not found' } });
  }, options.host ?? '127.0.0.1', options.port ?? 0);

  baseUrl = `http://${options.host ?? '127.0.0.1'}:${running.port}`;
  return {
    ...running,
    url: baseUrl,
    keys,
    oaepHash,
    pinKey,
    pinOf: (cardId) => pins.get(cardId),
    pinStats: pinRoutes.stats,
    failNext(status, count = 1) {
      fault = { status, remaining: count };
    },
  };
}
