// With issuer.keyRefresh.shareAcrossFrames turned off, every frame that reveals
// with the session key fetches the issuer's key set for itself, counted at the sandbox issuer.
import { expect, test } from './fixtures.ts';
import { COUNTING_TIMEOUT_MS, requestsOfAddedCards } from './key-set-requests.ts';

test.describe.configure({ timeout: COUNTING_TIMEOUT_MS });
test.use({ demoOptions: { frameConfig: (config) => ({ ...config, issuer: { ...config.issuer, keyRefresh: { ...config.issuer.keyRefresh, shareAcrossFrames: false } } }) } });

test('with shareAcrossFrames off each frame fetches the key set for itself', async ({ host }) => {
  expect(await requestsOfAddedCards(host, 6)).toBe(6);
});
