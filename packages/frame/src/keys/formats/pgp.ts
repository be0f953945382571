// OpenPGP, with OpenPGP.js: sealing PINs to the issuer and opening key-pair
// reveals. Only ever loaded with `import()`, and only when the config names
// an OpenPGP issuer, so OpenPGP.js sits in this chunk, which the default
// frame never downloads.
import { KeyRing } from '@cardframe/crypto';
import { PgpResponseKeys, pgpSealer, type IssuerPgpKey } from '@cardframe/crypto/pgp';
import type { FrameConfig } from '../../config.ts';
import type { FrameResponseKeys, PinSealing } from '../key-format.ts';
import { ringOptions } from '../ring-options.ts';

/** The issuer's OpenPGP PIN keys (pinned armored keys or a key set the frame fetches), sealed to as armored messages. */
export function pinSealing(config: FrameConfig): PinSealing<IssuerPgpKey> {
  return { ring: new KeyRing({ source: config.issuer.pinKeys!, ...ringOptions(config, 'PIN'), importKey: pgpSealer.importKey }), seal: pgpSealer.seal };
}

/**
 * Frame-held OpenPGP response keys. OpenPGP.js keys are plain objects in
 * memory, not non-extractable CryptoKeys, so they are dropped whenever the
 * revealed values are, not kept for the next reveal.
 */
export function responseKeys(): FrameResponseKeys {
  return new FramePgpResponseKeys();
}

/** OpenPGP replies are not signature-checked yet; the config refuses signing keys for an OpenPGP issuer. */
export function replyVerifier(): undefined {
  return undefined;
}

class FramePgpResponseKeys extends PgpResponseKeys {
  hidden(): void {
    this.drop();
  }
}
