import { decrypt, enums, readMessage, type Message, type PrivateKey, type PublicKey } from 'openpgp';
import { CardframeError } from '@cardframe/protocol';
import { MAX_PGP_MESSAGE_CHARS, MAX_PGP_PLAINTEXT_BYTES, isArmored, pgpConfig } from './pgp-config.ts';

/** What an opened OpenPGP message gives back. */
export interface OpenedPgp {
  readonly plaintext: Uint8Array;
  /** The `kid` of the held key that opened it, as the resolver named it. */
  readonly kid: string;
  /** The recipient key id (16 hex digits) the message was encrypted to. */
  readonly keyId: string;
}

/** A held private key and the `kid` it goes by. */
export interface HeldPgpKey {
  readonly kid: string;
  readonly key: PrivateKey;
}

/**
 * Finds the held private key for one of the key ids (lowercase hex) the
 * message's session-key packets name; undefined when none is held. May throw
 * a typed error of its own (an issuer's `key_id_mismatch`, say).
 */
export type PgpKeyResolver = (keyIds: readonly string[]) => HeldPgpKey | undefined | Promise<HeldPgpKey | undefined>;

/**
 * The issuer keys a message must be signed by (for key-pair replies): the
 * keys trusted now, and, for a key set the frame fetches, a refresh (with
 * its cooldown) tried once when the signer is unknown, as a rotation needs.
 */
export interface PgpSigners {
  keys(): Promise<readonly PublicKey[]>;
  refresh?(): Promise<boolean>;
}

export interface PgpOpenOptions {
  /** Longest armored message accepted (default 64 KiB); longer ones are refused unread. */
  readonly maxMessageChars?: number;
  /** Most bytes the plaintext may inflate to (default 64 KiB); decompression stops there. */
  readonly maxPlaintextBytes?: number;
  /**
   * When given, the message must also be signed by one of these keys
   * (`expectSigned`): unsigned or badly signed gives `ERR_SIGNATURE_INVALID`,
   * signed only by keys not among them `ERR_KEY_NOT_FOUND`.
   */
  readonly signedBy?: PgpSigners;
}

const MAX_RECIPIENTS = 16;
const WILDCARD = '0000000000000000';
const { packet } = enums;

function invalid(message: string): CardframeError {
  return new CardframeError('ERR_CIPHERTEXT_INVALID', message);
}

/** The top level must be: session keys for public keys, then one integrity-protected encrypted packet. */
function checkStructure(message: Message<string>): void {
  let encrypted = 0;
  let recipients = 0;
  for (const p of message.packets) {
    const tag = (p.constructor as { tag?: number }).tag;
    if (tag === packet.publicKeyEncryptedSessionKey) recipients++;
    else if (tag === packet.symEncryptedIntegrityProtectedData || tag === packet.aeadEncryptedData) encrypted++;
    else if (tag === packet.symEncryptedSessionKey) throw new CardframeError('ERR_ALG_NOT_ALLOWED', 'password-encrypted OpenPGP messages are refused');
    else if (tag === packet.symmetricallyEncryptedData) throw new CardframeError('ERR_ALG_NOT_ALLOWED', 'OpenPGP data without integrity protection is refused');
    else if (tag !== packet.marker) throw invalid('the OpenPGP message is not encrypted to a key');
  }
  if (encrypted !== 1 || recipients === 0) throw invalid('the OpenPGP message is not encrypted to a key');
  if (recipients > MAX_RECIPIENTS) throw invalid('the OpenPGP message names too many recipients');
}

/**
 * Opens an armored OpenPGP message sent to a held key. Bounded before and
 * during parsing: the armored text is capped before the parser sees it, and
 * compressed data is inflated only up to `maxPlaintextBytes`
 * (`ERR_MESSAGE_TOO_LARGE`). Only public-key-encrypted, integrity-protected
 * messages are accepted (`ERR_ALG_NOT_ALLOWED` for password-encrypted or
 * unprotected data); malformed armor or packets give `ERR_CIPHERTEXT_INVALID`;
 * a message for no held key `ERR_KEY_NOT_FOUND`; one that does not decrypt
 * or fails its integrity check `ERR_DECRYPT_FAILED`. Signatures inside are
 * checked only with `signedBy`, and then one by a trusted key is required.
 */
