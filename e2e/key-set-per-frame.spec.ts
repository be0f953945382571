// The default (issuer.keyRefresh.shareAcrossFrames off): every frame that reveals with
// the session key fetches the issuer's key set for itself, counted at the sandbox issuer.
import { expect, test } from './fixtures.ts';
import { requestsOfAddedCards } from './key-set-requests.ts';

test('without shareAcrossFrames (the default) each frame fetches the key set for itself', async ({ host }) => {
  expect(await requestsOfAddedCards(host)).toBe(6);
});
