// Reads a Chrome trace (the JSON `browser.stopTracing()` returns) down to how
// long each process was busy, for bench/trace-mount.ts.

/** One event of a Chrome trace, as far as these summaries read it. */
export interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly pid: number;
  readonly tid: number;
  readonly ts: number;
  readonly dur?: number;
  readonly args?: { readonly name?: string };
}

/** How long one process was busy in a trace. */
export interface ProcessBusy {
  readonly pid: number;
  /** The process's name in the trace's metadata (`Browser`, `Renderer`, `GPU Process`, …). */
  readonly name: string;
  /** Every thread of the process, each counted while it ran a top-level slice (ms). */
  readonly busyMs: number;
  /** Its main thread alone (the thread whose id is the process id). */
  readonly mainMs: number;
}

/**
 * Per process, the time its threads spent in slices (`ph: 'X'`), overlapping
 * slices of a thread counted once: nested slices lie inside their parent, so
 * this is the time each thread was running a task. Busy time, not CPU time:
 * a task that waits on a lock still counts. Largest first.
 */
export function busyByProcess(events: readonly TraceEvent[]): ProcessBusy[] {
  const names = new Map<number, string>();
  const slices = new Map<string, TraceEvent[]>();
  for (const event of events) {
    if (event.ph === 'M' && event.name === 'process_name' && event.args?.name) names.set(event.pid, event.args.name);
    if (event.ph !== 'X') continue;
    const thread = `${event.pid}:${event.tid}`;
    const list = slices.get(thread) ?? [];
    list.push(event);
    slices.set(thread, list);
  }
  const busy = new Map<number, { busyMs: number; mainMs: number }>();
  for (const [thread, list] of slices) {
    const [pid, tid] = thread.split(':').map(Number) as [number, number];
    const ms = unionMs(list);
    const entry = busy.get(pid) ?? { busyMs: 0, mainMs: 0 };
    entry.busyMs += ms;
    if (tid === pid) entry.mainMs += ms;
    busy.set(pid, entry);
  }
  return [...busy]
    .map(([pid, { busyMs, mainMs }]) => ({ pid, name: names.get(pid) ?? 'unknown', busyMs, mainMs }))
    .sort((a, b) => b.busyMs - a.busyMs);
}

/** The length of the union of the slices' intervals, in ms (trace times are µs). */
function unionMs(list: readonly TraceEvent[]): number {
  const sorted = [...list].sort((a, b) => a.ts - b.ts);
  let total = 0;
  let reached = Number.NEGATIVE_INFINITY;
  for (const { ts, dur = 0 } of sorted) {
    const end = ts + dur;
    if (end <= reached) continue;
    total += end - Math.max(ts, reached);
    reached = end;
  }
  return total / 1000;
}

/** How many complete slices named `name` the trace has, on process `pid` if given. */
export function countSlices(events: readonly TraceEvent[], name: string, pid?: number): number {
  let count = 0;
  for (const event of events) if (event.ph === 'X' && event.name === name && (pid === undefined || event.pid === pid)) count++;
  return count;
}
