// Ticks short enough to tell a starved event loop from a quiet one, few enough to cost nothing
// when a page's 150 frames wait at once in one renderer.
const tickFor = (ms: number): number => Math.min(Math.max(ms / 3, 100), 1_000);
/** A tick later than this was queued behind a long task or a busy renderer. */
const LATE_MS = 100;

export interface ResponsiveTimeoutOptions {
  /**
   * Fires after this much wall-clock time however starved the loop: for
   * waits whose end is what lets a busy page make progress (a frame that
   * waits to hear whether another fetches would otherwise wait for as long
   * as the page stays busy, and keep it busy).
   */
  readonly atMostMs?: number;
  readonly now?: () => number;
}

/**
 * Calls `onTimeout` once `ms` of time in which this document's event loop
 * ran on time has passed. A tick that fires much later than it was set for
 * means the loop was starved (a long task, a renderer busy mounting other
 * frames); an answer posted meanwhile is queued behind that stretch, so it
 * is not counted as the other side's silence. Unstarved, it fires after
 * `ms` as `setTimeout` would (to within a tick). Returns a function that
 * cancels it.
 */
export function responsiveTimeout(ms: number, onTimeout: () => void, options: ResponsiveTimeoutOptions = {}): () => void {
  const now = options.now ?? (() => performance.now());
  const tick = tickFor(ms);
  const deadline = now() + (options.atMostMs ?? Number.POSITIVE_INFINITY);
  let counted = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = (): void => {
    const since = now();
    timer = setTimeout(() => {
      const at = now();
      const elapsed = at - since;
      // Late by more than a short task: not counted.
      if (elapsed - tick <= LATE_MS) counted += elapsed;
      if (counted >= ms || at >= deadline) {
        timer = undefined;
        onTimeout();
      } else schedule();
    }, Math.min(tick, Math.max(deadline - since, 0)));
  };
  schedule();
  return () => {
    clearTimeout(timer);
    timer = undefined;
  };
}
