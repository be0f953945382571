import type { KeyRing, ReplyBinding, RingKey } from '@cardframe/crypto';
import type { ResponsePublicKeyJson } from '@cardframe/protocol';
import type { FrameConfig } from '../config.ts';

/** The issuer's PIN keys and how to seal to them, whichever format they are in. */
export interface PinSealing<K extends RingKey = RingKey> {
  readonly ring: KeyRing<K>;
  seal(plaintext: Uint8Array, key: K): Promise<string>;
}

/** Frame-held keys the issuer encrypts key-pair reveals to, whichever format they are in. */
export interface FrameResponseKeys {
  current(): Promise<ResponsePublicKeyJson>;
  open(message: string): Promise<{ readonly plaintext: Uint8Array }>;
  /** Revealed values were dropped; OpenPGP keys go with them. */
  hidden?(): void;
  drop(): void;
}

/** Checks an opened key-pair reply's issuer signature and binding, returning the signed card data. */
export type ReplyVerifier = (signed: string, binding: ReplyBinding) => Promise<Record<string, unknown>>;

/** What each sealed-message format module (`formats/jwe.ts`, `formats/pgp.ts`) exports, under the same names. */
export interface FrameKeyFormat {
  /** The issuer's PIN keys from the config (pinned, or a key set the frame fetches) and how to seal to them. */
  pinSealing(config: FrameConfig): PinSealing;
  /** Frame-held keys for key-pair reveals. */
  responseKeys(config: FrameConfig): FrameResponseKeys;
  /**
   * The issuer's reply-signing keys from the config, or undefined where the
   * config accepts unsigned replies. (An OpenPGP reply's signature is checked
   * as `responseKeys` opens it; its verifier checks what the signature covers,
   * after checking the pinned keys: `ERR_CONFIG` for a refused one.)
   */
  replyVerifier(config: FrameConfig): ReplyVerifier | undefined | Promise<ReplyVerifier | undefined>;
}
