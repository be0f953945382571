import { createPublicKey } from 'node:crypto';
import { importIssuerEncryptionKey, sealJwe } from '@cardframe/crypto';
import {
  IssuerError,
  buildCardResponse,
  sealField,
  sealPgpResponse,
  sealSignedPgpReply,
  signCardReply,
  unwrapSessionIdWithKeys,
  type CardRecord,
  type NodeOaepHash,
  type PgpReplySigningKey,
  type RotatingKey,
  type RotatingPgpKey,
} from '@cardframe/issuer';
import { listen, readBody, sendJson, type RunningServer } from './http.ts';
import { loadIssuerKeys } from './issuer-key-store.ts';
import { createPinRoutes } from './issuer-pin-routes.ts';
import { shapeCardProfile, type SandboxProfile } from './issuer-profiles.ts';
import { emptyStats, type IssuerStats } from './issuer-stats.ts';
import { BINDING_ERROR_CODES, createSandboxBinding, type SandboxBinding, type SandboxBindingOptions } from './issuer-binding.ts';

export type { IssuerStats } from './issuer-stats.ts';
export type { SandboxBinding, SandboxBindingOptions } from './issuer-binding.ts';

/** The sandbox's cards. The default card is the one `GET /card` returns. */
export const SANDBOX_CARDS: readonly SandboxCard[] = [
  { id: 'card_default', pan: '4242424242424242', cvc: '123', pin: '1234', expirationMonth: 12, expirationYear: 2030, name: 'Jamie Doe', status: 'ACTIVE' },
  { id: 'card_amex', pan: '378282246310005', cvc: '4321', pin: '5817', expirationMonth: 3, expirationYear: 2029, name: 'Jamie Doe', status: 'ACTIVE' },
  // A card whose programme's issuer speaks OpenPGP (the demo page's JWE/OpenPGP switch uses it).
  { id: 'card_pgp', pan: '5555555555554444', cvc: '737', pin: '2580', expirationMonth: 8, expirationYear: 2031, name: 'Jamie Doe', status: 'ACTIVE', programme: 'openpgp' },
];

/** The sandbox's programmes: cards in `default` use JWE, cards in `openpgp` OpenPGP. */
export const SANDBOX_PROGRAMMES: Readonly<Record<string, CardProgramme>> = { default: { messageFormat: 'jwe' }, openpgp: { messageFormat: 'pgp' } };

/** A card programme: the sealed-message format its PIN changes and key-pair reveals use (seeds 003/004: PGP or JWE). */
export interface CardProgramme {
  readonly messageFormat: 'jwe' | 'pgp';
}

/** A sandbox card, in a programme named in the issuer's `programmes` (default `"default"`). */
export type SandboxCard = CardRecord & { readonly programme?: string };

export interface SandboxIssuerOptions extends SandboxBindingOptions {
  host?: string;
  port?: number;
  /** Folder where the keys (`issuer-keys.json`) and card bindings (`bindings.json`) persist across restarts; in memory when absent. */
  dataDir?: string;
  /** OAEP hash for sessionids (default `sha1`, as Node's `publicEncrypt` uses). */
  oaepHash?: NodeOaepHash;
  cards?: readonly SandboxCard[];
  /** Card programmes by name; cards name theirs (default {@link SANDBOX_PROGRAMMES}). */
  programmes?: Readonly<Record<string, CardProgramme>>;
  /** PIN key type: RSA (RSA-OAEP-256 + A256CBC-HS512, seed 002) or EC (ECDH-ES + A256GCM, seed 000). */
  pinKeyType?: 'RSA' | 'EC';
  /** How `GET /card` spells the card profile (default `flat`); see {@link SandboxProfile}. */
  profile?: SandboxProfile;
}

