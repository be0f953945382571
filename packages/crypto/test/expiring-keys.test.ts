import { expect } from 'chai';
import { describe, it } from '@cardframe/test-env';
import { ExpiringKeys } from '../src/index.ts';

interface CounterKey {
  readonly kid: string;
  readonly publicKey: string;
}

/** The trivial format: keys named k1, k2, … whose public half is their name; "opening" names the live key. */
class CounterKeys extends ExpiringKeys<CounterKey> {
  open(kid: string): CounterKey | undefined {
    return this.live.find((key) => key.kid === kid);
  }
}

function counterKeys(options: { ttlMs?: number } = {}) {
  const clock = { t: 1_700_000_000_000 };
  const made: number[] = [];
  const discarded: string[] = [];
  const keys = new CounterKeys({
    ...options,
    now: () => clock.t,
    generate: async (ttlMs) => {
      made.push(ttlMs);
      return { kid: `k${made.length}`, publicKey: `public k${made.length}` };
    },
    discard: (key) => discarded.push(key.kid),
  });
  return { clock, made, discarded, keys };
}

describe('expiring keys (the response-key lifecycle, any format)', () => {
  it('makes a key on first use, told the lifetime it will have (5 minutes unless set)', async () => {
    const { keys, made } = counterKeys();
    expect(keys.kids).to.deep.equal([]);
    expect(await keys.current()).to.equal('public k1');
    expect(made).to.deep.equal([5 * 60_000]);
  });

  it('hands out the newest key while more than half its life is left, then makes another', async () => {
    const { keys, clock } = counterKeys({ ttlMs: 60_000 });
    expect(await keys.current()).to.equal('public k1');
    clock.t += 29_999;
    expect(await keys.current()).to.equal('public k1');
    clock.t += 1;
    expect(await keys.current()).to.equal('public k2');
  });

  it('keeps an older key live beside the newer one until it expires', async () => {
    const { keys, clock } = counterKeys({ ttlMs: 60_000 });
    await keys.current();
    clock.t += 31_000;
    await keys.current();
    expect(keys.kids).to.deep.equal(['k1', 'k2']);
    expect(keys.open('k1')?.kid).to.equal('k1');
    clock.t += 29_000;
    expect(keys.kids).to.deep.equal(['k2']);
    expect(keys.open('k1')).to.equal(undefined);
  });

  it('forgets a key at the instant it expires, discarding it once, before any lookup sees it', async () => {
    const { keys, clock, discarded } = counterKeys({ ttlMs: 60_000 });
    await keys.current();
    clock.t += 59_999;
    expect(keys.open('k1')?.kid).to.equal('k1');
    clock.t += 1;
    expect(keys.open('k1')).to.equal(undefined);
    expect(keys.kids).to.deep.equal([]);
    expect(discarded).to.deep.equal(['k1']);
    expect(await keys.current()).to.equal('public k2');
  });

  it('drops every key at once, discarding each', async () => {
    const { keys, clock, discarded } = counterKeys({ ttlMs: 60_000 });
    await keys.current();
    clock.t += 31_000;
    await keys.current();
    keys.drop();
    expect(keys.kids).to.deep.equal([]);
    expect(keys.open('k2')).to.equal(undefined);
    expect(discarded).to.deep.equal(['k1', 'k2']);
    expect(await keys.current()).to.equal('public k3');
  });
});
