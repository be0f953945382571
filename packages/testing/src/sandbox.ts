import { frameAppDir } from '@cardframe/frame/app';
import { SANDBOX_CARDS, startFrameServer, startSandboxIssuer, type FrameServer, type SandboxIssuer } from '@cardframe/sandbox';
import { parseFrameConfig, type FrameConfig } from '@cardframe/frame/config';
import type { CardRecord } from '@cardframe/issuer';

/** A card the sandbox issuer holds. */
export interface SandboxCard {
  /** Used in the issuer's routes (`GET /cards/{id}`): letters, digits, `_` and `-`. */
  readonly id: string;
  /** 12–19 digits. */
  readonly pan: string;
  /** 3 or 4 digits. */
  readonly cvc: string;
  /** `MM/YYYY` or `MM/YY`. */
  readonly expiry: string;
  /** 4–12 digits; a PIN change replaces it. */
  readonly pin: string;
  readonly name?: string;
}

export interface SandboxOptions {
  /** The issuer's cards; the first is the one `GET /card` returns. Default: the sandbox's two cards. */
  readonly cards?: readonly SandboxCard[];
  /** OAEP hash the issuer unwraps sessionids with (default `SHA-1`, Node's `publicEncrypt` default). */
  readonly oaepHash?: 'SHA-1' | 'SHA-256';
  /** PIN key: RSA (RSA-OAEP-256 + A256CBC-HS512) or EC (ECDH-ES + A256GCM). Default RSA. */
  readonly pinKeyType?: 'RSA' | 'EC';
  /** Keep the issuer's keys in this folder across runs (default: new keys in memory each start). */
  readonly keysDir?: string;
  /** Host origins allowed to embed the frame; more can be added with `allowHostOrigin`. */
  readonly hostOrigins?: readonly string[];
  /** PIN change variant (default `direct`). */
  readonly pinVariant?: 'direct' | 'change-request';
  /** Tag the frame with test ids (default true: the kit's helpers find controls by them). */
  readonly testMode?: boolean;
  /**
   * Serve the frame as this host name (e.g. `frame.localhost`, which browsers
   * resolve to loopback) instead of 127.0.0.1: passkeys need one, since
   * WebAuthn refuses an IP address as relying party. Node's own `fetch` may
   * not resolve it; fetch `http://127.0.0.1:<port>` there.
   */
  readonly frameHost?: string;
  /** The issuer's binding: `plain` (seed 001, default) or `bound` (passkey assertions required; set `frameHost`). */
  readonly binding?: 'plain' | 'bound';
  /** Keep the issuer's binding challenges in this Redis instead of in memory. */
  readonly redisUrl?: string;
  /** Adjusts the frame's deployment config before it is served, to narrow flows or fields. */
  readonly frameConfig?: (config: FrameConfig) => FrameConfig;
}

/** A sandbox issuer and a frame origin on loopback, on free ports. */
export interface Sandbox {
  /** The issuer's base URL: your backend calls `${issuerUrl}/card` (or `/cards/{id}`) with the `sessionid` header. */
  readonly issuerUrl: string;
  /** Where your page points `frame-url`. */
  readonly frameUrl: string;
  readonly cards: readonly SandboxCard[];
  /** The card with that id (default the first). */
  card(id?: string): SandboxCard;
  /** The card's PIN now, after any change. */
  pinOf(cardId: string): string | undefined;
  /** Lets the page at `origin` (or URL) embed the frame; call once your app's server knows its port. */
  allowHostOrigin(origin: string): void;
  /** The frame's deployment config as served, once a host origin is allowed. */
  readonly frameConfig: FrameConfig | undefined;
  /** The issuer itself: key stages, rotation, request counters, injected failures. */
  readonly issuer: SandboxIssuer;
  close(): Promise<void>;
}

const CARD_ID = /^[A-Za-z0-9_-]{1,64}$/;

