import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseFrameConfig, type FrameConfig } from '@cardframe/frame/config';
import { frameAppDir } from '@cardframe/frame/app';
import { SANDBOX_PROGRAMMES, startFrameServer, startSandboxIssuer, type FrameServer, type SandboxIssuer, type SandboxProfile } from '@cardframe/sandbox';
import { startMerchantServer, type IssuerTarget, type MerchantServer } from './merchant-server.ts';

// The sandbox issuer and frame origin live in @cardframe/sandbox; re-exported for the demo's existing users.
export { SANDBOX_CARDS, SANDBOX_PROGRAMMES, startFrameServer, startSandboxIssuer } from '@cardframe/sandbox';
export type { FrameServer, SandboxIssuer, SandboxIssuerOptions } from '@cardframe/sandbox';

/** The sandbox issuer's binding when none is asked for. */
export const DEFAULT_BINDING: 'plain' | 'bound' = 'bound';

/** The demo frame's host name; browsers resolve `*.localhost` to loopback. */
export const FRAME_HOST = 'frame.localhost';
/** The OpenPGP programme's frame deployment. */
export const PGP_FRAME_HOST = 'pgp.frame.localhost';

const root = (path: string): string => fileURLToPath(new URL(`../../${path}`, import.meta.url));

/** An issuer other than the sandbox: its base URL and its sessionid public key. */
export interface ExternalIssuer extends IssuerTarget {
  readonly publicKeyPem: string;
  readonly oaepHash: 'SHA-1' | 'SHA-256';
  /** The issuer's PIN key (public JWK with kid); without it the PIN flow is off. */
  readonly pinKeyJwk?: JsonWebKey;
}

export interface DemoOptions {
  /** Merchant page port (served as http://localhost:PORT). 0 picks a free port. */
  hostPort?: number;
  /** Frame port (served as http://frame.localhost:PORT; the OpenPGP deployment as http://pgp.frame.localhost:PORT). */
  framePort?: number;
  /** Port of the frame deployment for the sandbox's OpenPGP programme. */
  pgpFramePort?: number;
  /** Sandbox issuer port. */
  issuerPort?: number;
  /** Persist the sandbox issuer's key here. */
  dataDir?: string;
  /** Use this issuer instead of starting the sandbox. */
  issuer?: ExternalIssuer;
  /** PIN change: `direct` (signed with a bound device) or `change-request` (confirmed afterwards). */
  pinVariant?: 'direct' | 'change-request';
  /** The sandbox issuer's PIN key type. */
  pinKeyType?: 'RSA' | 'EC';
  /**
   * The sealed-message format of the sandbox's card programme, and so of the
   * frame's config: `jwe` (default) or `pgp` (PINs sealed as OpenPGP, key-pair
   * reveals answered with OpenPGP messages). `CARDFRAME_ISSUER_FORMAT` in `npm start`.
   */
  messageFormat?: 'jwe' | 'pgp';
  /** How the sandbox issuer spells the card profile (default `flat`; see `SandboxProfile`). */
  issuerProfile?: SandboxProfile;
  /**
   * The sandbox issuer's binding: `plain` (seed 001: a sessionid alone
   * reveals) or `bound` (every sessionid, response key, device key and PIN
   * change needs the cardholder's passkey). `CARDFRAME_BINDING` in `npm start`.
   */
  binding?: 'plain' | 'bound';
  /** Keep the sandbox issuer's binding challenges in this Redis instead of in memory. */
  redisUrl?: string;
  /** Lifetime of the sandbox issuer's passkey statements and SIWE messages (default 5 minutes). */
  challengeTtlMs?: number;
  /** The sandbox issuer's clock for its binding challenges (default `Date.now`): a test moves it past a statement's expiry. */
  issuerNow?: () => number;
  /** Adjust the frame's deployment config before it is served. */
  frameConfig?(config: FrameConfig): FrameConfig;
  /**
   * A frame deployed elsewhere (nginx, Caddy, a CDN) that the merchant page
   * embeds instead of the demo's own frame server; it must serve `config`.
   */
  frameUrl?: string;
}

