import { expect } from 'chai';
import { describe, it } from '@cardframe/test-env';
import { ExpiringKeys } from '../src/index.ts';

/** The trivial format: a key is a counter-named object; the generic lifecycle is all there is. */
function counterKeys(options: { ttlMs?: number } = {}) {
  const clock = { t: 1_700_000_000_000 };
  const made: number[] = [];
  const discarded: string[] = [];
  const keys = new ExpiringKeys<{ kid: string }>({
    ...options,
    now: () => clock.t,
    generate: async (ttlMs) => {
      made.push(ttlMs);
      return { kid: `k${made.length}` };
    },
    discard: (key) => discarded.push(key.kid),
  });
  return { clock, made, discarded, keys };
}

describe('expiring keys (the response-key lifecycle, any format)', () => {
  it('makes a key on first use, told the lifetime it will have (5 minutes unless set)', async () => {
    const { keys, made } = counterKeys();
    expect(keys.kids).to.deep.equal([]);
    expect((await keys.current()).kid).to.equal('k1');
    expect(made).to.deep.equal([5 * 60_000]);
  });

  it('hands out the newest key while more than half its life is left, then makes another', async () => {
    const { keys, clock } = counterKeys({ ttlMs: 60_000 });
    const first = await keys.current();
    clock.t += 29_999;
    expect(await keys.current()).to.equal(first);
    clock.t += 1;
    expect((await keys.current()).kid).to.equal('k2');
  });

  it('keeps an older key live beside the newer one until it expires', async () => {
    const { keys, clock } = counterKeys({ ttlMs: 60_000 });
    await keys.current();
    clock.t += 31_000;
    await keys.current();
    expect(keys.kids).to.deep.equal(['k1', 'k2']);
    expect(keys.live.map((key) => key.kid)).to.deep.equal(['k1', 'k2']);
    clock.t += 29_000;
    expect(keys.kids).to.deep.equal(['k2']);
  });

  it('forgets a key at the instant it expires, discarding it once, before any lookup sees it', async () => {
    const { keys, clock, discarded } = counterKeys({ ttlMs: 60_000 });
    await keys.current();
    clock.t += 59_999;
    expect(keys.kids).to.deep.equal(['k1']);
    clock.t += 1;
    expect(keys.live).to.deep.equal([]);
    expect(keys.kids).to.deep.equal([]);
    expect(discarded).to.deep.equal(['k1']);
    expect((await keys.current()).kid).to.equal('k2');
  });

  it('drops every key at once, discarding each', async () => {
    const { keys, clock, discarded } = counterKeys({ ttlMs: 60_000 });
    await keys.current();
    clock.t += 31_000;
    await keys.current();
    keys.drop();
    expect(keys.kids).to.deep.equal([]);
    expect(discarded).to.deep.equal(['k1', 'k2']);
    expect((await keys.current()).kid).to.equal('k3');
  });
});
