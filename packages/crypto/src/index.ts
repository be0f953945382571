export { decodeBase64, encodeBase64 } from './base64.ts';
export { importFieldKey, openAesGcm, openField } from './field.ts';
export type { EncryptedField } from './field.ts';
export { importIssuerSessionKey } from './issuer-session-key.ts';
export type { IssuerKeySource, OaepHash } from './issuer-session-key.ts';
export { createRevealSession } from './reveal-session.ts';
export type { RevealSession } from './reveal-session.ts';
