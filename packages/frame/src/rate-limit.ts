import { CardframeError } from '@cardframe/protocol';

/**
 * At most `limit` attempts in any `windowMs`. A host that floods the frame
 * (or a cardholder guessing) gets `ERR_RATE_LIMITED` instead of more issuer
 * round trips.
 */
export class RateLimit {
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #now: () => number;
  #attempts: number[] = [];

  constructor(limit: number, windowMs: number, now: () => number = Date.now) {
    this.#limit = limit;
    this.#windowMs = windowMs;
    this.#now = now;
  }

  /** Counts one attempt, or throws `ERR_RATE_LIMITED` if the window is full. */
  take(what: string): void {
    const now = this.#now();
    this.#attempts = this.#attempts.filter((at) => now - at < this.#windowMs);
    if (this.#attempts.length >= this.#limit) {
      const wait = Math.ceil((this.#attempts[0]! + this.#windowMs - now) / 1000);
      throw new CardframeError('ERR_RATE_LIMITED', `too many ${what} attempts; try again in ${wait} s`);
    }
    this.#attempts.push(now);
  }
}
