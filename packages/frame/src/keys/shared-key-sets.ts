import type { KeySetLoad, KeySetShare } from '@cardframe/crypto';

/**
 * The least time a frame that needs a key set listens for another frame of
 * this origin that has it or is fetching it, before it fetches. It also
 * waits for its question and two pings after it to come back on the channel,
 * so on a busy page (the frames share one event loop) it waits as long as
 * the answers take to arrive. Frames that ask together elect one fetcher.
 */
export const ANSWER_WINDOW_MS = 30;

const CHANNEL = 'cardframe-key-sets';
const MAX_TEXT = 64 * 1024;
// However slow the channel, a frame fetches for itself after this long without an answer (half the default fetch timeout).
const MAX_WAIT_MS = 2_500;

type Message =
  | { readonly kind: 'want'; readonly url: string; readonly id: string; readonly notBefore: number }
  | { readonly kind: 'fetching'; readonly url: string; readonly id: string; readonly startedAt: number }
  | { readonly kind: 'have'; readonly url: string; readonly text: string; readonly fetchedAt: number }
  | { readonly kind: 'failed'; readonly url: string; readonly id: string }
  | { readonly kind: 'ping'; readonly url: string; readonly id: string };

interface Copy {
  readonly text: string;
  readonly fetchedAt: number;
}

/** A channel the frames talk on. */
export type KeySetChannel = Pick<BroadcastChannel, 'postMessage' | 'addEventListener'>;

export interface SharedKeySetOptions {
  /**
   * Opens one channel object on the frames' shared channel (called twice: one
   * to talk on, one that hears this frame's own messages come back); none
   * (no BroadcastChannel) means every frame fetches for itself.
   */
  readonly openChannel?: () => KeySetChannel | undefined;
  readonly now?: () => number;
  readonly answerWindowMs?: number;
}

function isMessage(value: unknown): value is Message {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  if (typeof m['url'] !== 'string' || m['url'].length > 2048) return false;
  const id = typeof m['id'] === 'string' && m['id'].length <= 64;
  const time = (name: string) => typeof m[name] === 'number' && Number.isFinite(m[name]);
  switch (m['kind']) {
    case 'want':
      return id && time('notBefore');
    case 'fetching':
      return id && time('startedAt');
    case 'have':
      return typeof m['text'] === 'string' && m['text'].length <= MAX_TEXT && time('fetchedAt');
    case 'failed':
    case 'ping':
      return id;
    default:
      return false;
  }
}

function openChannel(): BroadcastChannel | undefined {
  try {
    if (typeof BroadcastChannel !== 'function') return undefined;
    const channel = new BroadcastChannel(CHANNEL);
    // Node (the frame's code under test there) would otherwise stay alive for the channel.
    (channel as BroadcastChannel & { unref?: () => void }).unref?.();
    return channel;
  } catch {
    return undefined;
  }
}

function randomId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * One key-set fetch per page for all frames of this origin. Frames talk over
 * a BroadcastChannel (it reaches only this origin's documents in the same
 * storage partition, and works where engines refuse third-party storage and
 * Web Locks): a frame that needs a set asks; a frame holding a copy fetched
 * late enough answers with it, one that is fetching says so and broadcasts
 * the set when it has it; frames that ask at the same moment elect the
 * lowest random id to fetch. The set is public and only this origin's code
 * takes part; each frame still imports the keys itself (a `CryptoKey` cannot
 * be shared) and checks a copy as it would a download. Whatever goes wrong
 * (no channel, the fetching frame fails or goes away) ends in the frame
 * fetching for itself, as before.
 */
