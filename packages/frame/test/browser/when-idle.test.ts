import { expect } from '@open-wc/testing';
import { whenIdle } from '../../src/flows/when-idle.ts';

// A frame prefetches its reveal chunk and keys through whenIdle. On a page
// mounting many frames of one origin they share a renderer, and a prefetch
// that ran while it was still busy would slow every frame not yet ready.

/** Keeps this renderer busy for `ms` with a stream of short tasks (as frames still loading do), never leaving it idle. */
function busyFor(ms: number): Promise<void> {
  const until = performance.now() + ms;
  const { port1, port2 } = new MessageChannel();
  return new Promise((done) => {
    port1.onmessage = () => {
      const end = performance.now() + 5;
      while (performance.now() < end);
      if (performance.now() < until) return port2.postMessage(0);
      port1.close();
      done();
    };
    port2.postMessage(0);
  });
}

describe('whenIdle', () => {
  it('waits out a renderer kept busy for seconds, then runs the task once', async function () {
    // WebKit has no idle callback: there the task runs on the next task.
    if (typeof requestIdleCallback !== 'function') this.skip();
    let runs = 0;
    whenIdle(() => runs++);
    await busyFor(1_500);
    expect(runs).to.equal(0);
    for (let i = 0; i < 200 && runs === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(runs).to.equal(1);
  });

  it('runs the task after the current one', async () => {
    let ran = false;
    whenIdle(() => (ran = true));
    expect(ran).to.equal(false);
    for (let i = 0; i < 200 && !ran; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(ran).to.equal(true);
  });
});
