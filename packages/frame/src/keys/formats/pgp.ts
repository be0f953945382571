// OpenPGP, with OpenPGP.js: sealing PINs to the issuer and opening key-pair
// reveals. Only ever loaded with `import()`, and only when the config names
// an OpenPGP issuer, so OpenPGP.js sits in this chunk, which the default
// frame never downloads.
import { KeyRing, checkReplyClaims } from '@cardframe/crypto';
import { PgpResponseKeys, importPgpReplyVerifyKey, pgpSealer, type IssuerPgpKey, type PgpReplyVerifyKey, type PgpSigners } from '@cardframe/crypto/pgp';
import { CardframeError } from '@cardframe/protocol';
import type { FrameConfig } from '../../config.ts';
import type { FrameResponseKeys, PinSealing, ReplyVerifier } from '../key-format.ts';
import { ringOptions } from '../ring-options.ts';

/** Imports each pinned reply-signing key; a refused one is an `ERR_CONFIG` naming it. */
async function checkPinnedKeys(config: FrameConfig): Promise<void> {
  const source = config.issuer.responseSigningKeys;
  if (!source || !('keys' in source)) return;
  for (const [index, entry] of source.keys.entries()) {
    const where = `frame config: issuer.responseSigningKey${source.keys.length > 1 ? `s.keys[${index}]` : ''}`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw new CardframeError('ERR_CONFIG', `${where} must be {"pgp": "<armored public key>"}`);
    try {
      await importPgpReplyVerifyKey(entry);
    } catch (error) {
      throw new CardframeError('ERR_CONFIG', `${where} is refused: ${error instanceof CardframeError ? error.message : 'it cannot be read'}`);
    }
  }
}

/** The issuer's OpenPGP PIN keys (pinned armored keys or a key set the frame fetches), sealed to as armored messages. */
export function pinSealing(config: FrameConfig): PinSealing<IssuerPgpKey> {
  return { ring: new KeyRing({ source: config.issuer.pinKeys!, ...ringOptions(config, 'PIN'), importKey: pgpSealer.importKey }), seal: pgpSealer.seal };
}

function signingRequired(config: FrameConfig): boolean {
  return config.flows.reveal?.responseSigning === 'required' && config.issuer.responseSigningKeys !== undefined;
}

/** The issuer's reply-signing keys as OpenPGP.js wants them; an unknown signer refreshes a fetched set once per cooldown. */
function replySigners(config: FrameConfig): PgpSigners {
  const ring = new KeyRing<PgpReplyVerifyKey>({ source: config.issuer.responseSigningKeys!, ...ringOptions(config, 'reply-signing'), importKey: importPgpReplyVerifyKey });
  return {
    async keys() {
      // Loads the set if it was never loaded or its TTL ran out; then every key held.
      await ring.find('');
      const held = await Promise.all(ring.kids.map((kid) => ring.find(kid)));
      return held.flatMap((key) => (key ? [key.key] : []));
    },
    refresh: () => ring.refresh(),
  };
}

/**
 * Frame-held OpenPGP response keys. OpenPGP.js keys are plain objects in
 * memory, not non-extractable CryptoKeys, so they are dropped whenever the
 * revealed values are, not kept for the next reveal. Where the config pins
 * reply-signing keys, a reply opens only if it is also signed by one of them
 * (`decrypt` with `expectSigned`), before the frame reads a byte of it.
 */
export function responseKeys(config: FrameConfig): FrameResponseKeys {
  return new FramePgpResponseKeys(signingRequired(config) ? replySigners(config) : undefined);
}

/**
 * Checks a signed OpenPGP reply's binding: the signature itself was checked
 * when the message was opened; the signed JSON must name this frame key's
 * fingerprint and this request's nonce, and be recent (the JWE variant's
 * rules). Undefined where the config accepts unsigned replies. Pinned
 * signing keys are imported first, so a config pinning a refused key fails
 * with `ERR_CONFIG` (the frame calls this as its config loads).
 */
export async function replyVerifier(config: FrameConfig): Promise<ReplyVerifier | undefined> {
  await checkPinnedKeys(config);
  if (!signingRequired(config)) return undefined;
  return async (signed, binding) => {
    let claims: unknown;
    try {
      claims = JSON.parse(signed);
    } catch {
      throw new CardframeError('ERR_MALFORMED_RESPONSE', 'the signed reply is not JSON');
    }
    return checkReplyClaims(claims, binding);
  };
}

class FramePgpResponseKeys extends PgpResponseKeys {
  constructor(signedBy: PgpSigners | undefined) {
    super(signedBy ? { open: { signedBy } } : {});
  }

  hidden(): void {
    this.drop();
  }
}
