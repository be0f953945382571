import { responsiveTimeout, type KeySetLoad, type KeySetShare } from '@cardframe/crypto';
import { broadcastKeySets, type ChannelKeySetShare } from './broadcast-key-sets.ts';
import { freshCopy, keepNewer, type KeySetCopy as Copy } from './key-set-copies.ts';
import { isCoordinatorMessage, type CoordinatorMessage, type FrameMessage, type KeySetLink } from './key-set-messages.ts';

export type { KeySetLink } from './key-set-messages.ts';

/**
 * The longest a frame waits for the coordinator's first answer before it
 * fetches for itself (the worker may never start: a CSP or storage refusal,
 * a script that failed to load). Half the default fetch timeout, counted in
 * time the frame's event loop ran on time: a renderer busy with many frames
 * delays the answer and the frame alike.
 */
export const FIRST_ANSWER_MS = 2_500;


export interface SharedKeySetOptions {
  /** Connects to the coordinator; undefined or a throw means this frame fetches for itself. Default: the frame origin's SharedWorker. */
  readonly openLink?: () => KeySetLink | undefined | Promise<KeySetLink | undefined>;
  readonly now?: () => number;
  readonly firstAnswerMs?: number;
  /**
   * How frames share sets where there is no coordinator. Default: over the
   * origin's BroadcastChannels (`broadcast-key-sets.ts`), where a frame the
   * coordinator tells to fetch also hands its copy out.
   */
  readonly withoutCoordinator?: KeySetShare | ChannelKeySetShare;
}

/** `alone`: no coordinator answers (its worker failed, or never answered), so the frames share without one. */
type Answer = Exclude<CoordinatorMessage, { readonly kind: 'queued' }> | { readonly kind: 'self' } | { readonly kind: 'alone' };

async function openWorker(): Promise<KeySetLink | undefined> {
  if (typeof SharedWorker !== 'function') return undefined;
  // Its own chunk: the worker's URL and Trusted Types policy load with the first key set, after ready.
  const { openKeySetWorker } = await import('./open-share-worker.ts');
  return openKeySetWorker();
}

/**
 * One key-set fetch per page for all frames of this origin. Each frame opens
 * one port to a SharedWorker of the frame origin (`key-set-coordinator.ts`),
 * which never fetches: it answers with a copy fresh enough, or asks one frame
 * to fetch and the others to wait for its copy. The set is public and only
 * this origin's code takes part; each frame still imports the keys itself (a
 * `CryptoKey` cannot be shared) and its ring checks a copy as it checks a
 * download. Where there is no coordinator (no SharedWorker, or one that
 * fails to start or to answer in time, as where the browser refuses the
 * frames storage) the frames share over their BroadcastChannel instead
 * (`broadcast-key-sets.ts`); whatever else goes wrong (the ring stops
 * waiting, the coordinator is full) ends in the frame fetching for itself,
 * as it would without sharing.
 */
export function sharedKeySets(options: SharedKeySetOptions = {}): KeySetShare {
  const now = options.now ?? Date.now;
  const firstAnswerMs = options.firstAnswerMs ?? FIRST_ANSWER_MS;
  const copies = new Map<string, Copy>();
  const waiting = new Map<number, (message: CoordinatorMessage | 'broken') => void>();
  let nextId = 0;
  let link: Promise<KeySetLink | undefined> | undefined;
  let broken = false;
  let withoutCoordinator: KeySetShare | ChannelKeySetShare | undefined;
  const channels = (): KeySetShare | ChannelKeySetShare => (withoutCoordinator ??= options.withoutCoordinator ?? broadcastKeySets());

  const fresh = <C extends Copy>(copy: C | undefined, notBefore: number): C | undefined => freshCopy(copy, notBefore, now());
  const keep = (url: string, copy: Copy): Copy => keepNewer(copies, url, copy);
  const connect = (): Promise<KeySetLink | undefined> =>
    (link ??= (async () => {
      try {
        const opened = await (options.openLink ?? openWorker)();
        if (!opened) return undefined;
        opened.port.addEventListener('message', (event) => {
          const message: unknown = (event as MessageEvent).data;
          if (isCoordinatorMessage(message)) waiting.get(message.id)?.(message);
        });
        opened.port.start();
        void opened.broken?.then(() => {
          broken = true;
          link = Promise.resolve(undefined);
          for (const answer of [...waiting.values()]) answer('broken');
        });
        return opened;
      } catch {
        return undefined;
      }
    })());
  const post = (opened: KeySetLink, message: FrameMessage): void => {
    try {
      opened.port.postMessage(message);
    } catch {
      // The coordinator is gone: the waiting frames fall back on their own.
    }
  };

  /**
   * The coordinator's answer to a `want`: `queued` means wait on (as long as
   * the ring's signal allows); silence past the first-answer bound or a
   * broken worker read as `alone`, the ring's signal as `self`.
   */
  const ask = (opened: KeySetLink, url: string, notBefore: number, signal: AbortSignal): Promise<Answer> => {
    const id = nextId++;
    return new Promise<Answer>((resolve) => {
      const finish = (): void => {
        waiting.delete(id);
        stopSilence();
        signal.removeEventListener('abort', aborted);
      };
      // The ring's wait is over: fetch here, with the download's own timeout.
      const aborted = (): void => {
        finish();
        post(opened, { kind: 'cancel', id, url });
        resolve({ kind: 'self' });
      };
      // Queued, the frame waits as long as its ring's fetch timeout allows.
      const stopSilence = responsiveTimeout(firstAnswerMs, () => {
        finish();
        post(opened, { kind: 'cancel', id, url });
        resolve({ kind: 'alone' });
      });
      waiting.set(id, (message) => {
        if (message !== 'broken' && message.kind === 'queued') return stopSilence();
        finish();
        resolve(message === 'broken' ? { kind: 'alone' } : message);
      });
      if (signal.aborted) return aborted();
      if (broken) return void waiting.get(id)?.('broken');
      signal.addEventListener('abort', aborted);
      post(opened, { kind: 'want', id, url, notBefore });
    });
  };

  /**
   * The coordinator chose this frame to fetch. Frames of the page whose
   * coordinator never answered (a cold worker on a busy page) share over the
   * channels instead; the download is claimed there too, so they wait for it
   * rather than fetch a second time.
   */
  const fetchFor = async (opened: KeySetLink, url: string, id: number, { notBefore, download }: Omit<KeySetLoad, 'signal'>): Promise<Copy> => {
    const shared = channels();
    let copy: Copy;
    try {
      copy = 'fetchForAll' in shared ? await shared.fetchForAll(url, download, notBefore) : { fetchedAt: now(), text: await download() };
    } catch (error) {
      post(opened, { kind: 'failed', id, url });
      throw error;
    }
    post(opened, { kind: 'fetched', id, url, text: copy.text, fetchedAt: copy.fetchedAt });
    return keep(url, copy);
  };

  return async (url, { notBefore, signal, download }) => {
    const held = fresh(copies.get(url), notBefore);
    if (held) return held;
    const opened = await connect();
    const alone = (): ReturnType<KeySetShare> => channels()(url, { notBefore, signal, download });
    if (!opened) return alone();
    const answer = await ask(opened, url, notBefore, signal);
    if (answer.kind === 'alone') return alone();
    if (answer.kind === 'fetch') return fetchFor(opened, url, answer.id, { notBefore, download });
    if (answer.kind === 'have') {
      const copy = fresh(answer, notBefore);
      if (copy) return keep(url, { text: copy.text, fetchedAt: copy.fetchedAt });
    }
    return { text: await download() };
  };
}