export async function openPgp(armored: unknown, resolveKey: PgpKeyResolver, options: PgpOpenOptions = {}): Promise<OpenedPgp> {
  if (typeof armored !== 'string') throw invalid('not an armored OpenPGP message');
  if (armored.length > (options.maxMessageChars ?? MAX_PGP_MESSAGE_CHARS)) throw new CardframeError('ERR_MESSAGE_TOO_LARGE', 'the OpenPGP message is too large');
  if (!isArmored(armored, 'MESSAGE')) throw invalid('not an armored OpenPGP message');
  const config = pgpConfig(options.maxPlaintextBytes ?? MAX_PGP_PLAINTEXT_BYTES);
  let message: Message<string>;
  try {
    message = await readMessage({ armoredMessage: armored.trim(), config });
  } catch {
    throw invalid('the OpenPGP armor or packets are malformed');
  }
  checkStructure(message);
  const keyIds = [...new Set(message.getEncryptionKeyIDs().map((id) => id.toHex().toLowerCase()))].filter((id) => id !== WILDCARD);
  const held = await resolveKey(keyIds);
  if (!held) throw new CardframeError('ERR_KEY_NOT_FOUND', 'no held key matches the OpenPGP message');
  const keyId = keyIds.find((id) => held.key.getKeys().some((part) => part.getKeyID().toHex().toLowerCase() === id));
  if (!keyId) throw new CardframeError('ERR_KEY_NOT_FOUND', 'no held key matches the OpenPGP message');
  const data = options.signedBy ? await decryptSigned(armored, held.key, options.signedBy, config) : await decryptUnsigned(message, held.key, config);
  return { plaintext: data, kid: held.kid, keyId };
}

function decryptFailed(error: unknown): CardframeError {
  if (error instanceof Error && /decompressed message size/i.test(error.message)) {
    return new CardframeError('ERR_MESSAGE_TOO_LARGE', 'the OpenPGP message inflates past the allowed size');
  }
  return new CardframeError('ERR_DECRYPT_FAILED', 'the OpenPGP message could not be decrypted');
}

async function decryptUnsigned(message: Message<string>, key: PrivateKey, config: ReturnType<typeof pgpConfig>): Promise<Uint8Array> {
  let data: unknown;
  try {
    ({ data } = await decrypt({ message, decryptionKeys: key, format: 'binary', expectSigned: false, config }));
  } catch (error) {
    throw decryptFailed(error);
  }
  if (!(data instanceof Uint8Array)) throw new CardframeError('ERR_DECRYPT_FAILED', 'the OpenPGP message could not be decrypted');
  return data;
}

/** Decrypts and requires a valid signature by one of `signers`; on failure, says why without the plaintext. */
async function decryptSigned(armored: string, key: PrivateKey, signers: PgpSigners, config: ReturnType<typeof pgpConfig>): Promise<Uint8Array> {
  const attempt = async (verificationKeys: readonly PublicKey[]): Promise<Uint8Array> => {
    const message = await readMessage({ armoredMessage: armored.trim(), config });
    if (verificationKeys.length === 0) throw new CardframeError('ERR_KEY_NOT_FOUND', 'no issuer reply-signing key is trusted');
    const { data } = await decrypt({ message, decryptionKeys: key, verificationKeys: [...verificationKeys], expectSigned: true, format: 'binary', config });
    if (!(data instanceof Uint8Array)) throw new CardframeError('ERR_DECRYPT_FAILED', 'the OpenPGP message could not be decrypted');
    return data;
  };
  let trusted = await signers.keys();
  try {
    return await attempt(trusted);
  } catch (error) {
    if (error instanceof CardframeError && error.code !== 'ERR_KEY_NOT_FOUND') throw error;
    const refusal = await whyUnverified(armored, key, trusted, config);
    // An unknown signer may be a key the issuer rotated in: fetch the set again (within its cooldown) and try once more.
    if (refusal.code !== 'ERR_KEY_NOT_FOUND' || !signers.refresh || !(await signers.refresh())) throw refusal;
    trusted = await signers.keys();
    try {
      return await attempt(trusted);
    } catch (again) {
      if (again instanceof CardframeError && again.code !== 'ERR_KEY_NOT_FOUND') throw again;
      throw await whyUnverified(armored, key, trusted, config);
    }
  }
}

/** Opens the message again without the signature requirement only to name the refusal; the plaintext is wiped unused. */
async function whyUnverified(armored: string, key: PrivateKey, trusted: readonly PublicKey[], config: ReturnType<typeof pgpConfig>): Promise<CardframeError> {
  let signerIds: string[];
  try {
    const message = await readMessage({ armoredMessage: armored.trim(), config });
    const { data, signatures } = await decrypt({ message, decryptionKeys: key, format: 'binary', expectSigned: false, config });
    if (data instanceof Uint8Array) data.fill(0);
    signerIds = signatures.map((signature) => signature.keyID.toHex().toLowerCase());
  } catch (error) {
    return decryptFailed(error);
  }
  if (signerIds.length === 0) return new CardframeError('ERR_SIGNATURE_INVALID', 'the reply is not signed by the issuer');
  const known = new Set(trusted.flatMap((publicKey) => publicKey.getKeys().map((part) => part.getKeyID().toHex().toLowerCase())));
  if (!signerIds.some((id) => known.has(id))) return new CardframeError('ERR_KEY_NOT_FOUND', 'the reply is signed by a key the frame does not trust');
  return new CardframeError('ERR_SIGNATURE_INVALID', 'the reply signature does not verify');
}
