// Everything OpenPGP the frame uses. Only ever loaded with `import()` and
// only when the config names an OpenPGP issuer, so the bundler puts it, with
// OpenPGP.js, in a chunk of its own that the default frame never downloads.
import { KeyRing } from '@cardframe/crypto';
import { PgpResponseKeys, pgpSealer, type IssuerPgpKey } from '@cardframe/crypto/pgp';
import type { FrameConfig } from './config.ts';
import { timings, warnSkipped, type PinSealing } from './key-rings.ts';

/** The issuer's OpenPGP PIN keys (pinned armored keys or a key set the frame fetches), with the JWE ring's rotation rules. */
export function pgpPinSealing(config: FrameConfig): PinSealing<IssuerPgpKey> {
  const ring = new KeyRing({ source: config.issuer.pinKeys!, ...timings(config), onSkipped: warnSkipped('PIN'), importKey: pgpSealer.importKey });
  return { ring, seal: pgpSealer.seal };
}

/**
 * Response keys for an OpenPGP issuer. OpenPGP.js keys are plain objects in
 * memory, not non-extractable CryptoKeys, so they are dropped whenever the
 * revealed values are, not kept for the next reveal.
 */
export class FramePgpResponseKeys extends PgpResponseKeys {
  hidden(): void {
    this.drop();
  }
}