export interface Demo {
  readonly merchant: MerchantServer;
  readonly frame: FrameServer;
  /** The sandbox issuer, unless an external issuer was given. */
  readonly issuer: SandboxIssuer | undefined;
  readonly merchantUrl: string;
  readonly frameUrl: string;
  /** The frame deployed for the sandbox's OpenPGP programme (card `card_pgp`), when the sandbox runs. */
  readonly pgpFrameUrl: string | undefined;
  readonly config: FrameConfig;
  close(): Promise<void>;
}

/** Starts the sandbox issuer (or points at another), the frame origin and the merchant page, all on loopback. */
export async function startDemo(options: DemoOptions = {}): Promise<Demo> {
  // The frame asks for passkeys exactly when its issuer wants them.
  const binding = options.issuer ? 'plain' : (options.binding ?? DEFAULT_BINDING);
  const frameDir = frameAppDir();
  // The frames have host names, not 127.0.0.1: WebAuthn refuses an IP address as relying party.
  const frame = await startFrameServer({ port: options.framePort ?? 0, distDir: frameDir, publicHost: FRAME_HOST });
  // A second deployment of the same frame for the sandbox's OpenPGP programme: one frame config names one format.
  const pgpFrame = options.issuer ? undefined : await startFrameServer({ port: options.pgpFramePort ?? 0, distDir: frameDir, publicHost: PGP_FRAME_HOST });
  let target: IssuerTarget | undefined = options.issuer;
  const merchant = await startMerchantServer({
    port: options.hostPort ?? 0,
    pageDir: root('demo/merchant'),
    sdkFile: root('packages/sdk/dist/cardframe.js'),
    appsDir: root('demo/dist'),
    frameUrl: () => options.frameUrl ?? frame.url,
    pgpFrameUrl: () => pgpFrame?.url,
    issuer: () => target!,
    messageFormat: options.issuer ? 'jwe' : (options.messageFormat ?? 'jwe'),
    sandboxWallet: !options.issuer,
  });
  const sandbox = options.issuer
    ? undefined
    : await startSandboxIssuer({
        port: options.issuerPort ?? 0,
        ...(options.dataDir ? { dataDir: options.dataDir } : {}),
        ...(options.pinKeyType ? { pinKeyType: options.pinKeyType } : {}),
        ...(options.issuerProfile ? { profile: options.issuerProfile } : {}),
        programmes: { ...SANDBOX_PROGRAMMES, default: { messageFormat: options.messageFormat ?? 'jwe' } },
        binding,
        // Passkeys count only when made in one of the demo's frames; SIWE messages name the merchant's site.
        frameOrigins: [frame.url, ...(pgpFrame ? [pgpFrame.url] : [])],
        siwe: { domain: new URL(merchant.url).host, uri: merchant.url, chainId: 1 },
        ...(options.redisUrl ? { redisUrl: options.redisUrl } : {}),
        ...(options.challengeTtlMs === undefined ? {} : { challengeTtlMs: options.challengeTtlMs }),
        ...(options.issuerNow ? { now: options.issuerNow } : {}),
      }).catch(async (error: unknown) => {
        await Promise.all([merchant.close(), frame.close(), pgpFrame?.close()]);
        throw error;
      });
  target ??= { url: sandbox!.url };
  // The sandbox publishes key sets the frame fetches itself (so rotation just
  // works); another issuer's keys are pinned from the files it was given.
  const issuerConfig = options.issuer
    ? {
        sessionKey: { pem: options.issuer.publicKeyPem },
        oaepHash: options.issuer.oaepHash,
        ...(options.issuer.pinKeyJwk ? { pinKey: { jwk: options.issuer.pinKeyJwk } } : {}),
      }
    : {
        sessionKeys: { jwksUrl: `${sandbox!.url}/keys/session/jwks.json` },
        oaepHash: sandbox!.oaepHash === 'sha1' ? 'SHA-1' : 'SHA-256',
        messageFormat: options.messageFormat ?? 'jwe',
        pinKeys: { jwksUrl: `${sandbox!.url}/v1/cards/${options.messageFormat === 'pgp' ? 'pgp_keys' : 'pin_keys'}` },
        // The sandbox signs its key-pair replies, so the frame accepts only signed ones. A frame run with the OpenPGP format keeps
        // seed 003/004's unsigned replies (its suite answers with what gpg makes); the OpenPGP deployment below pins the signing key.
        ...(options.messageFormat === 'pgp' ? {} : { responseSigningKeys: { jwksUrl: `${sandbox!.url}/v1/cards/reply_signing_keys` } }),
      };
  const pinEnabled = !options.issuer || options.issuer.pinKeyJwk !== undefined;
  // The sandbox also binds wallets (SIWE).
  const base = parseFrameConfig({
    allowedHostOrigins: [new URL(merchant.url).origin],
    issuer: { ...issuerConfig, binding: { mode: binding } },
    flows: {
      ...(options.issuer ? {} : { bind: { scopes: ['webauthn', 'siwe'] } }),
      reveal: { fields: ['pan', 'expiry', 'cvc', 'pin'], modes: options.issuer ? ['session-key'] : ['session-key', 'key-pair'] },
      ...(pinEnabled ? { pin: { variant: options.pinVariant ?? 'direct' } } : {}),
    },
    // Add to wallet on the sandbox card: the frame's sandbox adapter pushes to the sandbox issuer's stand-in wallet.
    ...(options.issuer ? {} : { provisioning: { adapter: 'sandbox', endpoint: `${sandbox!.url}/sandbox/wallet/cards` } }),
  });
  const config = options.frameConfig ? parseFrameConfig(options.frameConfig(base)) : base;
  frame.setConfig(config);
  if (pgpFrame) {
    const { responseSigningKeys: _jweOnly, ...pgpIssuer } = issuerConfig as typeof issuerConfig & { responseSigningKeys?: unknown };
    // The OpenPGP deployment pins the sandbox's OpenPGP reply-signing key, so it accepts only replies the sandbox signed.
    const pgpBase = parseFrameConfig({
      ...base,
      issuer: { ...pgpIssuer, messageFormat: 'pgp', pinKeys: { jwksUrl: `${sandbox!.url}/v1/cards/pgp_keys` }, responseSigningKey: { pgp: sandbox!.pgpReplySigningKey.publicEntry.pgp } },
      flows: { ...base.flows, ...(base.flows.reveal ? { reveal: { ...base.flows.reveal, responseSigning: 'required' } } : {}) },
    });
    pgpFrame.setConfig(options.frameConfig ? parseFrameConfig(options.frameConfig(pgpBase)) : pgpBase);
  }
  return {
    merchant,
    frame,
    issuer: sandbox,
    merchantUrl: merchant.url,
    frameUrl: options.frameUrl ?? frame.url,
    pgpFrameUrl: pgpFrame?.url,
    config,
    async close() {
      await Promise.all([merchant.close(), frame.close(), pgpFrame?.close(), sandbox?.close()]);
    },
  };
}

