// The sandbox issuer's card binding: seed 001's scopes and PATCH /, bound
// requests, and the sandbox wallet that redeems provisioning credentials,
// all on the issuer toolkit's CardBinding.
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  BINDING_ISSUER_CODES,
  CardBinding,
  IssuerError,
  JsonFileBindingStore,
  MemoryBindingStore,
  MemoryChallengeStore,
  RedisChallengeStore,
  parseScopes,
  type BindingMode,
  type BindingStore,
  type ChallengeStore,
  type HeaderSource,
  type ScopeFields,
  type SiweConfig,
} from '@cardframe/issuer';
import { readBody, sendJson } from './http.ts';
import type { IssuerStats } from './issuer-stats.ts';

export interface SandboxBindingOptions {
  /** `bound`: every sessionid, response key, device key and PIN change needs a passkey assertion. Default `plain`. */
  readonly binding?: BindingMode;
  /** The frame origins whose passkeys count (and which may call the sandbox wallet), e.g. `http://frame.localhost:5174`. */
  readonly frameOrigins?: readonly string[];
  /** WebAuthn RP IDs; default the frame origins' host names. */
  readonly rpIds?: readonly string[];
  /** Enables `scope=siwe`: the merchant site's host, its URI and the chain. */
  readonly siwe?: SiweConfig;
  /** Challenges in this Redis (shared by several issuer instances) instead of in memory. */
  readonly redisUrl?: string;
  /** Lifetime of webauthn and siwe challenges (default 5 minutes). */
  readonly challengeTtlMs?: number;
  /** The clock challenges are issued and checked by (default `Date.now`); tests move it past an expiry instead of waiting. */
  readonly now?: () => number;
}

/** What a card route needs from binding, and the routes binding adds. */
export interface SandboxBinding {
  readonly mode: BindingMode;
  /** The store of bound passkeys and wallets (persisted as `bindings.json` beside the keys when there is a data folder). */
  readonly bindings: BindingStore;
  readonly challenges: ChallengeStore;
  /** Cards the sandbox wallet holds, as `POST /sandbox/wallet/cards` added them. */
  readonly walletCards: readonly { readonly cardId: string; readonly walletCardId: string; readonly addedAt: string }[];
  /** `GET /card`: the bound-request check of the sessionid, then what `scope` adds. */
  cardFields(cardId: string, url: URL, headers: HeaderSource): Promise<ScopeFields>;
  checkPublicKey(cardId: string, body: unknown): Promise<void>;
  checkDeviceKey(cardId: string, body: unknown): Promise<void>;
  checkPin(cardId: string, body: unknown): Promise<void>;
  /** `PATCH /`, `PATCH /cards/{id}` and the sandbox wallet; false when the path is none of them. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL, cardOf: (path: string) => string | undefined | null): Promise<boolean>;
  close(): Promise<void>;
}

/** The codes a binding refusal carries; the issuer counts each in `stats.bindingRefusals`. */
export const BINDING_ERROR_CODES: ReadonlySet<string> = new Set(BINDING_ISSUER_CODES);

const WALLET_PATH = '/sandbox/wallet/cards';

async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  try {
    return JSON.parse((await readBody(req, 32 * 1024)) || 'null');
  } catch {
    throw new IssuerError('invalid_request', 400, 'body must be JSON');
  }
}

async function openChallenges(redisUrl: string | undefined): Promise<{ store: ChallengeStore; close(): Promise<void> }> {
  if (!redisUrl) return { store: new MemoryChallengeStore(), close: async () => {} };
  // Loaded only when asked for: the sandbox runs without Redis by default.
  const { createClient } = await import('redis');
  const client = createClient({ url: redisUrl });
  client.on('error', () => {});
  await client.connect();
  return { store: new RedisChallengeStore(client), close: async () => void (await client.close()) };
}

/**
 * Card binding for the sandbox issuer. Without frame origins it can still
 * hand out provisioning credentials and SIWE messages, but no passkey can
 * count, so `bound` mode needs them.
 */
