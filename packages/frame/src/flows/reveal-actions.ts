// What a reveal needs only once the cardholder acts: the issuer's session keys
// (and jose to import them), opening the issuer's answer, the key-pair
// formats and the reveal budget. The masked view and `ready` need none of it,
// so it is a chunk of its own, prefetched while idle once the frame is ready.
export { replyVerifier, responseKeys } from '../keys/format-loader.ts';
export { keyWasRejected } from '../keys/key-rejected.ts';
export { sessionKeyRing } from '../keys/session-key-ring.ts';
export { revealLimit } from '../frame-limits.ts';
export { reveal, revealWithKeyPair } from '../reveal.ts';
