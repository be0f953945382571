// OpenPGP for cardframe, a separate entry point so that only code that asks
// for it (and its bundle chunk) pulls in OpenPGP.js.
import type { Sealer } from '../sealer.ts';
import { importIssuerPgpKey, type IssuerPgpKey } from './issuer-pgp-key.ts';
import { sealPgp } from './pgp-seal.ts';

export { findPgpKey, importIssuerPgpKey, pgpKeyIds } from './issuer-pgp-key.ts';
export type { IssuerPgpKey } from './issuer-pgp-key.ts';
export { MAX_PGP_KEY_CHARS, MAX_PGP_MESSAGE_CHARS, MAX_PGP_PLAINTEXT_BYTES } from './pgp-config.ts';
export { clearPgpPrivateKey, generatePgpKeyPair, importPgpPrivateKey } from './pgp-key-pair.ts';
export type { PgpKeyPair, PgpKeyPairOptions, PgpKeyType } from './pgp-key-pair.ts';
/** An OpenPGP.js private key object (what {@link generatePgpKeyPair} makes). */
export type { PrivateKey as PgpPrivateKey } from 'openpgp';
export { openPgp } from './pgp-open.ts';
export type { HeldPgpKey, OpenedPgp, PgpKeyResolver, PgpOpenOptions, PgpSigners } from './pgp-open.ts';
export { importPgpReplyVerifyKey } from './pgp-reply-verify-key.ts';
export type { PgpReplyVerifyKey } from './pgp-reply-verify-key.ts';
export { PgpResponseKeys } from './pgp-response-keys.ts';
export type { PgpResponseKeysOptions } from './pgp-response-keys.ts';
export { sealPgp } from './pgp-seal.ts';

/** The OpenPGP sealer: issuer keys as `{kid, use: "enc", pgp: "<armored>"}`, armored messages to them. */
export const pgpSealer: Sealer<IssuerPgpKey> = {
  format: 'pgp',
  importKey: importIssuerPgpKey,
  seal: (plaintext, key) => sealPgp(plaintext, key),
};
