// What the key-set share tests hand a share: a download that counts its calls, a ring's load, and a page's channels.
import type { KeySetChannel, KeySetChannelName } from '../../src/keys/broadcast-key-sets.ts';

/**
 * A key-set download that takes `ms`, counts its calls, and resolves with
 * `text` or rejects with it; given a function, with what it returns at the
 * time (the issuer's set changed, or it started failing).
 */
export function downloads(text: string | Error | (() => string | Error), ms = 30) {
  const state = { calls: 0 };
  const download = async (): Promise<string> => {
    state.calls++;
    await new Promise((resolve) => setTimeout(resolve, ms));
    const served = typeof text === 'function' ? text() : text;
    if (served instanceof Error) throw served;
    return served;
  };
  return { state, download };
}

/** What a ring asks a share for: by default any set of the last ten minutes, waiting at most 5 s. */
export const load = (download: () => Promise<string>, notBefore = Date.now() - 600_000, signal = AbortSignal.timeout(5_000)) => ({ notBefore, signal, download });

/**
 * Opens the key-set channels of one page as a test plays it: `page` prefixes
 * the origin's channel names, so pages (and other test files' frames) never
 * hear each other.
 */
export const pageChannels =
  (page: string) =>
  (channel: KeySetChannelName): BroadcastChannel =>
    new BroadcastChannel(`${page}:${channel}`);

/**
 * The page's channels as a browser busy routing many frames' messages
 * delivers them: each message, and each close after them, `ms` late and in
 * order.
 */
export const slowPageChannels =
  (page: string, ms: number) =>
  (channel: KeySetChannelName): KeySetChannel => {
    const real = pageChannels(page)(channel);
    return {
      postMessage: (message: unknown) => void setTimeout(() => real.postMessage(message), ms),
      addEventListener: real.addEventListener.bind(real),
      close: () => void setTimeout(() => real.close(), ms + 1),
    };
  };
