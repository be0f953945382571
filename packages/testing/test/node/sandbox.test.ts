import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SANDBOX_CARDS, startSandbox } from '../../src/sandbox.ts';
import { chromiumLaunchOptions, chromiumPath } from '../../src/chromium.ts';

const CARD = { id: 'card_visa', pan: '4000056655665556', cvc: '739', expiry: '08/31', pin: '8264', name: 'Alex Doe' };

describe('startSandbox', () => {
  it('serves the chosen cards on free loopback ports and a test-mode frame for the allowed host', async (t) => {
    const sandbox = await startSandbox({ cards: [CARD], hostOrigins: ['http://localhost:1234/some/page'], oaepHash: 'SHA-256', pinKeyType: 'EC' });
    t.after(() => sandbox.close());
    assert.match(sandbox.issuerUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.match(sandbox.frameUrl, /^http:\/\/127\.0\.0\.1:\d+\/$/);

    const profile = (await (await fetch(`${sandbox.issuerUrl}/card`)).json()) as Record<string, unknown>;
    assert.deepEqual(profile, { id: 'card_visa', name: 'Alex Doe', expirationMonth: '08', expirationYear: '2031', last4: '5556', status: 'ACTIVE' });
    assert.equal((await fetch(`${sandbox.issuerUrl}/cards/card_default`)).status, 404);
    assert.equal(sandbox.pinOf('card_visa'), '8264');
    assert.deepEqual(sandbox.card(), CARD);

    const config = (await (await fetch(new URL('/cardframe.config.json', sandbox.frameUrl))).json()) as Record<string, unknown>;
    assert.deepEqual(config['allowedHostOrigins'], ['http://localhost:1234']);
    assert.equal(config['testMode'], true);
    assert.equal((config['issuer'] as Record<string, unknown>)['oaepHash'], 'SHA-256');
    const pinKeys = (await (await fetch(`${sandbox.issuerUrl}/v1/cards/pin_keys`)).json()) as { keys: { kty: string }[] };
    assert.equal(pinKeys.keys[0]!.kty, 'EC');
  });

  it('keeps the frame unavailable until a host origin is allowed, then frames only for it', async (t) => {
    const sandbox = await startSandbox();
    t.after(() => sandbox.close());
    assert.equal((await fetch(sandbox.frameUrl)).status, 503);
    sandbox.allowHostOrigin('http://localhost:4321');
    const page = await fetch(sandbox.frameUrl);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-security-policy') ?? '', /frame-ancestors http:\/\/localhost:4321(;|$)/);
    assert.deepEqual(sandbox.cards, DEFAULT_SANDBOX_CARDS);
    assert.throws(() => sandbox.allowHostOrigin('not a url'), /not a URL/);
  });

  it('can leave test mode off and narrow the frame config', async (t) => {
    const sandbox = await startSandbox({ testMode: false, hostOrigins: ['http://localhost:1'], frameConfig: (c) => ({ ...c, flows: { reveal: { ...c.flows.reveal!, fields: ['pan'] } } }) });
    t.after(() => sandbox.close());
    assert.equal(sandbox.frameConfig?.testMode, false);
    assert.deepEqual(sandbox.frameConfig?.flows.reveal?.fields, ['pan']);
    assert.equal(sandbox.frameConfig?.flows.pin, undefined);
  });

  it('refuses malformed cards before starting anything', async () => {
    await assert.rejects(startSandbox({ cards: [{ ...CARD, pan: '4242 4242' }] }), /pan must be 12–19 digits/);
    await assert.rejects(startSandbox({ cards: [{ ...CARD, expiry: '13/30' }] }), /expiry must be MM\/YYYY or MM\/YY/);
    await assert.rejects(startSandbox({ cards: [CARD, CARD] }), /ids must differ/);
    await assert.rejects(startSandbox({ cards: [] }), /at least one card/);
  });
});

describe('chromiumLaunchOptions', () => {
  it('prefers CARDFRAME_CHROMIUM, then CHROMIUM_PATH, and refuses a path that does not exist', () => {
    assert.equal(chromiumPath({ CARDFRAME_CHROMIUM: process.execPath, CHROMIUM_PATH: '/nope' }), process.execPath);
    assert.equal(chromiumLaunchOptions({ CHROMIUM_PATH: process.execPath }).executablePath, process.execPath);
    assert.throws(() => chromiumPath({ CARDFRAME_CHROMIUM: '/no/such/chromium' }), /no such file/);
    assert.ok(chromiumLaunchOptions({}).args?.includes('--no-sandbox'));
  });
});