export interface SandboxIssuer extends RunningServer {
  readonly url: string;
  readonly oaepHash: NodeOaepHash;
  /** The active session key (sessionids are wrapped to it) as SPKI PEM. */
  readonly sessionKeyPem: string;
  /** The active PIN key. */
  readonly pinKey: RotatingKey;
  /** The active OpenPGP PIN key (kid = fingerprint). */
  readonly pgpPinKey: RotatingPgpKey;
  /**
   * The OpenPGP key that signs OpenPGP programmes' key-pair replies; a frame
   * config pins `publicEntry.pgp`, also served at `/v1/cards/pgp_reply_signing_keys`.
   */
  readonly pgpReplySigningKey: PgpReplySigningKey;
  /** Kid of every key by stage, for every ring. */
  keyStages(): Record<'session' | 'pin' | 'pgp', Record<string, string>>;
  /** Rotates every ring once (next → active → retiring → retired) and persists them. */
  rotate(): Promise<void>;
  /** The card's current PIN (as a reveal would show it). */
  pinOf(cardId: string): string | undefined;
  readonly stats: IssuerStats;
  /** Card binding: its mode, bound passkeys and wallets, challenges, and the sandbox wallet's cards. */
  readonly binding: SandboxBinding;
  /** Makes the next `count` card or PIN requests answer `status` (for failure tests). */
  failNext(status: number, count?: number): void;
}

const JWKS_HEADERS = {
  'Content-Type': 'application/jwk-set+json',
  // Public keys: any frame origin may read them.
  'Access-Control-Allow-Origin': '*',
  'Cache-Control': 'no-store',
};

function stages(ring: { trusted: readonly { kid: string; stage: string }[]; retired: readonly { kid: string; stage: string }[] }): Record<string, string> {
  return Object.fromEntries([...ring.trusted, ...ring.retired].map((key) => [key.kid, key.stage]));
}

/**
 * A sandbox issuer speaking the seeds' APIs: seed 001's `GET /card`
 * (sessionid → `encryptedPan`, `encryptedCvc`, `pin`), seed 002's PIN routes,
 * seed 000's response encryption to a consumer key, and key rotation with
 * several keys trusted at once. Each card's programme decides whether its PIN
 * changes and key-pair reveals are JWE or OpenPGP (seeds 003/004).
 */
