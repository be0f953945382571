// What a reveal needs only once the cardholder acts: the flow's steps from a
// click on, the issuer's session keys (and jose to import them), opening the
// issuer's answer, the key-pair formats, passkeys, copying and the reveal
// budget. The masked view and `ready` need none of it, so it is a chunk of its
// own, prefetched while idle once the frame is ready.
export { sessionKeyRing } from '../keys/session-key-ring.ts';
export { copy, createPasskey, groupValues, provision, reveal, show } from './reveal-steps.ts';
