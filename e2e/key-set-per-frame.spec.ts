// The default (issuer.keyRefresh.shareAcrossFrames off): every frame that reveals with
// the session key fetches the issuer's key set for itself, counted at the sandbox issuer.
import { expect, test } from './fixtures.ts';
import { addCards, revealAdded, settledRequests } from './key-set-requests.ts';

test('without shareAcrossFrames (the default) each frame fetches the key set for itself', async ({ host }) => {
  await host.open();
  await host.waitForReady();
  const before = await settledRequests(host);
  await addCards(host, 6);
  await revealAdded(host);
  expect((await settledRequests(host)) - before).toBe(6);
});
