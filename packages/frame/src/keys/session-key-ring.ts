import { KeyRing, importIssuerSessionKey } from '@cardframe/crypto';
import { CardframeError } from '@cardframe/protocol';
import type { FrameConfig } from '../config.ts';
import { ringOptions } from './ring-options.ts';

/** An issuer session key (RSA) for wrapping sessionids, named by kid. */
export interface SessionKey {
  readonly kid: string;
  readonly key: CryptoKey;
}

const OAEP_ALG = { 'SHA-1': 'RSA-OAEP', 'SHA-256': 'RSA-OAEP-256' } as const;

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
    ...ringOptions(config, 'session'),
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
