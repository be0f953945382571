import type { CardframeError } from '@cardframe/protocol';

type Waiter<T> = { resolve: (value: T) => void; reject: (error: CardframeError) => void };

/**
 * The ready handshake as callers see it: `wait()` resolves once the frame is
 * ready, at once if it already is, and rejects with the error that stopped
 * it first. `reset()` (the frame reconnects) forgets both; callers still
 * waiting keep waiting for the next ready.
 */
export class ReadyLatch<T> {
  /** What the frame said when it became ready; undefined before, and after a reset. */
  value: T | undefined;
  #failure: CardframeError | undefined;
  readonly #waiters: Waiter<T>[] = [];

  wait(): Promise<T> {
    if (this.value !== undefined) return Promise.resolve(this.value);
    // Failed and not reconnected since: say why now rather than wait for a ready that may never come.
    if (this.#failure) return Promise.reject(this.#failure);
    return new Promise((resolve, reject) => this.#waiters.push({ resolve, reject }));
  }

  resolve(value: T): void {
    this.value = value;
    for (const waiter of this.#waiters.splice(0)) waiter.resolve(value);
  }

  /** Rejects every waiter, and every later `wait()` until a reset; no-op once ready. */
  reject(error: CardframeError): void {
    if (this.value !== undefined) return;
    this.#failure = error;
    for (const waiter of this.#waiters.splice(0)) waiter.reject(error);
  }

  reset(): void {
    this.value = this.#failure = undefined;
  }
}