export async function createSandboxBinding(options: SandboxBindingOptions, context: { dataDir?: string; issuerName: string; stats: IssuerStats }): Promise<SandboxBinding> {
  const mode = options.binding ?? 'plain';
  const origins = [...(options.frameOrigins ?? [])].map((origin) => new URL(origin).origin);
  if (mode === 'bound' && origins.length === 0) throw new TypeError('a bound sandbox issuer needs the frame origins it trusts');
  const rpIds = options.rpIds ?? [...new Set(origins.map((origin) => new URL(origin).hostname))];
  const bindings = context.dataDir ? await JsonFileBindingStore.open(join(context.dataDir, 'bindings.json')) : new MemoryBindingStore();
  const challenges = await openChallenges(options.redisUrl);
  // With no frame trusted, passkeys are checked against an origin no browser can have, so none ever counts.
  const binding = new CardBinding({
    issuerName: context.issuerName,
    origins: origins.length > 0 ? origins : ['https://no-frame.invalid'],
    rpIds: rpIds.length > 0 ? rpIds : ['no-frame.invalid'],
    binding: mode,
    challenges: challenges.store,
    bindings,
    ...(options.siwe ? { siwe: options.siwe } : {}),
    ...(options.challengeTtlMs === undefined ? {} : { challengeTtlMs: options.challengeTtlMs }),
    ...(options.now ? { now: options.now } : {}),
  });
  const walletCards: { cardId: string; walletCardId: string; addedAt: string }[] = [];
  const { stats } = context;

  const walletHeaders = (req: IncomingMessage): Record<string, string> => {
    const origin = req.headers.origin;
    // The frame's add-to-wallet adapter calls the wallet from the frame origin; no other page may.
    return typeof origin === 'string' && origins.includes(origin) ? { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' } : { Vary: 'Origin' };
  };

  return {
    mode,
    bindings,
    challenges: challenges.store,
    walletCards,
    async cardFields(cardId, url, headers) {
      const scopes = parseScopes(url.searchParams.getAll('scope'));
      await binding.checkSession(cardId, headers);
      binding.checkScopes(scopes, headers);
      const fields = await binding.scopeFields(cardId, scopes, { address: url.searchParams.get('address') ?? undefined });
      if (fields.challenge !== undefined) stats.bindingChallenges++;
      return fields;
    },
    checkPublicKey: (cardId, body) => binding.checkPublicKey(cardId, body),
    checkDeviceKey: (cardId, body) => binding.checkDeviceKey(cardId, body),
    checkPin: (cardId, body) => binding.checkPin(cardId, body),
    async handle(req, res, url, cardOf) {
      const method = req.method ?? 'GET';
      if (url.pathname === WALLET_PATH) {
        const headers = walletHeaders(req);
        if (method === 'OPTIONS') {
          res.writeHead(204, { ...headers, 'Access-Control-Allow-Methods': 'POST', 'Access-Control-Allow-Headers': 'content-type', 'Access-Control-Max-Age': '600' });
          res.end();
          return true;
        }
        if (method === 'GET') {
          sendJson(res, 200, { cards: walletCards }, headers);
          return true;
        }
        if (method === 'POST') {
          try {
            const redeemed = await binding.redeemProvisioning(await readJsonBody(req));
            const added = { ...redeemed, addedAt: new Date().toISOString() };
            walletCards.push(added);
            sendJson(res, 201, { added: true, cardId: added.walletCardId }, headers);
          } catch (error) {
            // Refusals carry the CORS headers too, so the frame's adapter can read their code.
            if (!(error instanceof IssuerError)) throw error;
            sendJson(res, error.status, error.toJSON(), headers);
          }
          return true;
        }
        return false;
      }
      if (method !== 'PATCH') return false;
      const cardId = cardOf(url.pathname === '/' ? '/card' : url.pathname);
      if (cardId === null) return false;
      if (cardId === undefined) throw new IssuerError('card_not_found', 404, 'no such card');
      sendJson(res, 200, await binding.bind(cardId, await readJsonBody(req)));
      return true;
    },
    close: () => challenges.close(),
  };
}
