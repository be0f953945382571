import { expect } from '@open-wc/testing';
import { CardframeError } from '@cardframe/protocol';
import { ReadyLatch } from '../../src/ready-latch.ts';

const settled = <T>(promise: Promise<T>): Promise<T | CardframeError> => promise.catch((error: CardframeError) => error);

describe('ReadyLatch', () => {
  it('resolves waiters from before and after ready with the same value', async () => {
    const latch = new ReadyLatch<string[]>();
    const early = latch.wait();
    latch.resolve(['pan']);
    expect(latch.value).to.deep.equal(['pan']);
    expect(await early).to.deep.equal(['pan']);
    expect(await latch.wait()).to.deep.equal(['pan']);
  });

  it('rejects waiters on failure, and later callers at once, until a reset', async () => {
    const latch = new ReadyLatch<string[]>();
    const early = settled(latch.wait());
    latch.reject(new CardframeError('ERR_FRAME_TIMEOUT', 'no ready'));
    expect(((await early) as CardframeError).code).to.equal('ERR_FRAME_TIMEOUT');
    expect(((await settled(latch.wait())) as CardframeError).code).to.equal('ERR_FRAME_TIMEOUT');
    latch.reset();
    const next = latch.wait();
    latch.resolve(['cvc']);
    expect(await next).to.deep.equal(['cvc']);
  });

  it('ignores a failure once ready, and a reset forgets the ready while waiters carry on', async () => {
    const latch = new ReadyLatch<string[]>();
    latch.resolve(['pan']);
    latch.reject(new CardframeError('ERR_DESTROYED', 'gone'));
    expect(await latch.wait()).to.deep.equal(['pan']);
    latch.reset();
    expect(latch.value).to.equal(undefined);
    let resolved = false;
    const waiting = latch.wait().then((value) => ((resolved = true), value));
    await Promise.resolve();
    expect(resolved).to.equal(false);
    latch.resolve(['expiry']);
    expect(await waiting).to.deep.equal(['expiry']);
  });
});
