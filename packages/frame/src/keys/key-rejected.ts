import { CardframeError } from '@cardframe/protocol';

/** True when the issuer said the key we used is unknown or retired: refresh and retry. */
export function keyWasRejected(error: unknown): boolean {
  return error instanceof CardframeError && (error.issuerCode === 'retired_key' || error.issuerCode === 'unknown_key');
}
