// Where the frame config asks, the frames of one origin on a page share one
// fetch of the issuer's key set (over a BroadcastChannel of the frame
// origin), counted at the sandbox issuer. Chromium as launched here refuses the cross-site frames all
// storage and Web Locks (as it does with third-party cookies blocked), and
// the sharing works all the same; where an engine has no BroadcastChannel,
// each frame fetches for itself and everything still works.
import { expect, test, type HostPage } from './fixtures.ts';

// Sharing is a deployment's choice (issuer.keyRefresh.shareAcrossFrames, off by default).
test.use({ demoOptions: { frameConfig: (config) => ({ ...config, issuer: { ...config.issuer, keyRefresh: { ...config.issuer.keyRefresh, shareAcrossFrames: true } } }) } });

const SESSION_SET = '/keys/session/jwks.json';

/** Session key-set requests the sandbox issuer has had from the demo's frame origin. */
function sessionSetRequests(host: HostPage): number {
  return host.demo.issuer!.stats.keySetRequests[new URL(host.demo.frameUrl).origin]?.[SESSION_SET] ?? 0;
}

/** Appends `count` more `<cardframe-card>`s for the sandbox card and waits until each is ready; resolves with how many frames of the demo's frame origin the page then has. */
async function addCards(host: HostPage, count: number): Promise<number> {
  return host.page.evaluate(
    async ([frameUrl, n]) => {
      type Card = HTMLElement & { frameUrl: string; fields: string[]; fetchCardData: (sessionId: string) => Promise<string>; whenReady(): Promise<unknown> };
      const cards: Card[] = [];
      for (let i = 0; i < n; i++) {
        const card = document.createElement('cardframe-card') as unknown as Card;
        card.id = `shared-${i}`;
        card.fields = ['pan', 'expiry', 'cvc'];
        card.frameUrl = frameUrl;
        card.fetchCardData = async (sessionId) => (await fetch('/api/card', { headers: { sessionid: sessionId } })).text();
        cards.push(card);
      }
      document.body.append(...cards);
      await Promise.all(cards.map((card) => card.whenReady()));
      return [...document.querySelectorAll('*')].filter((el) => el.shadowRoot?.querySelector(`iframe[src^="${frameUrl}"]`)).length;
    },
    [host.demo.frameUrl, count] as const,
  );
}

/** The session key-set requests once none has come for 750 ms: the frames fetch while idle after ready. */
async function settledRequests(host: HostPage): Promise<number> {
  for (let last = -1; ; ) {
    const now = sessionSetRequests(host);
    if (now === last) return now;
    last = now;
    await host.page.waitForTimeout(750);
  }
}

async function revealAdded(host: HostPage): Promise<void> {
  const frame = host.frameIn('#shared-3');
  await frame.getByRole('button', { name: /Reveal/ }).click();
  await expect(frame.locator('[data-field=pan]')).toHaveText('4242 4242 4242 4242');
}

test('the frames of one origin on a page fetch the issuer session key set once between them', async ({ host }) => {
  const before = sessionSetRequests(host);
  await host.open();
  await host.waitForReady();
  const frames = await addCards(host, 6);
  expect(frames).toBeGreaterThanOrEqual(9);
  await revealAdded(host);
  expect(sessionSetRequests(host) - before).toBe(1);
  expect(host.consoleErrors).toEqual([]);
});

test('without BroadcastChannel each frame fetches the key set for itself, and reveals still work', async ({ host }) => {
  await host.page.context().addInitScript(() => {
    if (location.hostname.endsWith('frame.localhost')) delete (globalThis as { BroadcastChannel?: unknown }).BroadcastChannel;
  });
  await host.open();
  await host.waitForReady();
  // The demo page's own frames first (only those revealing with the session key fetch it); then each added card's frame.
  const before = await settledRequests(host);
  await addCards(host, 6);
  await revealAdded(host);
  expect((await settledRequests(host)) - before).toBe(6);
  expect(host.pageErrors).toEqual([]);
});

test.describe('without shareAcrossFrames (the default)', () => {
  test.use({ demoOptions: {} });
  test('each frame fetches the key set for itself', async ({ host }) => {
    await host.open();
    await host.waitForReady();
    const before = await settledRequests(host);
    await addCards(host, 6);
    await revealAdded(host);
    expect((await settledRequests(host)) - before).toBe(6);
  });
});