/** Reads the external issuer settings from the environment, if any are given. */
export async function externalIssuerFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<ExternalIssuer | undefined> {
  const url = env['CARDFRAME_ISSUER_URL'];
  if (!url) return undefined;
  const keyFile = env['CARDFRAME_ISSUER_PUBLIC_KEY'];
  if (!keyFile) throw new Error('CARDFRAME_ISSUER_URL is set, so CARDFRAME_ISSUER_PUBLIC_KEY must name the issuer\'s RSA public key PEM file');
  const hash = env['CARDFRAME_ISSUER_OAEP_HASH'] ?? 'SHA-1';
  if (hash !== 'SHA-1' && hash !== 'SHA-256') throw new Error('CARDFRAME_ISSUER_OAEP_HASH must be SHA-1 or SHA-256');
  const pinKeyFile = env['CARDFRAME_ISSUER_PIN_KEY'];
  return {
    url,
    publicKeyPem: await readFile(keyFile, 'utf8'),
    oaepHash: hash,
    ...(pinKeyFile ? { pinKeyJwk: JSON.parse(await readFile(pinKeyFile, 'utf8')) as JsonWebKey } : {}),
    ...(env['CARDFRAME_ISSUER_CARD_ID'] ? { cardId: env['CARDFRAME_ISSUER_CARD_ID'] } : {}),
    ...(env['CARDFRAME_ISSUER_CARD_PATH'] ? { cardPath: env['CARDFRAME_ISSUER_CARD_PATH'] } : {}),
    ...(env['CARDFRAME_ISSUER_AUTHORIZATION'] ? { authorization: env['CARDFRAME_ISSUER_AUTHORIZATION'] } : {}),
  };
}
