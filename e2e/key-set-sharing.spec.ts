// By default the frames of one origin on a page share one fetch of the
// issuer's key set through a SharedWorker of the frame origin, counted at the
// sandbox issuer. Where the engine has no SharedWorker (Chrome on Android),
// refuses it to cross-site frames (third-party storage blocked, as in
// Playwright's own contexts), or its script fails to load, the frames share
// over their BroadcastChannel instead; without that too, each frame fetches
// for itself, and everything still works.
import { expect, test as base } from './fixtures.ts';
import { addCards, COUNTING_TIMEOUT_MS, requestsOfAddedCards, requestsOfWholePage, revealAdded, sessionSetRequests } from './key-set-requests.ts';
import { contextWithThirdPartyStorage } from './third-party-storage.ts';

base.describe.configure({ timeout: COUNTING_TIMEOUT_MS });

const test = base.extend({
  context: async ({}, use) => {
    const context = await contextWithThirdPartyStorage();
    await use(context);
    await context.dispose();
  },
});

test('the frames of one origin on a page fetch the issuer session key set once between them (the default)', async ({ host }) => {
  const before = sessionSetRequests(host);
  await host.open();
  await host.waitForReady();
  const frames = await addCards(host, 6);
  expect(frames).toBeGreaterThanOrEqual(9);
  await revealAdded(host);
  expect(sessionSetRequests(host) - before).toBe(1);
  expect(host.consoleErrors).toEqual([]);
});

test('without SharedWorker the frames share one fetch over their BroadcastChannel, and reveals still work', async ({ host }) => {
  await host.page.context().addInitScript(() => {
    if (location.hostname.endsWith('frame.localhost')) delete (globalThis as { SharedWorker?: unknown }).SharedWorker;
  });
  expect(await requestsOfWholePage(host)).toBe(1);
  expect(host.pageErrors).toEqual([]);
});

test('without SharedWorker or BroadcastChannel each frame fetches the key set for itself, and reveals still work', async ({ host }) => {
  await host.page.context().addInitScript(() => {
    if (!location.hostname.endsWith('frame.localhost')) return;
    delete (globalThis as { SharedWorker?: unknown }).SharedWorker;
    delete (globalThis as { BroadcastChannel?: unknown }).BroadcastChannel;
  });
  expect(await requestsOfAddedCards(host, 6)).toBe(6);
  expect(host.pageErrors).toEqual([]);
});

test('when the coordinator script cannot load the frames share one fetch over their BroadcastChannel, and reveals still work', async ({ host }) => {
  const refused: string[] = [];
  await host.page.context().route(/\/assets\/share-worker-[\w-]+\.js$/, (route) => (refused.push(route.request().url()), route.fulfill({ status: 404, body: '' })));
  expect(await requestsOfWholePage(host)).toBe(1);
  expect(refused.length).toBeGreaterThan(0);
  expect(host.pageErrors).toEqual([]);
});

base('where cross-site frames may not use storage (no SharedWorker for them) the frames share one fetch over their BroadcastChannel, and reveals still work', async ({ host }) => {
  expect(await requestsOfWholePage(host)).toBe(1);
  expect(host.pageErrors).toEqual([]);
});