function toRecord(card: SandboxCard): CardRecord {
  const where = `sandbox card ${JSON.stringify(card.id)}`;
  if (!CARD_ID.test(card.id)) throw new Error(`${where}: id must be 1–64 letters, digits, _ or -`);
  if (!/^\d{12,19}$/.test(card.pan)) throw new Error(`${where}: pan must be 12–19 digits`);
  if (!/^\d{3,4}$/.test(card.cvc)) throw new Error(`${where}: cvc must be 3 or 4 digits`);
  if (!/^\d{4,12}$/.test(card.pin)) throw new Error(`${where}: pin must be 4–12 digits`);
  const expiry = /^(0[1-9]|1[0-2])\/(\d{2}|\d{4})$/.exec(card.expiry);
  if (!expiry) throw new Error(`${where}: expiry must be MM/YYYY or MM/YY`);
  const year = Number(expiry[2]);
  return {
    id: card.id,
    pan: card.pan,
    cvc: card.cvc,
    pin: card.pin,
    expirationMonth: Number(expiry[1]),
    expirationYear: year < 100 ? 2000 + year : year,
    ...(card.name === undefined ? {} : { name: card.name }),
    status: 'ACTIVE',
  };
}

/** The sandbox's default cards, in the kit's shape. */
export const DEFAULT_SANDBOX_CARDS: readonly SandboxCard[] = SANDBOX_CARDS.map((card) => ({
  id: card.id,
  pan: card.pan,
  cvc: card.cvc,
  pin: card.pin,
  expiry: `${String(card.expirationMonth).padStart(2, '0')}/${card.expirationYear}`,
  ...(card.name === undefined ? {} : { name: card.name }),
}));

function originOf(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`allowHostOrigin: ${JSON.stringify(value)} is not a URL`);
  }
  return url.origin;
}

/**
 * Starts the sandbox issuer with your cards and keys, and a frame origin
 * serving the built frame app with a deployment config that trusts that
 * issuer's keys and is in test mode. Both listen on free loopback ports.
 * The frame answers 503 until a host origin is allowed.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const cards = options.cards ?? DEFAULT_SANDBOX_CARDS;
  if (cards.length === 0) throw new Error('the sandbox needs at least one card');
  const records = cards.map(toRecord);
  if (new Set(records.map((card) => card.id)).size !== records.length) throw new Error('sandbox card ids must differ');
  const dist = frameAppDir();
  const frame: FrameServer = await startFrameServer({ port: 0, distDir: dist, ...(options.frameHost ? { publicHost: options.frameHost } : {}) });
  let issuer: SandboxIssuer;
  try {
    issuer = await startSandboxIssuer({
      port: 0,
      cards: records,
      oaepHash: options.oaepHash === 'SHA-256' ? 'sha256' : 'sha1',
      ...(options.pinKeyType ? { pinKeyType: options.pinKeyType } : {}),
      ...(options.keysDir ? { dataDir: options.keysDir } : {}),
      // Passkeys count only when made in this frame.
      frameOrigins: [frame.url],
      binding: options.binding ?? 'plain',
      ...(options.redisUrl ? { redisUrl: options.redisUrl } : {}),
    });
  } catch (error) {
    await frame.close();
    throw error;
  }
  const origins: string[] = [];
  let served: FrameConfig | undefined;
  const configure = (): void => {
    const base = parseFrameConfig({
      allowedHostOrigins: origins,
      issuer: {
        sessionKeys: { jwksUrl: `${issuer.url}/keys/session/jwks.json` },
        oaepHash: options.oaepHash ?? 'SHA-1',
        pinKeys: { jwksUrl: `${issuer.url}/v1/cards/pin_keys` },
      },
      flows: {
        reveal: { fields: ['pan', 'expiry', 'cvc', 'pin'], modes: ['session-key', 'key-pair'] },
        pin: { variant: options.pinVariant ?? 'direct' },
      },
      testMode: options.testMode ?? true,
    });
    served = options.frameConfig ? parseFrameConfig(options.frameConfig(base)) : base;
    frame.setConfig(served);
  };
  for (const origin of options.hostOrigins ?? []) origins.push(originOf(origin));
  if (origins.length > 0) configure();

  return {
    issuerUrl: issuer.url,
    frameUrl: frame.url,
    cards,
    card(id) {
      const card = id === undefined ? cards[0] : cards.find((c) => c.id === id);
      if (!card) throw new Error(`the sandbox has no card ${JSON.stringify(id)}`);
      return card;
    },
    pinOf: (cardId) => issuer.pinOf(cardId),
    allowHostOrigin(value) {
      const origin = originOf(value);
      if (origins.includes(origin)) return;
      origins.push(origin);
      configure();
    },
    get frameConfig() {
      return served;
    },
    issuer,
    async close() {
      await Promise.all([frame.close(), issuer.close()]);
    },
  };
}
