// One contract for every ChallengeStore, run against the in-memory store and
// the Redis one alike.
import { expect } from 'chai';
import { it } from '@cardframe/test-env';
import type { ChallengeStore } from '../../../src/index.ts';

const T0 = Date.UTC(2026, 10, 30, 23, 0, 0);
let counter = 0;
const fresh = (): string => `nonce${Date.now().toString(36)}${(counter++).toString(36)}`;

export function challengeStoreContract(store: () => ChallengeStore): void {
  it('takes a challenge once: taken, then used on every later take', async () => {
    const key = fresh();
    await store().put(key, { cardId: 'card_1', purpose: 'webauthn', expiresAt: T0 + 300_000, data: { message: 'línea\nzwei' } });
    const first = await store().take(key, { cardId: 'card_1', purpose: 'webauthn' }, T0);
    expect(first).to.deep.equal({ status: 'taken', record: { cardId: 'card_1', purpose: 'webauthn', expiresAt: T0 + 300_000, data: { message: 'línea\nzwei' } } });
    expect((await store().take(key, { cardId: 'card_1', purpose: 'webauthn' }, T0 + 1)).status).to.equal('used');
    expect((await store().take(key, { cardId: 'card_1', purpose: 'webauthn' }, T0 + 400_000)).status).to.equal('used');
  });

  it('reads unknown for a key never stored, or stored for another card or purpose, and does not consume it then', async () => {
    const key = fresh();
    expect(await store().take(key, { cardId: 'card_1', purpose: 'webauthn' }, T0)).to.deep.equal({ status: 'unknown' });
    await store().put(key, { cardId: 'card_1', purpose: 'webauthn', expiresAt: T0 + 300_000 });
    expect((await store().take(key, { cardId: 'card_2', purpose: 'webauthn' }, T0)).status).to.equal('unknown');
    expect((await store().take(key, { cardId: 'card_1', purpose: 'siwe' }, T0)).status).to.equal('unknown');
    expect((await store().take(key, { cardId: 'card_1', purpose: 'webauthn' }, T0)).status).to.equal('taken');
  });

  it('reads expired past the expiry, and keeps reading expired (not unknown) for a while', async () => {
    const key = fresh();
    await store().put(key, { cardId: 'card_1', purpose: 'siwe', expiresAt: T0 + 300_000 });
    expect((await store().take(key, { cardId: 'card_1', purpose: 'siwe' }, T0 + 300_001)).status).to.equal('expired');
    expect((await store().take(key, { cardId: 'card_1', purpose: 'siwe' }, T0 + 600_000)).status).to.equal('expired');
  });

  it('gives exactly one of many concurrent takes the challenge', async () => {
    const key = fresh();
    await store().put(key, { cardId: 'card_1', purpose: 'provisioning', expiresAt: T0 + 300_000 });
    const takes = await Promise.all(Array.from({ length: 20 }, () => store().take(key, { cardId: 'card_1', purpose: 'provisioning' }, T0)));
    expect(takes.filter((t) => t.status === 'taken')).to.have.length(1);
    expect(takes.filter((t) => t.status === 'used')).to.have.length(19);
  });

  it('refuses to store a key twice', async () => {
    const key = fresh();
    await store().put(key, { cardId: 'card_1', purpose: 'webauthn', expiresAt: T0 + 300_000 });
    let refused = false;
    await store()
      .put(key, { cardId: 'card_2', purpose: 'webauthn', expiresAt: T0 + 300_000 })
      .catch(() => (refused = true));
    expect(refused).to.equal(true);
    expect((await store().take(key, { cardId: 'card_1', purpose: 'webauthn' }, T0)).status).to.equal('taken');
  });
}
