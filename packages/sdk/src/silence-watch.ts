interface Watch {
  readonly origin: string;
  readonly limitMs: number;
  readonly onSilent: () => void;
  /** When the watch started, or was last counted up to. */
  countedTo: number;
  silent: number;
}

/** Every running watch; one timer ticks for all of them. */
const watches = new Set<Watch>();
let timer: ReturnType<typeof setTimeout> | undefined;

// Ticks short enough to tell a starved page from a quiet frame, few enough to cost nothing.
const tickFor = (limitMs: number): number => Math.min(Math.max(limitMs / 10, 20), 250);

/**
 * One timer for every watch on the page, however many elements wait: with
 * fifty cards of three frames a timer each would be 150 tasks a tick on a
 * page that is busy mounting them. It ticks at the shortest watch's pace,
 * and stops once no watch is left.
 */
function schedule(): void {
  if (timer !== undefined || watches.size === 0) return;
  const tick = Math.min(...[...watches].map((watch) => tickFor(watch.limitMs)));
  const since = performance.now();
  timer = setTimeout(() => {
    timer = undefined;
    const now = performance.now();
    // Late by more than a tick (and more than a short task): the page was busy, not the frames silent.
    const starved = now - since - tick > Math.max(tick, 100);
    for (const watch of [...watches]) {
      if (!starved) watch.silent += now - Math.max(since, watch.countedTo);
      watch.countedTo = now;
      if (watch.silent >= watch.limitMs) {
        watches.delete(watch);
        watch.onSilent();
      }
    }
    schedule();
  }, tick);
}

/**
 * Calls `onSilent` once no frame of `origin` on this page has been heard from
 * for `limitMs` of time in which this page was responsive. A tick that fires
 * much later than it was set for means the page's event loop was starved (a
 * long task, a renderer busy with other frames), and the frame may have been
 * starved with it: that stretch is not the frame's silence. Returns a
 * function that stops the watch.
 */
export function watchSilence(origin: string, limitMs: number, onSilent: () => void): () => void {
  const watch: Watch = { origin, limitMs, onSilent, countedTo: performance.now(), silent: 0 };
  watches.add(watch);
  // A running timer keeps its pace until its next tick; from then on it ticks at this watch's pace if that is shorter.
  schedule();
  return () => watches.delete(watch);
}

/**
 * A frame of `origin` was heard from: every watch on that origin starts its
 * count again. Frames of one origin share a renderer process, so while any
 * of them makes progress the others are queued behind it, not gone.
 */
export function heardFrom(origin: string): void {
  const now = performance.now();
  for (const watch of watches) {
    if (watch.origin !== origin) continue;
    watch.silent = 0;
    watch.countedTo = now;
  }
}
