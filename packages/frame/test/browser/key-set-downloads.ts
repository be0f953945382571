// What the key-set share tests hand a share: a download that counts its calls, and a ring's load.

/** A key-set download that takes `ms`, counts its calls, and resolves with `text` or rejects with it. */
export function downloads(text: string | Error, ms = 30) {
  const state = { calls: 0 };
  const download = async (): Promise<string> => {
    state.calls++;
    await new Promise((resolve) => setTimeout(resolve, ms));
    if (text instanceof Error) throw text;
    return text;
  };
  return { state, download };
}

/** What a ring asks a share for: by default any set of the last ten minutes, waiting at most 5 s. */
export const load = (download: () => Promise<string>, notBefore = Date.now() - 600_000, signal = AbortSignal.timeout(5_000)) => ({ notBefore, signal, download });
