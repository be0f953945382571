import { CardframeError } from '@cardframe/protocol';

/** What a signed reply must be bound to: the frame key it was encrypted to and the nonce the frame sent. */
export interface ReplyBinding {
  /** The `kid` of the frame's response key the request carried. */
  readonly kid: string;
  /** The one-use nonce the frame sent with that request. */
  readonly nonce: string;
}

/** How recent a signed reply must be. */
export interface ReplyAgeOptions {
  /** Oldest `iat` accepted, in seconds (default 120). */
  readonly maxAgeSeconds?: number;
  readonly now?: () => number;
}

const CLOCK_SKEW_MS = 60_000;

function invalid(message: string): CardframeError {
  return new CardframeError('ERR_SIGNATURE_INVALID', message);
}

/**
 * Checks the claims of a reply whose issuer signature was already verified
 * (a JWS payload, or the signed literal data of an OpenPGP message): it must
 * name the frame key the request carried (`kid`), repeat the request's
 * one-use `nonce`, and carry an `iat` no older than the maximum age (nor in
 * the future past a minute's clock skew). One rule for JWE and OpenPGP
 * issuers; its own module, without jose or OpenPGP.js.
 */
export function checkReplyClaims(claims: unknown, binding: ReplyBinding, options: ReplyAgeOptions = {}): Record<string, unknown> {
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) throw new CardframeError('ERR_MALFORMED_RESPONSE', 'the signed reply is not an object');
  const record = claims as Record<string, unknown>;
  if (record['kid'] !== binding.kid) throw invalid('the signed reply is for another frame key');
  if (record['nonce'] !== binding.nonce) throw invalid('the signed reply does not carry this request\'s nonce');
  const iat = record['iat'];
  const now = (options.now ?? Date.now)();
  const maxAgeMs = (options.maxAgeSeconds ?? 120) * 1000;
  if (typeof iat !== 'number' || !Number.isFinite(iat) || iat * 1000 > now + CLOCK_SKEW_MS || now - iat * 1000 > maxAgeMs) throw invalid('the signed reply is not recent');
  return record;
}
