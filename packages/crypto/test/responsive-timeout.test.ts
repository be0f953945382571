import { expect } from 'chai';
import { describe, it } from '@cardframe/test-env';
import { responsiveTimeout } from '../src/index.ts';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Holds the event loop for `ms`, as a renderer busy with other frames does. */
function starve(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

describe('a timeout counted in time the event loop ran on time', () => {
  it('fires after its time on a loop that is not starved, and only once', async () => {
    let fired = 0;
    const start = performance.now();
    let firedAfter = 0;
    responsiveTimeout(200, () => {
      fired++;
      firedAfter = performance.now() - start;
    });
    await sleep(50);
    expect(fired).to.equal(0);
    await sleep(800);
    expect(fired).to.equal(1);
    expect(firedAfter).to.be.at.least(200);
  });

  it('does not count a stretch in which the loop was starved', async () => {
    let fired = 0;
    responsiveTimeout(300, () => fired++);
    await sleep(30);
    starve(700);
    // Wall-clock time is well past the timeout; the loop ran on time for only a few ticks of it.
    await sleep(40);
    expect(fired).to.equal(0);
    await sleep(1_000);
    expect(fired).to.equal(1);
  });

  it('never fires once cancelled', async () => {
    let fired = 0;
    const cancel = responsiveTimeout(40, () => fired++);
    await sleep(10);
    cancel();
    await sleep(150);
    expect(fired).to.equal(0);
  });
});
