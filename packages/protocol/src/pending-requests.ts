import { CardframeError } from './errors.ts';
import type { ErrorInfo } from './errors.ts';

interface Pending<T> {
  resolve(result: T): void;
  reject(error: CardframeError): void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Requests one side of the channel has sent and not yet had answered: fresh
 * ids, a timeout each, replies matched by id (a reply to an unknown or
 * already-answered id is ignored), and everything rejected on close. Both
 * ends of the channel use it.
 */
export class PendingRequests<T> {
  readonly #prefix: string;
  readonly #pending = new Map<string, Pending<T>>();
  #nextId = 0;
  #closed = false;

  /** `prefix` keeps this side's ids apart from the other side's. */
  constructor(prefix: string) {
    this.#prefix = prefix;
  }

  /**
   * Registers a request and calls `send` with its id. The promise settles on
   * the matching reply, or rejects with `onTimeout()` after `timeoutMs`, or
   * with `ERR_DESTROYED` once closed.
   */
  start(send: (id: string) => void, timeoutMs: number, onTimeout: () => CardframeError): Promise<T> {
    const id = `${this.#prefix}${++this.#nextId}`;
    return new Promise<T>((resolve, reject) => {
      if (this.#closed) {
        reject(new CardframeError('ERR_DESTROYED', 'the channel is closed'));
        return;
      }
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(onTimeout());
      }, timeoutMs);
      this.#pending.set(id, { resolve, reject, timer });
      send(id);
    });
  }

  /** Settles the request a reply answers. */
  settle(reply: { readonly id: string } & ({ readonly ok: true; readonly result: T } | { readonly ok: false; readonly error: ErrorInfo })): void {
    const pending = this.#pending.get(reply.id);
    if (!pending) return;
    this.#pending.delete(reply.id);
    clearTimeout(pending.timer);
    if (reply.ok) pending.resolve(reply.result);
    else pending.reject(CardframeError.fromInfo(reply.error));
  }

  /** Rejects everything pending with `ERR_DESTROYED`; later requests reject at once. */
  close(): void {
    this.#closed = true;
    for (const pending of this.#pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(new CardframeError('ERR_DESTROYED', 'the channel was closed'));
    }
    this.#pending.clear();
  }
}
