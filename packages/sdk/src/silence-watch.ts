/** Every running watch's reset, with the frame origin it waits on. */
const watches = new Map<() => void, string>();

/**
 * Calls `onSilent` once no frame of `origin` on this page has been heard from
 * for `limitMs` of time in which this page was responsive. A tick that fires
 * much later than it was set for means the page's event loop was starved (a
 * long task, a renderer busy with other frames), and the frame may have been
 * starved with it: that stretch is not the frame's silence. Returns a
 * function that stops the watch.
 */
export function watchSilence(origin: string, limitMs: number, onSilent: () => void): () => void {
  // Ticks short enough to tell a starved page from a quiet frame, few enough to cost nothing.
  const tick = Math.min(Math.max(limitMs / 10, 20), 250);
  let silent = 0;
  let timer: ReturnType<typeof setTimeout>;
  const reset = (): void => {
    silent = 0;
  };
  const stop = (): void => {
    clearTimeout(timer);
    watches.delete(reset);
  };
  const wait = (since: number): void => {
    timer = setTimeout(() => {
      const elapsed = performance.now() - since;
      // Late by more than a tick (and more than a short task): the page was busy, not the frame silent.
      if (elapsed - tick <= Math.max(tick, 100)) silent += elapsed;
      if (silent < limitMs) wait(performance.now());
      else {
        stop();
        onSilent();
      }
    }, tick);
  };
  watches.set(reset, origin);
  wait(performance.now());
  return stop;
}

/**
 * A frame of `origin` was heard from: every watch on that origin starts its
 * count again. Frames of one origin share a renderer process, so while any
 * of them makes progress the others are queued behind it, not gone.
 */
export function heardFrom(origin: string): void {
  for (const [reset, watched] of watches) if (watched === origin) reset();
}
