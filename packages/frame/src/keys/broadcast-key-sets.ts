import { responsiveTimeout, type KeySetLoad, type KeySetShare } from '@cardframe/crypto';
import { freshCopy, keepNewer, type KeySetCopy } from './key-set-copies.ts';
import { isAnswerMessage, isAskMessage, type AnswerMessage, type AskMessage } from './key-set-messages.ts';

/** How long an asker listens for a copy or a claim before it bids to fetch. */
export const ELECTION_MS = 150;
/**
 * The most wall-clock time that wait takes however busy the page: the first
 * frames of a page still mounting many others would otherwise wait for the
 * whole mount before anyone fetches.
 */
export const ELECTION_AT_MOST_MS = 2_000;
/**
 * How long a bidder listens for a lower bid before it fetches, from when it
 * hears its own bid back on the channel; at least as long as that took.
 */
export const BID_MS = 150;
/** How long an asker outbid by another waits for its claim before fetching itself. */
export const CLAIM_WAIT_MS = 1_000;
/**
 * The most wall-clock time a bid or a wait for a claim takes. Longer than the
 * election's: on a page still mounting, bids reach the other bidders seconds
 * late, and a bidder that stops listening early fetches a second time.
 */
export const BID_AT_MOST_MS = 5_000;

/** The two channels: `asks` carries only asks, which only holders and fetchers listen to; `answers` everything else. */
export type KeySetChannelName = 'cardframe-key-sets' | 'cardframe-key-sets-asks';
/** A frame's channel: a BroadcastChannel of the frame origin in the browser. */
export type KeySetChannel = Pick<BroadcastChannel, 'postMessage' | 'addEventListener' | 'close'>;

export interface BroadcastKeySetOptions {
  /** Opens a channel; undefined or a throw means this frame fetches for itself. Default: a BroadcastChannel of that name. */
  readonly openChannel?: (name: KeySetChannelName) => KeySetChannel | undefined;
  readonly now?: () => number;
  readonly electionMs?: number;
  readonly electionAtMostMs?: number;
  readonly bidMs?: number;
  readonly bidAtMostMs?: number;
  readonly claimWaitMs?: number;
}

interface Copy extends KeySetCopy {
  /**
   * How this frame downloaded it, when it did: it hands the copy out, and
   * fetches again with it for an asker that needs a newer one.
   */
  readonly download?: KeySetLoad['download'];
}

const dated = ({ text, fetchedAt }: Copy): KeySetCopy => ({ text, fetchedAt });

/** The share over the channels, and a fetch this frame was told to make (by the coordinator) that it hands out on them too. */
export interface ChannelKeySetShare extends KeySetShare {
  /**
   * Downloads `url` as the one fetcher of the origin's frames: claims it on
   * the channels while it runs and answers askers with the copy afterwards,
   * so a frame that shares over the channels (its coordinator never
   * answered) waits for this download instead of making its own. Where
   * this frame is already downloading the set (one of its rings went to the
   * channels first) it hands out that download, started no earlier than
   * `notBefore`, rather than start a second.
   */
  readonly fetchForAll: (url: string, download: KeySetLoad['download'], notBefore: number) => Promise<KeySetCopy>;
}

interface Wait {
  readonly url: string;
  readonly notBefore: number;
  readonly ticket: number;
  /** The lowest bid heard from another asker of this set. */
  lowestHeard: number;
  claimed(): void;
  settle(answer: Copy | 'fetch' | 'self'): void;
}

function openBroadcastChannel(name: KeySetChannelName): KeySetChannel | undefined {
  if (typeof BroadcastChannel !== 'function') return undefined;
  const channel = new BroadcastChannel(name);
  // Node (the frame's unit tests) keeps a process alive while a channel is open; a held copy should not.
  (channel as Partial<{ unref(): void }>).unref?.();
  return channel;
}

/**
 * Key sets shared between the frames of one origin without a coordinator,
 * over the origin's BroadcastChannels: where the browser refuses the frames
 * a SharedWorker (third-party storage blocked, an incognito window) it still
 * lets them talk to each other. A frame that needs a set asks on the `asks`
 * channel, which only the frames holding a copy they downloaded, or
 * downloading one, listen to: they answer on the `answers` channel with the
 * copy, or a claim to wait on (asked for a newer set than their copy, they
 * fetch it again and claim that). A page of many frames asking at once so costs
 * one message per ask and one answer per burst of asks, not every ask
 * reaching every asker. Askers that hear no answer bid, and the lowest random
 * ticket among the bids heard fetches. Only the frame origin's documents can
 * join the channels, and the set is public; each frame still imports the
 * keys itself and its ring checks a copy as it checks a download. Whatever
 * goes wrong (no channel, a bidder that never claims or a fetch that fails,
 * the ring stops waiting) ends in the frame fetching for itself. A frame
 * keeps a channel open only while it needs it.
 */
