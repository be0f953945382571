// What a reveal needs only once the cardholder acts: the issuer's session keys
// (and jose to import them), opening the issuer's answer, the key-pair
// formats, passkeys, copying and the reveal budget. The masked view and `ready` need
// none of it, so it is a chunk of its own, prefetched while idle once the
// frame is ready.
export { sessionKeyRing } from '../keys/session-key-ring.ts';
export { createPasskey, fetchReveal } from './reveal-fetch.ts';
export { startCopy } from './copy-action.ts';
