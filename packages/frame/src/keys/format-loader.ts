import type { MessageFormat } from '@cardframe/crypto';
import type { FrameConfig } from '../config.ts';
import { loadChunk } from '../load-chunk.ts';
import type { FrameKeyFormat, FrameResponseKeys, PinSealing, ReplyVerifier } from './key-format.ts';

// Sealing to and opening from the issuer needs jose or OpenPGP.js; a frame
// that only reveals with a session key never downloads either. Each format
// is a chunk of its own, fetched on first use: jose with the JWE one,
// OpenPGP.js with the OpenPGP one.
const FORMATS: Record<MessageFormat, () => Promise<FrameKeyFormat>> = {
  jwe: () => loadChunk(import('./formats/jwe.ts')),
  pgp: () => loadChunk(import('./formats/pgp.ts')),
};

const pinSealings = new WeakMap<FrameConfig, Promise<PinSealing>>();

/**
 * The PIN keys from the config in the issuer's format, or undefined where
 * none are configured. One ring per config (so per frame document), shared
 * by every PIN flow: a host toggling between flows must not buy a fresh
 * fetch of the key set, past the ring's cooldown, each time.
 */
export async function pinSealing(config: FrameConfig): Promise<PinSealing | undefined> {
  if (!config.issuer.pinKeys) return undefined;
  let sealing = pinSealings.get(config);
  if (!sealing) {
    sealing = FORMATS[config.issuer.messageFormat]().then((format) => format.pinSealing(config));
    pinSealings.set(config, sealing);
    // A chunk that failed to load may load next time.
    sealing.catch(() => pinSealings.delete(config));
  }
  return sealing;
}

/** The response keys for key-pair reveals, in the issuer's format. */
export async function responseKeys(config: FrameConfig): Promise<FrameResponseKeys> {
  return (await FORMATS[config.issuer.messageFormat]()).responseKeys(config);
}

/**
 * The key-pair reply check the config asks for, or undefined where it
 * accepts unsigned replies. For an OpenPGP issuer it first imports the
 * pinned reply-signing keys (`ERR_CONFIG` for a refused one), so the frame
 * also checks them as the config loads (keys/signing-key-check.ts).
 */
export async function replyVerifier(config: FrameConfig): Promise<ReplyVerifier | undefined> {
  return (await FORMATS[config.issuer.messageFormat]()).replyVerifier(config);
}
