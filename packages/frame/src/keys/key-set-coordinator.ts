import { isFrameMessage, type CoordinatorMessage, type FrameMessage } from './key-set-messages.ts';

/**
 * How long a frame asked to fetch may stay silent before the next waiting
 * frame is asked instead: a removed frame's port gives no sign, so a deadline
 * hands over (half the default fetch timeout, so the next frame still has
 * time for its own). It counts from the last message of any frame: the
 * frames of an origin on a page share a renderer, and while others are heard
 * from, a silent fetcher may be queued behind them rather than gone.
 */
export const FETCHER_SILENCE_MS = 2_500;
// Bounds on what one page's frames can make the worker hold.
const MAX_URLS = 16;
const MAX_WAITERS = 1_024;

/** The end of a frame's port the coordinator talks on (a `MessagePort` in the worker). */
export type CoordinatorPort = Pick<MessagePort, 'postMessage' | 'addEventListener' | 'start'>;

interface Waiter {
  readonly port: CoordinatorPort;
  readonly id: number;
  readonly notBefore: number;
}

interface Entry {
  copy?: { readonly text: string; readonly fetchedAt: number };
  fetcher?: (Waiter & { readonly timer: ReturnType<typeof setTimeout> }) | undefined;
  /** Frames asked to fetch that have not reported: a late report still serves. */
  readonly asked: Waiter[];
  readonly queue: Waiter[];
}

export interface KeySetCoordinatorOptions {
  readonly silenceMs?: number;
}

/**
 * The worker side of sharing key sets between the frames of one origin on a
 * page: it never touches the network. A frame asks for a set fetched no
 * earlier than some time; the coordinator answers with a copy fresh enough,
 * or asks exactly one waiting frame to fetch while the others queue. A
 * fetched copy answers every waiter it is fresh enough for; a failed or silent
 * fetcher hands over to the next waiter. Messages that fail the checks are
 * dropped. One message in and at most one out per frame per fetch, so the
 * cost grows with the number of frames, not its square.
 */
export class KeySetCoordinator {
  readonly #entries = new Map<string, Entry>();
  readonly #silenceMs: number;
  #heardAt = Number.NEGATIVE_INFINITY;

  constructor(options: KeySetCoordinatorOptions = {}) {
    this.#silenceMs = options.silenceMs ?? FETCHER_SILENCE_MS;
  }

  /** Serves one frame's port. */
  connect(port: CoordinatorPort): void {
    port.addEventListener('message', (event) => {
      const message: unknown = (event as MessageEvent).data;
      if (isFrameMessage(message)) this.#receive(port, message);
    });
    port.start();
  }

  #receive(port: CoordinatorPort, message: FrameMessage): void {
    this.#heardAt = performance.now();
    const entry = this.#entry(message.url);
    if (!entry) return send(port, { kind: 'self', id: message.id });
    switch (message.kind) {
      case 'want': {
        const { copy } = entry;
        if (copy && copy.fetchedAt >= message.notBefore) return send(port, { kind: 'have', id: message.id, ...copy });
        if (entry.queue.length >= MAX_WAITERS) return send(port, { kind: 'self', id: message.id });
        entry.queue.push({ port, id: message.id, notBefore: message.notBefore });
        if (entry.fetcher) return send(port, { kind: 'queued', id: message.id });
        return this.#elect(entry);
      }
      case 'fetched': {
        const asked = entry.asked.findIndex((w) => w.port === port && w.id === message.id);
        if (asked < 0) return;
        entry.asked.splice(asked, 1);
        if ((entry.copy?.fetchedAt ?? Number.NEGATIVE_INFINITY) < message.fetchedAt) entry.copy = { text: message.text, fetchedAt: message.fetchedAt };
        const copy = entry.copy!;
        for (const waiter of entry.queue.filter((w) => w.notBefore <= copy.fetchedAt)) send(waiter.port, { kind: 'have', id: waiter.id, ...copy });
        entry.queue.splice(0, entry.queue.length, ...entry.queue.filter((w) => w.notBefore > copy.fetchedAt));
        if (this.#isFetcher(entry, port, message.id)) this.#handOver(entry);
        return;
      }
      case 'failed':
        removeFrom(entry.asked, port, message.id);
        if (this.#isFetcher(entry, port, message.id)) this.#handOver(entry);
        return;
      case 'cancel':
        removeFrom(entry.queue, port, message.id);
        if (this.#isFetcher(entry, port, message.id)) this.#handOver(entry);
        return;
    }
  }

  #entry(url: string): Entry | undefined {
    let entry = this.#entries.get(url);
    if (!entry && this.#entries.size < MAX_URLS) this.#entries.set(url, (entry = { asked: [], queue: [] }));
    return entry;
  }

  /** Hands over once no frame has been heard from for the silence bound, counted from `askedAt` at the earliest. */
  #deadline(entry: Entry, askedAt: number): ReturnType<typeof setTimeout> {
    const wait = Math.max(askedAt, this.#heardAt) + this.#silenceMs - performance.now();
    return setTimeout(() => {
      const fetcher = entry.fetcher;
      if (!fetcher) return;
      if (performance.now() - this.#heardAt < this.#silenceMs) entry.fetcher = { ...fetcher, timer: this.#deadline(entry, askedAt) };
      else this.#handOver(entry);
    }, Math.max(wait, 0));
  }

  #isFetcher(entry: Entry, port: CoordinatorPort, id: number): boolean {
    return entry.fetcher?.port === port && entry.fetcher.id === id;
  }

  #handOver(entry: Entry): void {
    clearTimeout(entry.fetcher?.timer);
    entry.fetcher = undefined;
    this.#elect(entry);
  }

  /** Asks the longest-waiting frame to fetch (the others were told to wait as they asked). */
  #elect(entry: Entry): void {
    const next = entry.queue.shift();
    if (!next) return;
    entry.fetcher = { ...next, timer: this.#deadline(entry, performance.now()) };
    entry.asked.push(next);
    if (entry.asked.length > MAX_WAITERS) entry.asked.shift();
    send(next.port, { kind: 'fetch', id: next.id });
  }
}

function removeFrom(list: Waiter[], port: CoordinatorPort, id: number): void {
  const index = list.findIndex((w) => w.port === port && w.id === id);
  if (index >= 0) list.splice(index, 1);
}

function send(port: CoordinatorPort, message: CoordinatorMessage): void {
  try {
    port.postMessage(message);
  } catch {
    // A port whose frame is gone only loses its own answer.
  }
}
