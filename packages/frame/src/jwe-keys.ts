// Everything JOSE the frame uses beyond the session-key reveal: sealing PINs
// to the issuer and opening key-pair reveals. Only ever loaded with `import()`,
// so jose sits in a chunk the session-key reveal never downloads.
import { KeyRing, ResponseKeys, importIssuerEncryptionKey, sealJwe, type IssuerEncryptionKey } from '@cardframe/crypto';
import type { FrameConfig } from './config.ts';
import { timings, warnSkipped, type FrameResponseKeys, type PinSealing } from './key-rings.ts';

/** The issuer's JWE PIN keys from the config (pinned, or a JWKS the frame fetches), sealed to with jose. */
export function jwePinSealing(config: FrameConfig): PinSealing<IssuerEncryptionKey> {
  const ring = new KeyRing<IssuerEncryptionKey>({
    source: config.issuer.pinKeys!,
    ...timings(config),
    onSkipped: warnSkipped('PIN'),
    importKey: (jwk) => importIssuerEncryptionKey(jwk, config.issuer.encryption),
  });
  return { ring, seal: sealJwe };
}

/** Frame-held JWE response keys of the algorithm the config names. */
export function jweResponseKeys(config: FrameConfig): FrameResponseKeys {
  return new ResponseKeys({ alg: config.flows.reveal?.responseKeyAlg ?? 'ECDH-ES' });
}
