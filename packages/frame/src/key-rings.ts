import { KeyRing, importIssuerSessionKey, type RingKey, type SkippedKey } from '@cardframe/crypto';
import { CardframeError, type ResponsePublicKeyJson } from '@cardframe/protocol';
import type { FrameConfig } from './config.ts';

/** An issuer session key (RSA) for wrapping sessionids, named by kid. */
export interface SessionKey {
  readonly kid: string;
  readonly key: CryptoKey;
}

const OAEP_ALG = { 'SHA-1': 'RSA-OAEP', 'SHA-256': 'RSA-OAEP-256' } as const;

export function warnSkipped(purpose: string) {
  return (skipped: readonly SkippedKey[]): void => {
    // Kids and reasons only: nothing here is secret or card data.
    for (const { kid, reason } of skipped) console.warn(`cardframe: skipped issuer ${purpose} key ${kid ?? '(no kid)'}: ${reason}`);
  };
}

export function timings(config: FrameConfig) {
  const { ttlSeconds, cooldownSeconds, timeoutSeconds } = config.issuer.keyRefresh;
  return { ttlMs: ttlSeconds * 1000, cooldownMs: cooldownSeconds * 1000, timeoutMs: timeoutSeconds * 1000 };
}

const sessionRings = new WeakMap<FrameConfig, KeyRing<SessionKey>>();

/**
 * The session key ring from the config, or undefined where none is
 * configured: one per config, so the frame can fetch the key set as soon as
 * it has its config, while the host is still connecting.
 */
export function sessionKeyRing(config: FrameConfig): KeyRing<SessionKey> | undefined {
  const source = config.issuer.sessionKeys;
  if (!source) return undefined;
  let ring = sessionRings.get(config);
  if (!ring) sessionRings.set(config, (ring = newSessionKeyRing(config, source)));
  return ring;
}

function newSessionKeyRing(config: FrameConfig, source: NonNullable<FrameConfig['issuer']['sessionKeys']>): KeyRing<SessionKey> {
  const hash = config.issuer.oaepHash;
  return new KeyRing<SessionKey>({
    source,
    ...timings(config),
    onSkipped: warnSkipped('session'),
    async importKey(jwk) {
      if (typeof jwk['pem'] === 'string') return { kid: 'pinned', key: await importIssuerSessionKey({ pem: jwk['pem'] }, hash) };
      // The config's OAEP hash rules; a key published for the other one is not ours to use.
      if (jwk['alg'] !== undefined && jwk['alg'] !== OAEP_ALG[hash]) throw new CardframeError('ERR_KEY_INVALID', `key "alg" is not ${OAEP_ALG[hash]}`);
      const kid = jwk['kid'];
      if (kid !== undefined && (typeof kid !== 'string' || kid.length === 0)) throw new CardframeError('ERR_KEY_INVALID', 'key "kid" must be a string');
      if (kid === undefined && 'jwksUrl' in source) throw new CardframeError('ERR_KEY_INVALID', 'keys in a set need a "kid"');
      return { kid: kid ?? 'pinned', key: await importIssuerSessionKey({ jwk: jwk as JsonWebKey }, hash) };
    },
  });
}

// Sealing to and opening from the issuer needs jose or OpenPGP.js; a frame
// that only reveals with a session key never downloads either.
/** The OpenPGP chunk, loaded only for an OpenPGP issuer. */
const loadPgp = () => import('./pgp.ts');
/** The JOSE chunk (jose), loaded for the PIN flow and key-pair reveals. */
const loadJwe = () => import('./jwe-keys.ts');

/** The issuer's PIN keys and how to seal to them, whichever format they are in. */
export interface PinSealing<K extends RingKey = RingKey> {
  readonly ring: KeyRing<K>;
  seal(plaintext: Uint8Array, key: K): Promise<string>;
}

/**
 * The PIN keys from the config, or undefined where none are configured. For
 * an OpenPGP issuer the OpenPGP code is fetched here, on first use only.
 */
export async function pinSealing(config: FrameConfig): Promise<PinSealing | undefined> {
  if (!config.issuer.pinKeys) return undefined;
  return config.issuer.messageFormat === 'pgp' ? (await loadPgp()).pgpPinSealing(config) : (await loadJwe()).jwePinSealing(config);
}

/** Frame-held keys the issuer encrypts key-pair reveals to, whichever format they are in. */
export interface FrameResponseKeys {
  current(): Promise<ResponsePublicKeyJson>;
  open(message: string): Promise<{ readonly plaintext: Uint8Array }>;
  /** Revealed values were dropped; OpenPGP keys go with them. */
  hidden?(): void;
  drop(): void;
}

/** The response keys the config asks for; for an OpenPGP issuer the OpenPGP code is fetched here. */
export async function responseKeys(config: FrameConfig): Promise<FrameResponseKeys> {
  return config.issuer.messageFormat === 'pgp'
    ? new (await loadPgp()).FramePgpResponseKeys()
    : (await loadJwe()).jweResponseKeys(config);
}

/** True when the issuer said the key we used is unknown or retired: refresh and retry. */
export function keyWasRejected(error: unknown): boolean {
  return error instanceof CardframeError && (error.issuerCode === 'retired_key' || error.issuerCode === 'unknown_key');
}
