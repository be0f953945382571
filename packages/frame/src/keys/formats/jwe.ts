// JWE, with jose: sealing PINs to the issuer and opening key-pair reveals.
// Only ever loaded with `import()`, so jose sits in this chunk, which a frame
// that only reveals with a session key never downloads.
import { KeyRing, ResponseKeys, importReplyVerifyKey, jweSealer, verifySignedReply, type IssuerEncryptionKey } from '@cardframe/crypto';
import type { FrameConfig } from '../../config.ts';
import type { FrameResponseKeys, PinSealing, ReplyVerifier } from '../key-format.ts';
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

/**
 * Checks key-pair replies against the issuer's reply-signing keys (pinned or
 * a JWKS the frame fetches); undefined when the config accepts unsigned ones.
 * An unknown signing kid refreshes the set once per cooldown, as a rotation needs.
 */
export function replyVerifier(config: FrameConfig): ReplyVerifier | undefined {
  if (config.flows.reveal?.responseSigning !== 'required' || !config.issuer.responseSigningKeys) return undefined;
  const ring = new KeyRing({ source: config.issuer.responseSigningKeys, ...ringOptions(config, 'reply-signing'), importKey: importReplyVerifyKey });
  const keyFor = async (kid: string) => (await ring.find(kid)) ?? ((await ring.refresh()) ? ring.find(kid) : undefined);
  return (signed, binding) => verifySignedReply(signed, binding, { keyFor });
}
