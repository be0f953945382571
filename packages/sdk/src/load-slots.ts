/**
 * How many frames of one origin a page loads at once. The frames of an
 * origin share one renderer process: mounted all together, 150 of them
 * load interleaved and the first finishes only when nearly all do, so for
 * seconds the host hears from none of them. A few at a time, each loads
 * quickly and its `load` tells the page the origin is making progress.
 */
export const LOADING_AT_ONCE = 8;

/** Per origin: how many of its frames are loading, and the starts of those waiting their turn. */
const origins = new Map<string, { loading: number; readonly waiting: (() => void)[] }>();

/**
 * Calls `start` (which navigates the frame) once fewer than
 * {@link LOADING_AT_ONCE} frames of `origin` are loading, in the order the
 * frames asked. Returns the function that gives the turn back: on the
 * frame's first `load`, or when it is removed before (also before its turn).
 */
export function takeLoadSlot(origin: string, start: () => void): () => void {
  const state = origins.get(origin) ?? { loading: 0, waiting: [] };
  origins.set(origin, state);
  // Waiting for its turn, then loading, then done.
  let loading: boolean | undefined = false;
  const begin = (): void => {
    loading = true;
    state.loading++;
    start();
  };
  if (state.loading < LOADING_AT_ONCE) begin();
  else state.waiting.push(begin);
  return () => {
    if (loading === false) state.waiting.splice(state.waiting.indexOf(begin), 1);
    if (loading) {
      state.loading--;
      state.waiting.shift()?.();
    }
    loading = undefined;
    if (!state.loading && !state.waiting.length) origins.delete(origin);
  };
}