export function broadcastKeySets(options: BroadcastKeySetOptions = {}): ChannelKeySetShare {
  const now = options.now ?? Date.now;
  const electionMs = options.electionMs ?? ELECTION_MS;
  const electionAtMostMs = options.electionAtMostMs ?? ELECTION_AT_MOST_MS;
  const bidMs = options.bidMs ?? BID_MS;
  const bidAtMostMs = options.bidAtMostMs ?? BID_AT_MOST_MS;
  const claimWaitMs = options.claimWaitMs ?? CLAIM_WAIT_MS;
  const copies = new Map<string, Copy>();
  const fetching = new Map<string, { readonly startedAt: number; readonly done: Promise<Copy> }>();
  const waits = new Set<Wait>();
  let answers: KeySetChannel | undefined;
  let asks: KeySetChannel | undefined;

  const fresh = (copy: Copy | undefined, notBefore: number): Copy | undefined => freshCopy(copy, notBefore, now());
  const openOne = (name: KeySetChannelName, onMessage: (message: unknown) => void): KeySetChannel | undefined => {
    let channel: KeySetChannel | undefined;
    try {
      channel = (options.openChannel ?? openBroadcastChannel)(name);
    } catch {
      return undefined;
    }
    channel?.addEventListener('message', (event) => onMessage((event as MessageEvent).data));
    return channel;
  };
  const post = (channel: KeySetChannel | undefined, message: AskMessage | AnswerMessage): void => {
    try {
      channel?.postMessage(message);
    } catch {
      // A closed channel only loses this message; askers fall back on their own.
    }
  };
  const openAnswers = (): KeySetChannel | undefined =>
    (answers ??= openOne('cardframe-key-sets', (m) => {
      if (isAnswerMessage(m)) receive(m);
    }));
  // Opened by a holder or a fetcher only: every ask reaches every frame listening here.
  const openAsks = (): KeySetChannel | undefined =>
    (asks ??= openOne('cardframe-key-sets-asks', (m) => {
      if (isAskMessage(m)) answerAsk(m.url, m.notBefore);
    }));
  const holds = (): boolean => fetching.size > 0 || [...copies.values()].some((copy) => copy.download !== undefined);
  const closeIfIdle = (): void => {
    if (answering !== undefined || holds()) return;
    asks?.close();
    asks = undefined;
    if (waits.size === 0) {
      answers?.close();
      answers = undefined;
    }
  };
  const keep = (url: string, copy: Copy): Copy => keepNewer(copies, url, copy);
  /** This frame's own download of `url`, if one is under way that started no earlier than `notBefore`. */
  const underWay = (url: string, notBefore: number) => {
    const under = fetching.get(url);
    return under && under.startedAt >= notBefore ? under : undefined;
  };
  // This frame's answer to an ask for a set fetched no earlier than `notBefore`: its own copy, or a claim on its fetch.
  const answerTo = (url: string, notBefore: number): AnswerMessage | undefined => {
    const copy = copies.get(url);
    const under = underWay(url, notBefore);
    if (copy?.download && fresh(copy, notBefore)) return { kind: 'have', url, text: copy.text, fetchedAt: copy.fetchedAt };
    if (under) return { kind: 'claim', url, startedAt: under.startedAt };
    return undefined;
  };

  // Answers go out once per burst of asks: with many frames asking at once, one copy (or claim) posted after
  // them all reaches every asker, where an answer each would reach every asker once per ask.
  const asked = new Map<string, number>();
  let answering: ReturnType<typeof setTimeout> | undefined;
  const answer = (): void => {
    answering = undefined;
    for (const [url, notBefore] of asked) {
      // Taken again: the copy or the fetch may have changed since the ask.
      const reply = answerTo(url, notBefore);
      if (reply) post(answers, reply);
    }
    asked.clear();
    closeIfIdle();
  };
  /**
   * The frame that fetched a set last holds it after every other frame has
   * taken its copy; asked for one newer than its own (the page outlived the
   * set's TTL, or a key was retired), it fetches again for all and claims
   * it, rather than leave the asker to an election that a lone frame sits
   * out alone. A copy of another frame's that is newer replaces its own, so
   * the frames that fetched earlier stop answering.
   */
  const refetchIfOutdated = (url: string, notBefore: number): void => {
    const copy = copies.get(url);
    if (!copy?.download || fresh(copy, notBefore) || fetching.has(url)) return;
    // A failure is posted to the askers, who then fetch for themselves.
    fetchForAll(url, copy.download).catch(() => undefined);
  };
  const answerAsk = (url: string, notBefore: number): boolean => {
    refetchIfOutdated(url, notBefore);
    if (!answerTo(url, notBefore)) return false;
    asked.set(url, Math.min(asked.get(url) ?? Number.POSITIVE_INFINITY, notBefore));
    answering ??= setTimeout(answer, 0);
    return true;
  };

  const receive = (message: AnswerMessage): void => {
    const { url } = message;
    switch (message.kind) {
      case 'bid':
        // A holder answers a bid as it answers an ask: the bidder did not hear it in time.
        if (answerAsk(url, message.notBefore)) return;
        for (const wait of waits) if (wait.url === url) wait.lowestHeard = Math.min(wait.lowestHeard, message.ticket);
        return;
      case 'claim':
        for (const wait of waits) if (wait.url === url && message.startedAt >= wait.notBefore) wait.claimed();
        return;
      case 'failed':
        for (const wait of [...waits]) if (wait.url === url && message.startedAt >= wait.notBefore) wait.settle('self');
        return;
      case 'have': {
        const copy = fresh({ text: message.text, fetchedAt: message.fetchedAt }, Number.NEGATIVE_INFINITY);
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
        lowestHeard: Number.POSITIVE_INFINITY,
        // Someone fetches a set fresh enough: wait for its copy as long as the ring allows.
        claimed: () => {
          stop();
          stop = () => {};
        },
        settle: end,
      };
      // Outbid, or another bid first: wait for that claim, then fetch after all.
      const awaitClaim = (): void => {
        stop = responsiveTimeout(claimWaitMs, () => end('fetch'), { atMostMs: bidAtMostMs });
      };
      const decide = (): void => (wait.lowestHeard > wait.ticket ? end('fetch') : awaitClaim());
      const bid = (): void => {
        // Another asker bid first: it, or a lower bidder, claims; bidding too would only add to the page's traffic.
        if (wait.lowestHeard !== Number.POSITIVE_INFINITY) return awaitClaim();
        const posted = now();
        let echo: KeySetChannel | undefined;
        const listen = (latency: number): void => {
          stop = responsiveTimeout(Math.max(bidMs, latency), decide, { atMostMs: Math.max(bidAtMostMs - latency, 0) });
        };
        // The window opens when this frame hears its own bid back and lasts at least as long as that took: bids
        // posted with it reach the others as late, and a browser slow to route the page's messages would otherwise
        // have two bidders each decide before hearing the other, and both fetch.
        echo = openOne('cardframe-key-sets', (m) => {
          if (!echo || !isAnswerMessage(m) || m.kind !== 'bid' || m.url !== url || m.ticket !== wait.ticket) return;
          stop();
          listen(now() - posted);
        });
        post(answers, { kind: 'bid', url, notBefore, ticket: wait.ticket });
        if (!echo) return listen(0);
        // A bid that never comes back (a channel closed under it) still ends in a decision.
        const unheard = setTimeout(() => {
          stop();
          decide();
        }, bidAtMostMs);
        stop = () => {
          clearTimeout(unheard);
          echo?.close();
          echo = undefined;
        };
      };
      // Counted in time this frame's loop ran on time: a busy renderer holds the others' answers back too.
      stop = responsiveTimeout(electionMs, bid, { atMostMs: electionAtMostMs });
      if (signal.aborted) return end('self');
      signal.addEventListener('abort', aborted);
      waits.add(wait);
      // Sent on a channel held open only to send it (or the one this frame listens on as a holder of another set).
      const sender = asks ?? openOne('cardframe-key-sets-asks', () => undefined);
      post(sender, { kind: 'want', url, notBefore });
      if (sender !== asks) sender?.close();
    });

  const fetchForAll = (url: string, download: KeySetLoad['download']): Promise<Copy> => {
    const startedAt = now();
    openAsks();
    post(answers, { kind: 'claim', url, startedAt });
    const done = download().then(
      (text) => {
        const copy = keep(url, { text, fetchedAt: startedAt, download });
        post(answers, { kind: 'have', url, text, fetchedAt: startedAt });
        return copy;
      },
      (error: unknown) => {
        post(answers, { kind: 'failed', url, startedAt });
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

  const share: KeySetShare = async (url, { notBefore, signal, download }) => {
    const held = fresh(copies.get(url), notBefore);
    if (held) return dated(held);
    // This frame's own fetch under way (two rings of one frame asking for one set).
    const under = underWay(url, notBefore);
    if (under) return dated(await under.done);
    if (!openAnswers()) return { text: await download() };
    const answer = await ask(url, notBefore, signal);
    if (answer === 'fetch') return dated(await fetchForAll(url, download));
    closeIfIdle();
    return answer === 'self' ? { text: await download() } : dated(answer);
  };
  return Object.assign(share, {
    fetchForAll: async (url: string, download: KeySetLoad['download'], notBefore: number): Promise<KeySetCopy> => {
      const under = underWay(url, notBefore);
      if (under) return dated(await under.done);
      // Claims and copies go out on the answers channel, which a frame only listening to asks has not opened yet.
      openAnswers();
      return dated(await fetchForAll(url, download));
    },
  });
}
