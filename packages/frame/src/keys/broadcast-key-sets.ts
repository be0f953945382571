import { responsiveTimeout, type KeySetLoad, type KeySetShare } from '@cardframe/crypto';
import { freshCopy, keepNewer, type KeySetCopy } from './key-set-copies.ts';
import { isBroadcastMessage, type BroadcastMessage } from './key-set-messages.ts';

/** How long an asker listens for a claim or a copy before it decides who fetches. */
export const ELECTION_MS = 150;
/** How long an asker that heard an earlier one waits for it to claim the fetch before fetching itself. */
export const CLAIM_WAIT_MS = 1_000;

/** The frames' channel: a BroadcastChannel of the frame origin in the browser. */
export type KeySetChannel = Pick<BroadcastChannel, 'postMessage' | 'addEventListener' | 'close'>;

export interface BroadcastKeySetOptions {
  /** Opens the channel; undefined or a throw means this frame fetches for itself. Default: a BroadcastChannel named `cardframe-key-sets`. */
  readonly openChannel?: () => KeySetChannel | undefined;
  readonly now?: () => number;
  readonly electionMs?: number;
  readonly claimWaitMs?: number;
}

interface Copy extends KeySetCopy {
  /** This frame downloaded it, so it hands it out. */
  readonly mine: boolean;
}

const dated = ({ text, fetchedAt }: Copy): KeySetCopy => ({ text, fetchedAt });

interface Wait {
  readonly url: string;
  readonly notBefore: number;
  readonly ticket: number;
  heardEarlier: boolean;
  /** Past its election: a claim or copy is on its way, or it waits for an earlier asker's claim. */
  answeredElection: boolean;
  /** A later asker was heard: ask again with the next answers. */
  repeat: boolean;
  claimed(): void;
  settle(answer: Copy | 'fetch' | 'self'): void;
}

function openBroadcastChannel(): KeySetChannel | undefined {
  if (typeof BroadcastChannel !== 'function') return undefined;
  const channel = new BroadcastChannel('cardframe-key-sets');
  // Node (the frame's unit tests) keeps a process alive while a channel is open; a held copy should not.
  (channel as Partial<{ unref(): void }>).unref?.();
  return channel;
}

/**
 * Key sets shared between the frames of one origin without a coordinator,
 * over the origin's BroadcastChannel: where the browser refuses the frames a
 * SharedWorker (third-party storage blocked, an incognito window) it still
 * lets them talk to each other. A frame that needs a set asks; a frame
 * holding a copy it downloaded answers with it, a frame downloading one
 * claims it and the asker waits for its copy. Askers that hear neither pick
 * one fetcher among themselves: the lowest random ticket fetches, and the
 * others wait for its claim (an asker still lowest among the tickets it heard
 * repeats its ask to each later one, whose channel may have opened after it
 * asked). Only the frame origin's documents can join the
 * channel, and the set is public; each frame still imports the keys itself
 * and its ring checks a copy as it checks a download. Whatever goes wrong (no
 * channel, a fetcher that never claims or fails, the ring stops waiting) ends
 * in the frame fetching for itself. A frame keeps the channel open only
 * while it asks, fetches or holds the copy it downloaded, so on a page of
 * many frames an ask reaches few of them.
 */