export async function startSandboxIssuer(options: SandboxIssuerOptions = {}): Promise<SandboxIssuer> {
  const oaepHash = options.oaepHash ?? 'sha1';
  const keys = await loadIssuerKeys(options.dataDir, { session: { use: 'session', oaepHash }, pin: { use: 'pin', type: options.pinKeyType ?? 'RSA' } });
  const cardList: readonly SandboxCard[] = options.cards ?? SANDBOX_CARDS;
  const cards = new Map(cardList.map((card) => [card.id, card]));
  const programmes = options.programmes ?? SANDBOX_PROGRAMMES;
  const formatOf = (cardId: string): 'jwe' | 'pgp' => {
    const programme = programmes[cards.get(cardId)?.programme ?? 'default'];
    if (!programme) throw new IssuerError('invalid_request', 400, 'the card is in no configured programme');
    return programme.messageFormat;
  };
  const defaultCard = cardList[0]!;
  const pins = new Map(cardList.map((card) => [card.id, card.pin]));
  const stats = emptyStats();
  const profile = options.profile ?? 'flat';
  let fault: { status: number; remaining: number } | undefined;
  let baseUrl = '';
  const binding = await createSandboxBinding(options, { ...(options.dataDir ? { dataDir: options.dataDir } : {}), issuerName: 'Sandbox Issuer', stats });
  const refused = (error: IssuerError): void => {
    if (BINDING_ERROR_CODES.has(error.code)) stats.bindingRefusals[error.code] = (stats.bindingRefusals[error.code] ?? 0) + 1;
  };

  const pinRoutes = createPinRoutes({
    pins,
    pinKeys: () => ({ latest: keys.pin.active, byKid: (kid) => keys.pin.accept(kid) }),
    pgpKeys: (id) => keys.pgp.accept(id),
    formatOf,
    baseUrl: () => baseUrl,
    stats,
    binding,
    refused,
  });

  const allStages = (): Record<'session' | 'pin' | 'pgp', Record<string, string>> => ({ session: stages(keys.session), pin: stages(keys.pin), pgp: stages(keys.pgp) });
  const activeSessionPem = (): string => createPublicKey(keys.session.active.privateKey).export({ type: 'spki', format: 'pem' }).toString();
  const rotate = async (): Promise<void> => {
    // The OpenPGP ring moves its stages once its new key is made, a moment after the others.
    const pgpRotated = keys.pgp.rotate();
    keys.session.rotate();
    keys.pin.rotate();
    keys.replySigning.rotate();
    await pgpRotated;
    await keys.save();
  };

  const send = (res: Parameters<typeof sendJson>[0], error: IssuerError): void => {
    if (error.code === 'retired_key') stats.retiredKeyRejections++;
    refused(error);
    sendJson(res, error.status, error.toJSON());
  };

  const cardFor = (path: string): CardRecord | undefined | null => {
    const id = path === '/card' ? defaultCard.id : /^\/cards\/([A-Za-z0-9_-]{1,64})$/.exec(path)?.[1];
    if (id === undefined) return null;
    return cards.get(id);
  };
  const cardIdFor = (path: string): string | undefined | null => {
    const card = cardFor(path);
    return card === null ? null : card?.id;
  };

  const running = await listen(async (req, res, url) => {
    const path = url.pathname;
    const method = req.method ?? 'GET';
    try {
      if (await binding.handle(req, res, url, cardIdFor)) return;
      if (method === 'OPTIONS') {
        res.writeHead(204, { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': 'GET', 'Access-Control-Max-Age': '600' });
        return res.end();
      }
      if (method === 'GET' && (path === '/keys/session/jwks.json' || path === '/v1/cards/pin_keys' || path === '/v1/cards/pgp_keys' || path === '/v1/cards/reply_signing_keys' || path === '/v1/cards/pgp_reply_signing_keys')) {
        stats.jwksRequests++;
        const byPath = (stats.keySetRequests[req.headers.origin ?? 'none'] ??= {});
        byPath[path] = (byPath[path] ?? 0) + 1;
        res.writeHead(200, JWKS_HEADERS);
        const set =
          path === '/v1/cards/pgp_keys'
            ? keys.pgp.keySet()
            : path === '/v1/cards/pin_keys'
              ? keys.pin.jwks()
              : path === '/v1/cards/reply_signing_keys'
                ? keys.replySigning.jwks()
                : path === '/v1/cards/pgp_reply_signing_keys'
                  ? { keys: [keys.pgpReplySigning.publicEntry] }
                  : keys.session.jwks();
        return res.end(JSON.stringify(set));
      }
      if ((path === '/card' || path.startsWith('/cards/') || path.startsWith('/v1/')) && fault && fault.remaining-- > 0) {
        throw new IssuerError('sandbox_fault', fault.status, 'injected sandbox failure');
      }
      if (path.startsWith('/v1/')) {
        const details = /^\/v1\/cards\/([A-Za-z0-9_-]{1,64})\/details$/.exec(path);
        if (method === 'POST' && details) {
          // Seed 000, second flow: the consumer sends its public key, the response is encrypted to it.
          stats.cardRequests++;
          const card = cards.get(details[1]!);
          if (!card) throw new IssuerError('card_not_found', 404, 'no such card');
          const body = JSON.parse((await readBody(req)) || '{}') as { public_key?: unknown; nonce?: unknown };
          await binding.checkPublicKey(card.id, body);
          const payload = { pan: card.pan, cvc: card.cvc, expiry: `${String(card.expirationMonth).padStart(2, '0')}/${card.expirationYear}`, pin: pins.get(card.id) };
          if (formatOf(card.id) === 'pgp') {
            // An OpenPGP programme answers with an armored message to the frame's OpenPGP key: with the frame's nonce
            // (the JWE rule), signed inside over the card, the frame key's fingerprint and the nonce; without one, seed 003/004's plain message.
            const armored =
              body.nonce === undefined ? await sealPgpResponse(payload, body.public_key) : await sealSignedPgpReply(payload, { nonce: body.nonce as string }, body.public_key, keys.pgpReplySigning);
            res.writeHead(200, { 'Content-Type': 'application/pgp-encrypted', 'Cache-Control': 'no-store' });
            return res.end(armored);
          }
          const key = await importIssuerEncryptionKey(body.public_key, { rsaEnc: 'A256GCM' }).catch(() => {
            throw new IssuerError('invalid_key', 400, 'public_key must be an encryption JWK with a kid (RSA ≥ 2048 or P-256)');
          });
          // With the frame's nonce, the reply is signed first (over the card, the frame key's kid and the nonce), then encrypted;
          // without one (a seed 000 client that does not ask), it is the plain JSON seed 000 shows.
          const plaintext =
            body.nonce === undefined ? JSON.stringify(payload) : signCardReply(payload, { kid: key.kid, nonce: body.nonce as string }, keys.replySigning.active);
          res.writeHead(200, { 'Content-Type': 'application/jose', 'Cache-Control': 'no-store' });
          return res.end(await sealJwe(new TextEncoder().encode(plaintext), key, body.nonce === undefined ? {} : { cty: 'JWT' }));
        }
        if (await pinRoutes.handle(req, res, url)) return;
      }
      const card = cardFor(path);
      if (card !== null) {
        if (method !== 'GET') return sendJson(res, 405, { error: { code: 'method_not_allowed', message: 'use GET or PATCH' } });
        stats.cardRequests++;
        if (!card) throw new IssuerError('card_not_found', 404, 'no such card');
        // Seed 001: sessionid and scope are independent; in bound mode the sessionid needs its assertion first.
        const fields = await binding.cardFields(card.id, url, req.headers);
        const header = req.headers['sessionid'];
        if (header === undefined) return sendJson(res, 200, { ...shapeCardProfile(buildCardResponse(card), profile), ...fields });
        const secret = unwrapSessionIdWithKeys(
          keys.session.trusted.map((k) => k.privateKey),
          keys.session.retired.map((k) => k.privateKey),
          Array.isArray(header) ? header[0] : header,
          oaepHash,
        );
        const body = buildCardResponse({ ...card, pin: pins.get(card.id) ?? card.pin }, secret);
        // With a sessionid, provisioning credentials travel sealed to its secret like the PAN: the relay carries them but cannot use them.
        const scoped = fields.provisioning ? { ...fields, provisioning: sealField(secret, JSON.stringify(fields.provisioning)) } : fields;
        secret.fill(0);
        return sendJson(res, 200, { ...shapeCardProfile(body, profile), ...scoped });
      }
      if (method === 'GET' && path === '/keys/session.pem') {
        res.writeHead(200, { 'Content-Type': 'application/x-pem-file', 'Cache-Control': 'no-store' });
        return res.end(activeSessionPem());
      }
      if (method === 'GET' && path === '/sandbox/keys') return sendJson(res, 200, allStages());
      if (method === 'POST' && path === '/sandbox/rotate') {
        await rotate();
        return sendJson(res, 200, allStages());
      }
      if (method === 'POST' && path === '/sandbox/fail-next') {
        const body = JSON.parse((await readBody(req)) || '{}') as { status?: unknown; count?: unknown };
        const status = Number(body.status);
        if (!Number.isInteger(status) || status < 400 || status > 599) throw new IssuerError('invalid_request', 400, 'status must be 400-599');
        fault = { status, remaining: Number.isInteger(body.count) ? Number(body.count) : 1 };
        return sendJson(res, 200, { ok: true });
      }
      return sendJson(res, 404, { error: { code: 'not_found', message: 'not found' } });
    } catch (error) {
      if (error instanceof IssuerError) return send(res, error);
      if (error instanceof SyntaxError) return sendJson(res, 400, { error: { code: 'invalid_request', message: 'body must be JSON' } });
      throw error;
    }
  }, options.host ?? '127.0.0.1', options.port ?? 0);

  baseUrl = `http://${options.host ?? '127.0.0.1'}:${running.port}`;
  return {
    ...running,
    url: baseUrl,
    oaepHash,
    get sessionKeyPem() {
      return activeSessionPem();
    },
    get pinKey() {
      return keys.pin.active;
    },
    get pgpPinKey() {
      return keys.pgp.active;
    },
    pgpReplySigningKey: keys.pgpReplySigning,
    keyStages: allStages,
    rotate,
    pinOf: (cardId) => pins.get(cardId),
    stats,
    binding,
    failNext(status, count = 1) {
      fault = { status, remaining: count };
    },
    async close() {
      await running.close();
      await binding.close();
    },
  };
}
