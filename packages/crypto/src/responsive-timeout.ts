// Ticks short enough to tell a starved event loop from a quiet one, few enough to cost nothing.
const tickFor = (ms: number): number => Math.min(Math.max(ms / 10, 20), 250);

/**
 * Calls `onTimeout` once `ms` of time in which this document's event loop
 * ran on time has passed. A tick that fires much later than it was set for
 * means the loop was starved (a long task, a renderer busy mounting other
 * frames); an answer posted meanwhile is queued behind that stretch, so it
 * is not counted as the other side's silence. Unstarved, it fires after
 * `ms` as `setTimeout` would (to within a tick). Returns a function that
 * cancels it.
 */
export function responsiveTimeout(ms: number, onTimeout: () => void, now: () => number = () => performance.now()): () => void {
  const tick = tickFor(ms);
  let counted = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = (): void => {
    const since = now();
    timer = setTimeout(() => {
      const elapsed = now() - since;
      // Late by more than a tick and more than a short task: not counted.
      if (elapsed - tick <= Math.max(tick, 100)) counted += elapsed;
      if (counted >= ms) {
        timer = undefined;
        onTimeout();
      } else schedule();
    }, tick);
  };
  schedule();
  return () => {
    clearTimeout(timer);
    timer = undefined;
  };
}
