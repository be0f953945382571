// Where the frame config asks, the frames of one origin on a page share one
// fetch of the issuer's key set (over a BroadcastChannel of the frame
// origin), counted at the sandbox issuer. Chromium as launched here refuses the cross-site frames all
// storage and Web Locks (as it does with third-party cookies blocked), and
// the sharing works all the same; where an engine has no BroadcastChannel,
// each frame fetches for itself and everything still works.
import { expect, test } from './fixtures.ts';
import { addCards, requestsOfAddedCards, revealAdded, sessionSetRequests } from './key-set-requests.ts';

// Sharing is a deployment's choice (issuer.keyRefresh.shareAcrossFrames, off by default).
test.use({ demoOptions: { frameConfig: (config) => ({ ...config, issuer: { ...config.issuer, keyRefresh: { ...config.issuer.keyRefresh, shareAcrossFrames: true } } }) } });

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
  expect(await requestsOfAddedCards(host)).toBe(6);
  expect(host.pageErrors).toEqual([]);
});

