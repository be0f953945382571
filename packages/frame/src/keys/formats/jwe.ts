// JWE, with jose: sealing PINs to the issuer and opening key-pair reveals.
// Only ever loaded with `import()`, so jose sits in this chunk, which a frame
// that only reveals with a session key never downloads.
import { KeyRing, ResponseKeys, jweSealer, type IssuerEncryptionKey } from '@cardframe/crypto';
import type { FrameConfig } from '../../config.ts';
import type { FrameResponseKeys, PinSealing } from '../key-format.ts';
import { ringOptions } from '../ring-options.ts';

/** The issuer's JWE PIN keys (pinned JWKs or a JWKS the frame fetches), sealed to as compact JWE. */
export function pinSealing(config: FrameConfig): PinSealing<IssuerEncryptionKey> {
  const sealer = jweSealer(config.issuer.encryption);
  return { ring: new KeyRing({ source: config.issuer.pinKeys!, ...ringOptions(config, 'PIN'), importKey: sealer.importKey }), seal: sealer.seal };
}

/** Frame-held JWE response keys of the algorithm the config names; non-extractable, so kept between reveals. */
export function responseKeys(config: FrameConfig): FrameResponseKeys {
  return new ResponseKeys({ alg: config.flows.reveal?.responseKeyAlg ?? 'ECDH-ES' });
}
