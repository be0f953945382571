import { expect } from 'chai';
import { before, describe, it, readVector, seedOracle } from '@cardframe/test-env';
import { CardframeError } from '@cardframe/protocol';
import { KeyRing, ResponseKeys, importIssuerEncryptionKey, sealJwe, type IssuerEncryptionKey, type KeySetShare } from '../src/index.ts';

type Jwk = JsonWebKey & { kid: string };

async function ecKey(kid: string, claims: { nbf?: number; exp?: number } = {}): Promise<Jwk> {
  const pair = (await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits'])) as CryptoKeyPair;
  const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', pair.publicKey);
  return { kty, crv, x, y, kid, use: 'enc', ...claims } as Jwk;
}

/** A JWKS endpoint in memory: counts fetches, can fail, serves whatever set it holds. */
function fakeJwks(initial: { keys: unknown[] }) {
  const state = { set: initial as { keys: unknown[] } | 'fail' | 'hang', fetches: 0 };
  const fetcher = (async (_url: RequestInfo | URL, init?: RequestInit) => {
    state.fetches++;
    if (state.set === 'fail') return new Response('oops', { status: 503 });
    if (state.set === 'hang') {
      return new Promise<Response>((_, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('timed out', 'TimeoutError'))));
    }
    return new Response(JSON.stringify(state.set), { headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return { state, fetcher };
}

function clock(start = 1_700_000_000_000) {
  const c = { t: start, now: () => c.t };
  return c;
}

const importKey = (jwk: Readonly<Record<string, unknown>>) => importIssuerEncryptionKey(jwk);
const rejected = (error: unknown): boolean => error instanceof CardframeError && (error.issuerCode === 'retired_key' || error.issuerCode === 'unknown_key');

describe('issuer key ring', () => {
  let a: Jwk;
  let b: Jwk;
  before(async () => {
    a = await ecKey('key-a');
    b = await ecKey('key-b');
  });

  it('holds several keys at once and prefers the one that became valid last, naming it by kid', async () => {
    const c = clock();
    const now = c.t / 1000;
    const next = await ecKey('key-next', { nbf: now + 3600 });
    const ring = new KeyRing<IssuerEncryptionKey>({ source: { keys: [{ ...a, nbf: now - 7200 }, { ...b, nbf: now - 60 }, next] }, importKey, now: c.now });
    expect((await ring.preferred()).kid).to.equal('key-b');
    expect(ring.kids).to.deep.equal(['key-a', 'key-b', 'key-next']);
    expect((await ring.find('key-a'))?.kid).to.equal('key-a');
    c.t += 2 * 3600_000;
    expect((await ring.preferred()).kid).to.equal('key-next');
  });

  it('skips expired, malformed, invalid-curve, weak and duplicate-kid keys with reasons, keeping the rest', async () => {
    const c = clock();
    const file = await readVector<{ testGroups: { tests: { public: JsonWebKey; result: string; flags: string[] }[] }[] }>('wycheproof/ecdh_secp256r1_webcrypto_test.json');
    const invalidCurve = file.testGroups[0]!.tests.find((t) => t.result === 'invalid' && t.flags.includes('InvalidCurveAttack'))!.public;
    const dup = await ecKey('dup');
    const keys = [
      { ...a, exp: c.t / 1000 - 1 },
      { ...invalidCurve, kid: 'bad-curve', use: 'enc' },
      { kty: 'EC', crv: 'P-256', kid: 'garbled', x: 'AAAA', y: 'AAAA' },
      'not a key',
      { ...(await seedOracle.pinKeys()).rsa, kid: 'sig-key', use: 'sig' },
      dup,
      { ...(await ecKey('x')), kid: 'dup' },
      b,
    ];
    const ring = new KeyRing<IssuerEncryptionKey>({ source: { keys }, importKey, now: c.now });
    expect((await ring.preferred()).kid).to.equal('key-b');
    const reasons = Object.fromEntries(ring.skipped.map((s) => [s.kid ?? '?', s.reason]));
    expect(reasons['bad-curve']).to.match(/P-256/);
    expect(reasons['garbled']).to.be.a('string');
    expect(reasons['sig-key']).to.match(/use/);
    expect(reasons['dup']).to.equal('duplicate kid');
    expect(reasons['?']).to.equal('not a JWK object');
    // The expired key is held (the issuer may still answer with it) but never preferred.
    expect(ring.kids).to.include('key-a');
  });

  it('refuses the Wycheproof key set with a duplicate kid', async () => {
    const file = await readVector<{ testGroups: { public?: { keys?: unknown[] }; private?: { keys?: unknown[] }; tests: { comment: string }[] }[] }>('wycheproof/json_web_key_test.json');
    const group = file.testGroups.find((g) => g.tests.some((t) => t.comment === 'rejectsDuplicateKid'))!;
    const set = (group.public ?? group.private)!.keys!;
    const ring = new KeyRing<IssuerEncryptionKey>({ source: { keys: set }, importKey });
    try {
      await ring.preferred();
      expect.fail('a key survived');
    } catch (error) {
      expect((error as CardframeError).code).to.equal('ERR_KEY_NOT_FOUND');
    }
    expect(ring.skipped.length).to.equal(set.length);
  });

  it('caches a fetched set for its TTL and refetches after it', async () => {
    const c = clock();
    const jwks = fakeJwks({ keys: [a] });
    const ring = new KeyRing<IssuerEncryptionKey>({ source: { jwksUrl: 'https://issuer.example/jwks' }, importKey, fetch: jwks.fetcher, now: c.now, ttlMs: 600_000 });
    await ring.preferred();
    await ring.preferred();
    expect(jwks.state.fetches).to.equal(1);
    jwks.state.set = { keys: [b] };
    c.t += 600_000;
    expect((await ring.preferred()).kid).to.equal('key-b');
    expect(jwks.state.fetches).to.equal(2);
  });

  it('after the issuer rejects a retired key, refreshes once and retries once with the new key', async () => {
    const c = clock();
    const jwks = fakeJwks({ keys: [a] });
    const ring = new KeyRing<IssuerEncryptionKey>({ source: { jwksUrl: 'https://issuer.example/jwks' }, importKey, fetch: jwks.fetcher, now: c.now });
    await ring.preferred();
    jwks.state.set = { keys: [b] };
    c.t += 31_000;
    const attempts: string[] = [];
    const result = await ring.run(async (key) => {
      attempts.push(key.kid);
      if (key.kid === 'key-a') throw new CardframeError('ERR_ISSUER_REQUEST', 'HTTP 400', { status: 400, issuerCode: 'retired_key' });
      return 'sealed';
    }, rejected);
    expect(result).to.equal('sealed');
    expect(attempts).to.deep.equal(['key-a', 'key-b']);
    expect(jwks.state.fetches).to.equal(2);
  });

  it('does not retry errors that are not about the key, nor when the refreshed set prefers the same key', async () => {
    const c = clock();
    const jwks = fakeJwks({ keys: [a] });
    const ring = new KeyRing<IssuerEncryptionKey>({ source: { jwksUrl: 'https://issuer.example/jwks' }, importKey, fetch: jwks.fetcher, now: c.now });
    let calls = 0;
    const failing = async (): Promise<never> => {
      calls++;
      throw new CardframeError('ERR_ISSUER_REQUEST', 'HTTP 503', { status: 503 });
    };
    await ring.run(failing, rejected).catch(() => undefined);
    expect(calls).to.equal(1);
    c.t += 31_000;
    calls = 0;
    const stillA = async (): Promise<never> => {
      calls++;
      throw new CardframeError('ERR_ISSUER_REQUEST', 'HTTP 400', { status: 400, issuerCode: 'unknown_key' });
    };
    await ring.run(stillA, rejected).catch(() => undefined);
    expect(calls).to.equal(1);
    expect(jwks.state.fetches).to.equal(2);
  });

  it('fetches a failing JWKS at most once per cooldown, however often it is asked, and keeps serving the old keys', async () => {
    const c = clock();
    const jwks = fakeJwks({ keys: [a] });
    const ring = new KeyRing<IssuerEncryptionKey>({ source: { jwksUrl: 'https://issuer.example/jwks' }, importKey, fetch: jwks.fetcher, now: c.now, cooldownMs: 30_000 });
    await ring.preferred();
    jwks.state.set = 'fail';
    c.t += 30_000;
    for (let i = 0; i < 50; i++) {
      await ring.refresh();
      c.t += 100;
    }
    expect(jwks.state.fetches).to.equal(2);
    expect((await ring.preferred()).kid).to.equal('key-a');
    c.t += 30_000;
    await Promise.all([ring.refresh(), ring.refresh(), ring.refresh()]);
    expect(jwks.state.fetches).to.equal(3);
  });

  it('honours the cooldown from a failed first fetch too, and reports the failure', async () => {
    const c = clock();
    const jwks = fakeJwks({ keys: [] });
    jwks.state.set = 'fail';
    const ring = new KeyRing<IssuerEncryptionKey>({ source: { jwksUrl: 'https://issuer.example/jwks' }, importKey, fetch: jwks.fetcher, now: c.now });
    for (let i = 0; i < 10; i++) {
      try {
        await ring.preferred();
      } catch (error) {
        expect((error as CardframeError).code).to.equal('ERR_KEY_NOT_FOUND');
      }
    }
    expect(jwks.state.fetches).to.equal(1);
    expect(ring.skipped[0]?.reason).to.match(/HTTP 503/);
  });

  it('drops keys past the maximum age while refreshes keep failing, with a typed error, and takes a good set back', async () => {
    const c = clock();
    const jwks = fakeJwks({ keys: [a] });
    const ring = new KeyRing<IssuerEncryptionKey>({ source: { jwksUrl: 'https://issuer.example/jwks' }, importKey, fetch: jwks.fetcher, now: c.now, ttlMs: 600_000, maxAgeMs: 1_800_000 });
    await ring.preferred();
    jwks.state.set = 'fail';
    // Past the TTL the failed refreshes keep the old key, up to the maximum age...
    for (const step of [600_000, 600_000, 599_000]) {
      c.t += step;
      expect((await ring.preferred()).kid).to.equal('key-a');
    }
    // ...and not one moment past it.
    c.t += 1_000;
    try {
      await ring.preferred();
      expect.fail('served a key past the maximum age');
    } catch (error) {
      expect((error as CardframeError).code).to.equal('ERR_KEY_NOT_FOUND');
      expect((error as Error).message).to.match(/maximum age/);
    }
    expect(await ring.find('key-a')).to.equal(undefined);
    expect(ring.kids).to.deep.equal([]);
    jwks.state.set = { keys: [b] };
    c.t += 30_000;
    expect((await ring.preferred()).kid).to.equal('key-b');
  });

  it('keeps pinned keys however old they get', async () => {
    const c = clock();
    const ring = new KeyRing<IssuerEncryptionKey>({ source: { keys: [a] }, importKey, now: c.now, ttlMs: 1_000, maxAgeMs: 1_000 });
    await ring.preferred();
    c.t += 86_400_000;
    expect((await ring.preferred()).kid).to.equal('key-a');
  });

  it('stops reading a key set body that runs past 64 KiB, and refuses one whose Content-Length says so unread', async () => {
    let pulled = 0;
    const endless = (async () =>
      new Response(
        new ReadableStream<Uint8Array>({
          pull(controller) {
            pulled += 4096;
            controller.enqueue(new Uint8Array(4096).fill(0x20));
          },
        }),
      )) as typeof fetch;
    const ring = new KeyRing<IssuerEncryptionKey>({ source: { jwksUrl: 'https://issuer.example/jwks' }, importKey, fetch: endless });
    try {
      await ring.preferred();
      expect.fail('resolved');
    } catch (error) {
      expect((error as CardframeError).code).to.equal('ERR_KEY_NOT_FOUND');
    }
    expect(ring.skipped[0]?.reason).to.match(/too large/);
    expect(pulled).to.be.below(64 * 1024 + 4 * 4096);

    let read = false;
    const declared = (async () =>
      new Response(
        new ReadableStream<Uint8Array>({
          pull(controller) {
            read = true;
            controller.enqueue(new TextEncoder().encode('{"keys":[]}'));
            controller.close();
          },
        }, { highWaterMark: 0 }),
        { headers: { 'content-length': String(10 * 1024 * 1024) } },
      )) as typeof fetch;
    const declaredRing = new KeyRing<IssuerEncryptionKey>({ source: { jwksUrl: 'https://issuer.example/jwks' }, importKey, fetch: declared });
    await declaredRing.preferred().catch(() => undefined);
    expect(declaredRing.skipped[0]?.reason).to.match(/too large/);
    expect(read).to.equal(false);
  });

  it('gives up on a JWKS fetch that hangs, after the timeout', async () => {
    const jwks = fakeJwks({ keys: [] });
    jwks.state.set = 'hang';
    const ring = new KeyRing<IssuerEncryptionKey>({ source: { jwksUrl: 'https://issuer.example/jwks' }, importKey, fetch: jwks.fetcher, timeoutMs: 50 });
    const started = Date.now();
    try {
      await ring.preferred();
      expect.fail('resolved');
    } catch (error) {
      expect((error as CardframeError).code).to.equal('ERR_KEY_NOT_FOUND');
    }
    expect(Date.now() - started).to.be.below(2000);
  });

  describe('with a key set share', () => {
    /** A share in memory: what another context stored, and every request the ring made of it. */
    function memoryShare(copy?: { text: string; fetchedAt: number }) {
      const state = { copy, asked: [] as number[], stored: [] as string[] };
      const share: KeySetShare = async (_url, { notBefore, download }) => {
        state.asked.push(notBefore);
        if (state.copy && state.copy.fetchedAt >= notBefore) return state.copy;
        const text = await download();
        state.stored.push(text);
        return { text };
      };
      return { state, share };
    }

    it('takes a copy another context fetched within the TTL instead of fetching, and asks for one fetched after a rejection', async () => {
      const c = clock();
      const jwks = fakeJwks({ keys: [b] });
      const shared = memoryShare({ text: JSON.stringify({ keys: [a] }), fetchedAt: c.t - 60_000 });
      const ring = new KeyRing<IssuerEncryptionKey>({ source: { jwksUrl: 'https://issuer.example/jwks' }, importKey, fetch: jwks.fetcher, share: shared.share, now: c.now, ttlMs: 600_000, cooldownMs: 1_000 });
      expect((await ring.preferred()).kid).to.equal('key-a');
      expect(jwks.state.fetches).to.equal(0);
      expect(shared.state.asked).to.deep.equal([c.t - 600_000 + 1]);
      c.t += 2_000;
      const attempts: string[] = [];
      await ring.run(async (key) => {
        attempts.push(key.kid);
        if (key.kid === 'key-a') throw new CardframeError('ERR_ISSUER_REQUEST', 'HTTP 400', { status: 400, issuerCode: 'retired_key' });
        return 'sealed';
      }, rejected);
      // The copy predates the rejection, so the refresh fetched.
      expect(shared.state.asked[1]).to.equal(c.t);
      expect(attempts).to.deep.equal(['key-a', 'key-b']);
      expect(jwks.state.fetches).to.equal(1);
      expect(shared.state.stored).to.deep.equal([JSON.stringify({ keys: [b] })]);
    });

    it('ages a shared copy from its fetch: the TTL and the maximum age count from then', async () => {
      const c = clock();
      const jwks = fakeJwks({ keys: [b] });
      jwks.state.set = 'fail';
      const shared = memoryShare({ text: JSON.stringify({ keys: [a] }), fetchedAt: c.t - 590_000 });
      const ring = new KeyRing<IssuerEncryptionKey>({ source: { jwksUrl: 'https://issuer.example/jwks' }, importKey, fetch: jwks.fetcher, share: shared.share, now: c.now, ttlMs: 600_000, maxAgeMs: 1_200_000, cooldownMs: 1_000 });
      expect((await ring.preferred()).kid).to.equal('key-a');
      c.t += 10_000;
      // Stale already: it asks again, and the failed fetch leaves the old copy serving...
      expect((await ring.preferred()).kid).to.equal('key-a');
      expect(jwks.state.fetches).to.equal(1);
      // ...until 20 minutes after the copy was fetched, not after this ring read it.
      c.t += 600_000;
      try {
        await ring.preferred();
        expect.fail('served a copy past its maximum age');
      } catch (error) {
        expect((error as CardframeError).code).to.equal('ERR_KEY_NOT_FOUND');
      }
    });

    it('checks a shared copy as it checks a download: size cap, JSON, a keys array, the key rules', async () => {
      const c = clock();
      const big = JSON.stringify({ keys: [a], pad: 'x'.repeat(64 * 1024) });
      for (const [text, reason] of [
        [big, /too large/],
        ['{"keys": ', /not JSON/],
        ['{"keys": {}}', /no "keys" array/],
      ] as const) {
        const ring = new KeyRing<IssuerEncryptionKey>({ source: { jwksUrl: 'https://issuer.example/jwks' }, importKey, share: memoryShare({ text, fetchedAt: c.t }).share, now: c.now });
        try {
          await ring.preferred();
          expect.fail('took a bad copy');
        } catch (error) {
          expect((error as CardframeError).code).to.equal('ERR_KEY_NOT_FOUND');
        }
        expect(ring.skipped[0]?.reason).to.match(reason);
      }
      const weak = { kty: 'RSA', kid: 'weak', use: 'enc', n: 'AQAB', e: 'AQAB' };
      const ring = new KeyRing<IssuerEncryptionKey>({ source: { jwksUrl: 'https://issuer.example/jwks' }, importKey, share: memoryShare({ text: JSON.stringify({ keys: [weak, a] }), fetchedAt: c.t }).share, now: c.now });
      expect((await ring.preferred()).kid).to.equal('key-a');
      expect(ring.skipped.map((s) => s.kid)).to.deep.equal(['weak']);
    });

    it('never hands a download that fails its checks to the share to store', async () => {
      const c = clock();
      const jwks = fakeJwks({ keys: [] });
      const shared = memoryShare();
      for (const set of ['fail', { keys: 'none' }] as const) {
        jwks.state.set = set as never;
        const ring = new KeyRing<IssuerEncryptionKey>({ source: { jwksUrl: 'https://issuer.example/jwks' }, importKey, fetch: jwks.fetcher, share: shared.share, now: c.now });
        await ring.preferred().catch(() => undefined);
      }
      expect(jwks.state.fetches).to.equal(2);
      expect(shared.state.stored).to.deep.equal([]);
    });

    it('gives a download that starts after a wait for another context the whole fetch timeout', async () => {
      const c = clock();
      const jwks = fakeJwks({ keys: [a] });
      // A fetch as a browser makes it: refused once its signal has aborted.
      const fetcher: typeof fetch = async (url, init) => (init?.signal?.aborted ? Promise.reject(new DOMException('aborted', 'AbortError')) : jwks.fetcher(url, init));
      // Waits out the whole wait (a frame queued behind a fetcher that went away), then fetches for itself.
      const share: KeySetShare = async (_url, { signal, download }) => {
        await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
        return { text: await download() };
      };
      const ring = new KeyRing<IssuerEncryptionKey>({ source: { jwksUrl: 'https://issuer.example/jwks' }, importKey, fetch: fetcher, share, now: c.now, timeoutMs: 50 });
      expect((await ring.preferred()).kid).to.equal('key-a');
      expect(jwks.state.fetches).to.equal(1);
    });

    it('keeps waiting for another context through a stretch in which the event loop was starved', async () => {
      const c = clock();
      const jwks = fakeJwks({ keys: [a] });
      // Another context's copy arrives late because this loop was held for longer than the whole timeout (many frames mounting at once).
      const share: KeySetShare = async (_url, { signal, download }) => {
        await new Promise((resolve) => setTimeout(resolve, 10));
        const end = performance.now() + 250;
        while (performance.now() < end);
        await new Promise((resolve) => setTimeout(resolve, 20));
        return signal.aborted ? { text: await download() } : { text: JSON.stringify({ keys: [a] }), fetchedAt: c.t };
      };
      const ring = new KeyRing<IssuerEncryptionKey>({ source: { jwksUrl: 'https://issuer.example/jwks' }, importKey, fetch: jwks.fetcher, share, now: c.now, timeoutMs: 100 });
      expect((await ring.preferred()).kid).to.equal('key-a');
      expect(jwks.state.fetches).to.equal(0);
    });

    it('reports a share that gives up waiting (its timeout) as a key set that could not be fetched', async () => {
      const c = clock();
      const share: KeySetShare = (_url, { signal }) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
      const ring = new KeyRing<IssuerEncryptionKey>({ source: { jwksUrl: 'https://issuer.example/jwks' }, importKey, share, now: c.now, timeoutMs: 50 });
      try {
        await ring.preferred();
        expect.fail('resolved without a key set');
      } catch (error) {
        expect((error as CardframeError).code).to.equal('ERR_KEY_NOT_FOUND');
      }
      expect(ring.skipped[0]?.reason).to.equal('the issuer key set could not be fetched');
    });
  });
});

describe('frame-held response keys', () => {
  it('makes non-extractable keys whose public JWK names a kid, and opens a JWE the issuer sends to it', async () => {
    const keys = new ResponseKeys();
    const publicJwk = await keys.current();
    expect(publicJwk).to.include({ kty: 'EC', crv: 'P-256', use: 'enc', alg: 'ECDH-ES' });
    expect(publicJwk).to.not.have.property('d');
    const issuerSide = await importIssuerEncryptionKey(publicJwk);
    const jwe = await sealJwe(new TextEncoder().encode('{"pan":"4242424242424242","cvc":"123","expiry":"12/2030"}'), issuerSide);
    const opened = await keys.open(jwe);
    expect(new TextDecoder().decode(opened.plaintext)).to.contain('"cvc":"123"');
    expect(opened.kid).to.equal(publicJwk.kid);
  });

  it('keeps several keys live at once, and drops expired ones so they open nothing', async () => {
    const c = clock();
    const keys = new ResponseKeys({ ttlMs: 60_000, now: c.now });
    const first = await keys.current();
    expect((await keys.current()).kid).to.equal(first.kid);
    c.t += 31_000;
    const second = await keys.current();
    expect(second.kid).to.not.equal(first.kid);
    expect(keys.kids).to.deep.equal([first.kid, second.kid]);
    const toFirst = await sealJwe(new TextEncoder().encode('{}'), await importIssuerEncryptionKey(first));
    expect((await keys.open(toFirst)).kid).to.equal(first.kid);
    c.t += 30_000;
    expect(keys.kids).to.deep.equal([second.kid]);
    try {
      await keys.open(toFirst);
      expect.fail('opened with an expired key');
    } catch (error) {
      expect((error as CardframeError).code).to.equal('ERR_KEY_NOT_FOUND');
    }
  });

  it('refuses a JWE to an unknown kid, and one whose alg differs from the key it names', async () => {
    const keys = new ResponseKeys();
    const mine = await keys.current();
    const stranger = await ecKey('stranger');
    const toStranger = await sealJwe(new TextEncoder().encode('{}'), await importIssuerEncryptionKey(stranger));
    try {
      await keys.open(toStranger);
      expect.fail('opened');
    } catch (error) {
      expect((error as CardframeError).code).to.equal('ERR_KEY_NOT_FOUND');
    }
    const rsa = new ResponseKeys({ alg: 'RSA-OAEP-256' });
    const rsaJwk = await rsa.current();
    expect(rsaJwk).to.include({ kty: 'RSA', alg: 'RSA-OAEP-256' });
    const forged = await sealJwe(new TextEncoder().encode('{}'), await importIssuerEncryptionKey({ ...(await ecKey('x')), kid: mine.kid }));
    const b64 = forged.split('.')[0]!;
    const header = JSON.parse(atob(b64.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
    const sentToRsaKid = [btoa(JSON.stringify({ ...header, kid: rsaJwk.kid })).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''), ...forged.split('.').slice(1)].join('.');
    try {
      await rsa.open(sentToRsaKid);
      expect.fail('opened');
    } catch (error) {
      expect((error as CardframeError).code).to.equal('ERR_ALG_NOT_ALLOWED');
    }
    keys.drop();
    expect(keys.kids).to.deep.equal([]);
  });
});
