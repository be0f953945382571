export { buildCardResponse } from './card-response.ts';
export type { CardRecord, CardResponse } from './card-response.ts';
export { IssuerError } from './errors.ts';
export type { IssuerErrorCode } from './errors.ts';
export { sealField } from './seal-field.ts';
export { decryptOaep, unwrapSessionId } from './session-id.ts';
export type { NodeOaepHash } from './session-id.ts';
export { exportPrivateKeyPem, generateSessionKeyPair, sessionKeyPairFromPem } from './session-key-pair.ts';
export type { SessionKeyPair } from './session-key-pair.ts';