export function broadcastKeySets(options: BroadcastKeySetOptions = {}): KeySetShare {
  const now = options.now ?? Date.now;
  const electionMs = options.electionMs ?? ELECTION_MS;
  const claimWaitMs = options.claimWaitMs ?? CLAIM_WAIT_MS;
  const copies = new Map<string, Copy>();
  const fetching = new Map<string, { readonly startedAt: number; readonly done: Promise<Copy> }>();
  const waits = new Set<Wait>();
  let channel: KeySetChannel | undefined;

  const fresh = (copy: Copy | undefined, notBefore: number): Copy | undefined => freshCopy(copy, notBefore, now());
  const post = (message: BroadcastMessage): void => {
    try {
      channel?.postMessage(message);
    } catch {
      // A closed channel only loses this message; askers fall back on their own.
    }
  };
  const open = (): KeySetChannel | undefined => {
    if (channel) return channel;
    try {
      channel = (options.openChannel ?? openBroadcastChannel)();
    } catch {
      channel = undefined;
    }
    channel?.addEventListener('message', (event) => {
      const message: unknown = (event as MessageEvent).data;
      if (isBroadcastMessage(message)) receive(message);
    });
    return channel;
  };
  // Nothing to ask, fetch or hand out: other frames' asks no longer need to reach this one.
  const closeIfIdle = (): void => {
    if (!channel || answering !== undefined || waits.size > 0 || fetching.size > 0 || [...copies.values()].some((copy) => copy.mine)) return;
    channel.close();
    channel = undefined;
  };
  const keep = (url: string, copy: Copy): Copy => keepNewer(copies, url, copy);

  // Answers go out once per burst of asks: with many frames asking at once, one copy (or claim, or repeated ask)
  // posted after them all reaches every asker, where an answer each would reach every asker once per ask.
  const asked = new Map<string, number>();
  let answering: ReturnType<typeof setTimeout> | undefined;
  const answer = (): void => {
    answering = undefined;
    for (const [url, notBefore] of asked) {
      const copy = copies.get(url);
      const under = fetching.get(url);
      if (copy?.mine && fresh(copy, notBefore)) post({ kind: 'have', url, text: copy.text, fetchedAt: copy.fetchedAt });
      else if (under && under.startedAt >= notBefore) post({ kind: 'claim', url, startedAt: under.startedAt });
    }
    asked.clear();
    for (const wait of waits) {
      if (!wait.repeat) continue;
      wait.repeat = false;
      if (!wait.answeredElection && !wait.heardEarlier) post({ kind: 'want', url: wait.url, notBefore: wait.notBefore, ticket: wait.ticket });
    }
    closeIfIdle();
  };
  const answerSoon = (): void => {
    answering ??= setTimeout(answer, 0);
  };

  const receive = (message: BroadcastMessage): void => {
    const { url } = message;
    switch (message.kind) {
      case 'want': {
        const copy = copies.get(url);
        const under = fetching.get(url);
        if ((copy?.mine && fresh(copy, message.notBefore)) || (under && under.startedAt >= message.notBefore)) {
          asked.set(url, Math.min(asked.get(url) ?? Number.POSITIVE_INFINITY, message.notBefore));
          return answerSoon();
        }
        for (const wait of waits) {
          if (wait.url !== url || wait.answeredElection) continue;
          if (message.ticket < wait.ticket) wait.heardEarlier = true;
          // Still the lowest ticket it knows of: tell an asker whose channel opened after this one asked.
          else if (!wait.heardEarlier) {
            wait.repeat = true;
            answerSoon();
          }
        }
        return;
      }
      case 'claim':
        for (const wait of waits) if (wait.url === url && message.startedAt >= wait.notBefore) wait.claimed();
        return;
      case 'failed':
        for (const wait of [...waits]) if (wait.url === url && message.startedAt >= wait.notBefore) wait.settle('self');
        return;
      case 'have': {
        const copy = fresh({ text: message.text, fetchedAt: message.fetchedAt, mine: false }, Number.NEGATIVE_INFINITY);
        if (!copy) return;
        keep(url, copy);
        for (const wait of [...waits]) if (wait.url === url && copy.fetchedAt >= wait.notBefore) wait.settle(copy);
        closeIfIdle();
        return;
      }
    }
  };

  /** Asks the other frames; resolves with a copy, `fetch` (this frame fetches for all) or `self` (it fetches for itself). */
  const ask = (url: string, notBefore: number, signal: AbortSignal): Promise<Copy | 'fetch' | 'self'> =>
    new Promise((resolve) => {
      let stop = (): void => {};
      const end = (answer: Copy | 'fetch' | 'self'): void => {
        stop();
        waits.delete(wait);
        signal.removeEventListener('abort', aborted);
        resolve(answer);
      };
      const aborted = (): void => end('self');
      const wait: Wait = {
        url,
        notBefore,
        ticket: Math.random(),
        heardEarlier: false,
        answeredElection: false,
        repeat: false,
        // Someone fetches a set fresh enough: wait for its copy as long as the ring allows.
        claimed: () => {
          wait.answeredElection = true;
          stop();
          stop = () => {};
        },
        settle: end,
      };
      // Counted in time this frame's loop ran on time: a busy renderer holds the others' answers back too.
      stop = responsiveTimeout(electionMs, () => {
        if (!wait.heardEarlier) return end('fetch');
        wait.answeredElection = true;
        stop = responsiveTimeout(claimWaitMs, () => end('fetch'));
      });
      if (signal.aborted) return end('self');
      signal.addEventListener('abort', aborted);
      waits.add(wait);
      post({ kind: 'want', url, notBefore, ticket: wait.ticket });
    });

  const fetchForAll = (url: string, download: KeySetLoad['download']): Promise<Copy> => {
    const startedAt = now();
    post({ kind: 'claim', url, startedAt });
    const done = download().then(
      (text) => {
        const copy = keep(url, { text, fetchedAt: startedAt, mine: true });
        post({ kind: 'have', url, text, fetchedAt: startedAt });
        return copy;
      },
      (error: unknown) => {
        post({ kind: 'failed', url, startedAt });
        throw error;
      },
    );
    const entry = { startedAt, done };
    fetching.set(url, entry);
    const settled = (): void => {
      if (fetching.get(url) === entry) fetching.delete(url);
      closeIfIdle();
    };
    done.then(settled, settled);
    return done;
  };

  return async (url, { notBefore, signal, download }) => {
    const held = fresh(copies.get(url), notBefore);
    if (held) return dated(held);
    // This frame's own fetch under way (two rings of one frame asking for one set).
    const under = fetching.get(url);
    if (under && under.startedAt >= notBefore) return dated(await under.done);
    if (!open()) return { text: await download() };
    const answer = await ask(url, notBefore, signal);
    if (answer === 'fetch') return dated(await fetchForAll(url, download));
    closeIfIdle();
    return answer === 'self' ? { text: await download() } : dated(answer);
  };
}
