// No browser here: the sandbox's own behaviour. A spec rather than a unit
// test because the frame origin serves the built frame app.
import { expect, test } from '@playwright/test';
import { DEFAULT_SANDBOX_CARDS, chromiumLaunchOptions, chromiumPath, startSandbox, type Sandbox } from '../src/index.ts';

const CARD = { id: 'card_visa', pan: '4000056655665556', cvc: '739', expiry: '08/31', pin: '8264', name: 'Alex Doe' };

async function using(sandbox: Sandbox, body: (sandbox: Sandbox) => Promise<void>): Promise<void> {
  try {
    await body(sandbox);
  } finally {
    await sandbox.close();
  }
}

const json = async (url: string | URL): Promise<Record<string, unknown>> => (await (await fetch(url)).json()) as Record<string, unknown>;

test.describe('startSandbox', () => {
  test('serves the chosen cards and key types on free loopback ports, and a test-mode frame for the allowed host', async () => {
    await using(await startSandbox({ cards: [CARD], hostOrigins: ['http://localhost:1234/some/page'], oaepHash: 'SHA-256', pinKeyType: 'EC' }), async (sandbox) => {
      expect(sandbox.issuerUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(sandbox.frameUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      expect(await json(`${sandbox.issuerUrl}/card`)).toEqual({ id: 'card_visa', name: 'Alex Doe', expirationMonth: '08', expirationYear: '2031', last4: '5556', status: 'ACTIVE' });
      expect((await fetch(`${sandbox.issuerUrl}/cards/card_default`)).status).toBe(404);
      expect(sandbox.pinOf('card_visa')).toBe('8264');
      expect(sandbox.card()).toEqual(CARD);

      const config = await json(new URL('/cardframe.config.json', sandbox.frameUrl));
      expect(config['allowedHostOrigins']).toEqual(['http://localhost:1234']);
      expect(config['testMode']).toBe(true);
      expect((config['issuer'] as Record<string, unknown>)['oaepHash']).toBe('SHA-256');
      const pinKeys = (await json(`${sandbox.issuerUrl}/v1/cards/pin_keys`)) as { keys?: { kty: string }[] };
      expect(pinKeys.keys?.[0]?.kty).toBe('EC');
    });
  });

  test('keeps the frame unavailable until a host origin is allowed, then lets only that host frame it', async () => {
    await using(await startSandbox(), async (sandbox) => {
      expect((await fetch(sandbox.frameUrl)).status).toBe(503);
      sandbox.allowHostOrigin('http://localhost:4321');
      const page = await fetch(sandbox.frameUrl);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toMatch(/frame-ancestors http:\/\/localhost:4321(;|$)/);
      expect(sandbox.cards).toEqual(DEFAULT_SANDBOX_CARDS);
      expect(() => sandbox.allowHostOrigin('not a url')).toThrow('not a URL');
    });
  });

  test('can leave test mode off and narrow the frame config', async () => {
    const narrow = { testMode: false, hostOrigins: ['http://localhost:1'], frameConfig: (c: NonNullable<Sandbox['frameConfig']>) => ({ ...c, flows: { reveal: { ...c.flows.reveal!, fields: ['pan' as const] } } }) };
    await using(await startSandbox(narrow), async (sandbox) => {
      expect(sandbox.frameConfig?.testMode).toBe(false);
      expect(sandbox.frameConfig?.flows.reveal?.fields).toEqual(['pan']);
      expect(sandbox.frameConfig?.flows.pin).toBeUndefined();
    });
  });

  test('refuses malformed cards before starting anything', async () => {
    await expect(startSandbox({ cards: [{ ...CARD, pan: '4242 4242' }] })).rejects.toThrow('pan must be 12–19 digits');
    await expect(startSandbox({ cards: [{ ...CARD, expiry: '13/30' }] })).rejects.toThrow('expiry must be MM/YYYY or MM/YY');
    await expect(startSandbox({ cards: [CARD, CARD] })).rejects.toThrow('ids must differ');
    await expect(startSandbox({ cards: [] })).rejects.toThrow('at least one card');
  });
});

test.describe('chromiumLaunchOptions', () => {
  test('prefers CARDFRAME_CHROMIUM, then CHROMIUM_PATH, and refuses a path that does not exist', () => {
    expect(chromiumPath({ CARDFRAME_CHROMIUM: process.execPath, CHROMIUM_PATH: '/nope' })).toBe(process.execPath);
    expect(chromiumLaunchOptions({ CHROMIUM_PATH: process.execPath }).executablePath).toBe(process.execPath);
    expect(() => chromiumPath({ CARDFRAME_CHROMIUM: '/no/such/chromium' })).toThrow('no such file');
    expect(chromiumLaunchOptions({}).args).toContain('--no-sandbox');
  });
});
