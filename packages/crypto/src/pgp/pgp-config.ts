import { config as defaults, enums, type Config, type PartialConfig } from 'openpgp';
import { CardframeError } from '@cardframe/protocol';

/** Largest armored message opened (the channel's own message limit is 64 KiB). */
export const MAX_PGP_MESSAGE_CHARS = 64 * 1024;
/** Largest armored public key imported: an RSA-4096 key with a few signatures fits easily. */
export const MAX_PGP_KEY_CHARS = 16 * 1024;
/** Largest plaintext a compressed message may inflate to; the payloads are small JSON. */
export const MAX_PGP_PLAINTEXT_BYTES = 64 * 1024;

/**
 * The OpenPGP.js settings every call here uses, passed per call so the
 * library's global config is never changed: no compression when sealing,
 * decompression stopped at a ceiling, no unauthenticated (SED) data, no
 * unsupported or malformed packets skipped silently, RSA at least 2048 bits.
 */
export function pgpConfig(maxPlaintextBytes = MAX_PGP_PLAINTEXT_BYTES): PartialConfig {
  return {
    preferredCompressionAlgorithm: enums.compression.uncompressed,
    preferredSymmetricAlgorithm: enums.symmetric.aes256,
    maxDecompressedMessageSize: maxPlaintextBytes,
    allowUnauthenticatedMessages: false,
    allowUnauthenticatedStream: false,
    ignoreUnsupportedPackets: false,
    ignoreMalformedPackets: false,
    enforceGrammar: true,
    minRSABits: 2048,
    showVersion: false,
    showComment: false,
  };
}

/** {@link pgpConfig} over the library defaults, for the calls that take a whole config. */
export function fullPgpConfig(): Config {
  return { ...defaults, ...pgpConfig() } as Config;
}

/** True when `text` is one armored block of the given type and nothing around it but whitespace. */
export function isArmored(text: string, type: 'MESSAGE' | 'PUBLIC KEY BLOCK' | 'PRIVATE KEY BLOCK'): boolean {
  const trimmed = text.trim();
  // One block only: a parser that reads the first and ignores the rest would hide what follows.
  return trimmed.startsWith(`-----BEGIN PGP ${type}-----`) && trimmed.endsWith(`-----END PGP ${type}-----`) && trimmed.split('-----BEGIN ').length === 2;
}

/** Fingerprints and key ids as we compare them: lowercase hex, no spaces. */
export function normaliseKeyId(value: string): string {
  return value.replace(/\s+/g, '').toLowerCase();
}

export function keyInvalid(message: string): CardframeError {
  return new CardframeError('ERR_KEY_INVALID', message);
}
