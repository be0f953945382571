import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { busyByProcess, countSlices, type TraceEvent } from './trace-summary.ts';

const slice = (pid: number, tid: number, ts: number, dur: number, name = 'RunTask'): TraceEvent => ({ name, ph: 'X', pid, tid, ts, dur });
const processName = (pid: number, name: string): TraceEvent => ({ name: 'process_name', ph: 'M', pid, tid: 0, ts: 0, args: { name } });

describe('busy time per process from a Chrome trace', () => {
  it('counts time a thread spends in nested or overlapping slices once', () => {
    const [busy] = busyByProcess([
      slice(7, 7, 0, 10_000),
      slice(7, 7, 2_000, 3_000, 'Layout'),
      slice(7, 7, 8_000, 4_000),
      slice(7, 7, 20_000, 1_000),
    ]);
    assert.deepEqual(busy, { pid: 7, name: 'unknown', busyMs: 13, mainMs: 13 });
  });

  it('adds up the threads of a process, keeps its main thread apart, names it, and lists the busiest first', () => {
    const busy = busyByProcess([
      processName(1, 'Browser'),
      processName(2, 'Renderer'),
      slice(1, 1, 0, 2_000),
      slice(2, 2, 0, 5_000),
      slice(2, 9, 1_000, 5_000),
      { name: 'ResourceSendRequest', ph: 'I', pid: 2, tid: 2, ts: 0 },
    ]);
    assert.deepEqual(busy, [
      { pid: 2, name: 'Renderer', busyMs: 10, mainMs: 5 },
      { pid: 1, name: 'Browser', busyMs: 2, mainMs: 2 },
    ]);
  });

  it('counts complete slices by name, on one process or all', () => {
    const events = [slice(1, 1, 0, 1, 'Display::DrawAndSwap'), slice(2, 2, 0, 1, 'Display::DrawAndSwap'), slice(2, 2, 5, 1, 'Paint'), { ...slice(2, 2, 9, 0, 'Display::DrawAndSwap'), ph: 'B' }];
    assert.equal(countSlices(events, 'Display::DrawAndSwap'), 2);
    assert.equal(countSlices(events, 'Display::DrawAndSwap', 2), 1);
  });
});
