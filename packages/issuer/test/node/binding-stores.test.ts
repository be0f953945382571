import { expect } from 'chai';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'redis';
import { after, before, describe, it } from '@cardframe/test-env';
import { JsonFileBindingStore, MemoryBindingStore, MemoryChallengeStore, RedisChallengeStore, type BindingStore, type ChallengeStore } from '../../src/index.ts';
import { challengeStoreContract } from './support/challenge-store-contract.ts';
import { findRedisServer, startRedis, type RunningRedis } from './support/redis-server.ts';

const T0 = Date.UTC(2026, 10, 30, 23, 0, 0);

describe('MemoryChallengeStore', () => {
  const store = new MemoryChallengeStore({ now: () => T0 });
  challengeStoreContract(() => store);

  it('forgets challenges long past their expiry', async () => {
    let now = T0;
    const pruning = new MemoryChallengeStore({ now: () => now, graceMs: 1000 });
    await pruning.put('old', { cardId: 'c', purpose: 'webauthn', expiresAt: T0 });
    now = T0 + 5000;
    await pruning.put('new', { cardId: 'c', purpose: 'webauthn', expiresAt: now + 1000 });
    expect((await pruning.take('old', { cardId: 'c', purpose: 'webauthn' }, now)).status).to.equal('unknown');
  });
});

const redisServer = findRedisServer();
const missing = redisServer ? false : 'redis-server is not installed (Debian package `redis-server`)';
if (missing && process.env['CI']) throw new Error(`${missing}: CI needs it for the Redis challenge store tests`);

describe('RedisChallengeStore against a real redis-server', { skip: missing }, () => {
  let server: RunningRedis;
  let client: ReturnType<typeof createClient>;
  let store: ChallengeStore;

  before(async () => {
    server = await startRedis(redisServer!);
    client = createClient({ url: server.url });
    await client.connect();
    store = new RedisChallengeStore(client, { prefix: 'test:challenge:', now: () => T0 });
  });
  after(async () => {
    await client?.quit();
    await server?.stop();
  });

  challengeStoreContract(() => store);

  it('keeps keys under its prefix, in one hash slot per challenge, with a TTL of expiry plus grace that the used mark shares to the millisecond', async () => {
    await store.put('n1', { cardId: 'card_1', purpose: 'webauthn', expiresAt: T0 + 300_000 });
    await store.take('n1', { cardId: 'card_1', purpose: 'webauthn' }, T0);
    expect((await client.keys('test:challenge:{n1}*')).sort()).to.deep.equal(['test:challenge:{n1}', 'test:challenge:{n1}:used']);
    const ttl = await client.pTTL('test:challenge:{n1}');
    expect(ttl).to.be.within(300_000 + 14 * 60_000, 300_000 + 15 * 60_000);
    const expireAt = (key: string) => client.sendCommand(['PEXPIRETIME', key]);
    expect(await expireAt('test:challenge:{n1}:used')).to.equal(await expireAt('test:challenge:{n1}'));
  });

  it('shares challenges between two issuer instances on one Redis', async () => {
    const other = createClient({ url: server.url });
    await other.connect();
    try {
      const second = new RedisChallengeStore(other, { prefix: 'test:challenge:', now: () => T0 });
      await store.put('shared', { cardId: 'card_1', purpose: 'siwe', expiresAt: T0 + 300_000 });
      expect((await second.take('shared', { cardId: 'card_1', purpose: 'siwe' }, T0)).status).to.equal('taken');
      expect((await store.take('shared', { cardId: 'card_1', purpose: 'siwe' }, T0)).status).to.equal('used');
    } finally {
      await other.quit();
    }
  });
});

function bindingStoreContract(make: () => Promise<BindingStore>): void {
  it('keeps passkeys per card, finds them by credential id, refuses a credential twice or a second "first" passkey, and updates counters', async () => {
    const store = await make();
    const passkey = { credentialId: 'cred1', cardId: 'card_1', publicKey: 'pQECAyYgASFYIA', counter: 0, transports: ['internal'], createdAt: new Date(T0).toISOString() };
    await store.addPasskey(passkey);
    expect(await store.passkeys('card_1')).to.deep.equal([passkey]);
    expect(await store.passkeys('card_2')).to.deep.equal([]);
    expect(await store.passkey('cred1')).to.deep.equal(passkey);
    let refused = false;
    await store.addPasskey({ ...passkey, cardId: 'card_2' }).catch(() => (refused = true));
    expect(refused).to.equal(true);
    refused = false;
    await store.addPasskey({ ...passkey, credentialId: 'cred2' }, { first: true }).catch(() => (refused = true));
    expect(refused).to.equal(true);
    await store.addPasskey({ ...passkey, credentialId: 'cred3', cardId: 'card_3' }, { first: true });
    await store.updateCounter('cred1', 7);
    expect((await store.passkey('cred1'))?.counter).to.equal(7);
  });

  it('keeps one user handle and one wallet per card', async () => {
    const store = await make();
    const handle = await store.userHandle('card_1');
    expect(await store.userHandle('card_1')).to.equal(handle);
    expect(await store.userHandle('card_2')).not.to.equal(handle);
    expect(await store.walletAddress('card_1')).to.equal(undefined);
    await store.setWalletAddress('card_1', '0x000000000000000000000000000000000000dEaD');
    expect(await store.walletAddress('card_1')).to.equal('0x000000000000000000000000000000000000dEaD');
  });
}

describe('MemoryBindingStore', () => {
  bindingStoreContract(async () => new MemoryBindingStore());
});

describe('JsonFileBindingStore', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cardframe-bindings-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  let n = 0;
  bindingStoreContract(() => JsonFileBindingStore.open(join(dir, `contract-${n++}`, 'bindings.json')));

  it('persists every change to a private file that a new instance reads back', async () => {
    const path = join(dir, 'data', 'bindings.json');
    const store = await JsonFileBindingStore.open(path);
    await store.addPasskey({ credentialId: 'cred9', cardId: 'card_9', publicKey: 'pQ', counter: 0, createdAt: new Date(T0).toISOString() });
    await store.updateCounter('cred9', 3);
    const handle = await store.userHandle('card_9');
    await store.setWalletAddress('card_9', '0x000000000000000000000000000000000000dEaD');
    expect((await stat(path)).mode & 0o777).to.equal(0o600);
    expect(JSON.parse(await readFile(path, 'utf8')).passkeys[0].counter).to.equal(3);
    const reopened = await JsonFileBindingStore.open(path);
    expect((await reopened.passkey('cred9'))?.counter).to.equal(3);
    expect(await reopened.userHandle('card_9')).to.equal(handle);
    expect(await reopened.walletAddress('card_9')).to.equal('0x000000000000000000000000000000000000dEaD');
  });
});