export function sharedKeySets(options: SharedKeySetOptions = {}): KeySetShare {
  const open = options.openChannel ?? openChannel;
  const channel = open();
  const echo = channel ? open() : undefined;
  const echoes = new EventTarget();
  echo?.addEventListener('message', (event) => {
    const message = (event as MessageEvent).data;
    if (isMessage(message) && (message.kind === 'want' || message.kind === 'ping')) echoes.dispatchEvent(new CustomEvent(`${message.kind}:${message.id}`));
  });
  const now = options.now ?? Date.now;
  const windowMs = options.answerWindowMs ?? ANSWER_WINDOW_MS;
  const copies = new Map<string, Copy>();
  const fetchedHere = new Map<string, Copy>();
  const ownFetches = new Map<string, { readonly id: string; readonly startedAt: number; readonly done: Promise<Copy | undefined> }>();
  const events = new EventTarget();

  const fresh = (copy: Copy | undefined, notBefore: number): Copy | undefined => (copy && copy.fetchedAt >= notBefore && copy.fetchedAt <= now() ? copy : undefined);
  const keep = (url: string, copy: Copy): void => {
    if ((copies.get(url)?.fetchedAt ?? Number.NEGATIVE_INFINITY) < copy.fetchedAt) copies.set(url, copy);
  };
  const post = (message: Message): void => {
    try {
      channel?.postMessage(message);
    } catch {
      // A closed channel only costs the other frames a fetch each.
    }
  };

  channel?.addEventListener('message', (event) => {
    const message = (event as MessageEvent).data;
    if (!isMessage(message)) return;
    if (message.kind === 'have') keep(message.url, { text: message.text, fetchedAt: message.fetchedAt });
    if (message.kind === 'want') {
      // Only the frame that fetched a set answers for it, so one question gets one answer, not one per frame.
      const copy = fresh(fetchedHere.get(message.url), message.notBefore);
      const fetching = ownFetches.get(message.url);
      if (copy) post({ kind: 'have', url: message.url, ...copy });
      else if (fetching && fetching.startedAt >= message.notBefore) post({ kind: 'fetching', url: message.url, id: fetching.id, startedAt: fetching.startedAt });
    }
    events.dispatchEvent(new CustomEvent<Message>('message', { detail: message }));
  });

  /** Resolves with the first message `pick` maps to something, or undefined once `until` settles; rejects when `signal` aborts. */
  const next = <T>(pick: (message: Message) => T | undefined, until: Promise<unknown>, signal: AbortSignal): Promise<T | undefined> =>
    new Promise<T | undefined>((resolve, reject) => {
      let open = true;
      const done = (value: T | undefined, error?: unknown): void => {
        if (!open) return;
        open = false;
        events.removeEventListener('message', listener);
        signal.removeEventListener('abort', aborted);
        if (error === undefined) resolve(value);
        else reject(error);
      };
      const listener = (event: Event): void => {
        const value = pick((event as CustomEvent<Message>).detail);
        if (value !== undefined) done(value);
      };
      const aborted = (): void => done(undefined, signal.reason ?? new DOMException('aborted', 'AbortError'));
      if (signal.aborted) return aborted();
      events.addEventListener('message', listener);
      signal.addEventListener('abort', aborted);
      void until.then(() => done(undefined));
    });

  const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
  const echoOf = (kind: 'want' | 'ping', id: string): Promise<void> => new Promise((resolve) => echoes.addEventListener(`${kind}:${id}`, () => resolve(), { once: true }));
  const ping = async (url: string): Promise<void> => {
    const id = randomId();
    const back = echoOf('ping', id);
    post({ kind: 'ping', url, id });
    await back;
  };
  /**
   * Settles once `minMs` have passed and two pings sent one after the other
   * (after `first`) have come back: answers posted by frames that heard this
   * frame's question by then have arrived too, however busy the page is
   * (bounded, should the channel stop delivering).
   */
  const paced = (url: string, minMs: number, first: Promise<void> = Promise.resolve()): Promise<unknown> =>
    Promise.race([Promise.all([delay(minMs), first.then(() => ping(url)).then(() => ping(url))]), delay(MAX_WAIT_MS)]);

  const fetchHere = (url: string, download: KeySetLoad['download']): Promise<Copy> => {
    const id = randomId();
    const startedAt = now();
    post({ kind: 'fetching', url, id, startedAt });
    const done = download().then(
      (text) => {
        const copy = { text, fetchedAt: startedAt };
        keep(url, copy);
        fetchedHere.set(url, copy);
        post({ kind: 'have', url, ...copy });
        return copy;
      },
      (error: unknown) => {
        post({ kind: 'failed', url, id });
        throw error;
      },
    );
    const entry = { id, startedAt, done: done.catch(() => undefined) };
    ownFetches.set(url, entry);
    void entry.done.then(() => ownFetches.get(url) === entry && ownFetches.delete(url));
    return done;
  };

  /** Waits for a set another frame fetches: its copy, or undefined if it failed. */
  const awaitOther = (url: string, notBefore: number, signal: AbortSignal): Promise<Copy | undefined> =>
    next<Copy | 'failed'>((m) => (m.url !== url ? undefined : m.kind === 'have' && m.fetchedAt >= notBefore ? m : m.kind === 'failed' ? 'failed' : undefined), new Promise(() => undefined), signal).then((r) =>
      r === 'failed' ? undefined : r,
    );

  return async (url, { notBefore, signal, download }) => {
    const held = fresh(copies.get(url), notBefore);
    if (held) return held;
    const own = ownFetches.get(url);
    if (own && own.startedAt >= notBefore) {
      const copy = await own.done;
      if (copy) return copy;
    }
    if (!channel || !echo) return { text: await download() };

    const id = randomId();
    let lowestId = id;
    let announced = false;
    const pick = (m: Message): Copy | 'fetching' | undefined => {
      if (m.url !== url) return undefined;
      if (m.kind === 'have' && m.fetchedAt >= notBefore) return m;
      if (m.kind === 'fetching' && m.startedAt >= notBefore) return 'fetching';
      return undefined;
    };
    // Wants from frames asking at the same moment decide who fetches; a copy or a fetch under way ends the wait.
    const heard = next<Copy | 'fetching'>(
      (m) => {
        if (m.url === url && m.kind === 'want' && m.id !== id) {
          if (m.id < lowestId) lowestId = m.id;
          // A frame that started listening after this one asked has not heard it: ask once more, so both count the same wants.
          if (m.id > id && !announced) {
            announced = true;
            post({ kind: 'want', url, id, notBefore });
          }
        }
        return pick(m);
      },
      paced(url, windowMs, echoOf('want', id)),
      signal,
    );
    post({ kind: 'want', url, id, notBefore });
    let answer = await heard;
    // Another frame won the election: it says it is fetching once its own window closes, which may be later than this one's.
    if (answer === undefined && lowestId !== id) answer = await next(pick, delay(MAX_WAIT_MS), signal);
    if (answer === 'fetching') answer = await awaitOther(url, notBefore, signal);
    // No copy came (nobody answered, or the fetching frame failed): fetch here.
    return answer ?? fresh(copies.get(url), notBefore) ?? fetchHere(url, download);
  };
}
