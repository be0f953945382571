/**
 * Calls `onSilent` once a frame has been silent for `limitMs` of time in
 * which this page was responsive. A tick that fires much later than it was
 * set for means the page's event loop was starved (a long task, a renderer
 * busy with other frames), and the frame may have been starved with it: that
 * stretch is not the frame's silence. Returns a function that stops the watch;
 * the caller starts a new one on each sign of progress.
 */
export function watchSilence(limitMs: number, onSilent: () => void): () => void {
  // Ticks short enough to tell a starved page from a quiet frame, few enough to cost nothing.
  const tick = Math.min(Math.max(limitMs / 10, 20), 250);
  let silent = 0;
  let timer: ReturnType<typeof setTimeout>;
  const wait = (since: number): void => {
    timer = setTimeout(() => {
      const elapsed = performance.now() - since;
      // Late by more than a tick (and more than a short task): the page was busy, not the frame silent.
      if (elapsed - tick <= Math.max(tick, 100)) silent += elapsed;
      if (silent >= limitMs) onSilent();
      else wait(performance.now());
    }, tick);
  };
  wait(performance.now());
  return () => clearTimeout(timer);
}
