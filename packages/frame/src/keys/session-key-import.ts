import { KeyRing, importIssuerSessionKey } from '@cardframe/crypto';
import { CardframeError } from '@cardframe/protocol';
import type { FrameConfig } from '../config.ts';
import { ringOptions } from './ring-options.ts';

import type { SessionKey } from './session-key-ring.ts';

const OAEP_ALG = { 'SHA-1': 'RSA-OAEP', 'SHA-256': 'RSA-OAEP-256' } as const;

/** The session key ring itself: the lazy chunk behind `sessionKeyRing`. */
export function newSessionKeyRing(config: FrameConfig, source: NonNullable<FrameConfig['issuer']['sessionKeys']>): KeyRing<SessionKey> {
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
