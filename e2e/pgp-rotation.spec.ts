import { expect, test } from './fixtures.ts';
import { PINS, loopWhileRotating, ready, revealOnce, rotationFrameConfig, setPinOnce } from './rotation-support.ts';

// As rotation.spec.ts, for an OpenPGP issuer: PINs are sealed to the
// issuer's OpenPGP keys (several trusted at once), and card details come back
// as OpenPGP messages to a key the frame holds. Refresh cooldown 1 s and
// raised per-session limits, for the same reasons.
test.use({ demoOptions: { messageFormat: 'pgp', frameConfig: rotationFrameConfig } });

test('OpenPGP PIN changes and reveals keep working while the issuer rotates its OpenPGP keys twice, with no failed operation', async ({ host, demo }) => {
  // Twelve reveal-and-PIN rounds, each making a fresh frame OpenPGP key: more than the default 30 s on a busy machine.
  test.setTimeout(120_000);
  const issuer = demo.issuer!;
  await ready(host, '#card-keypair');
  const errors = await Promise.all([host.recordEvents('#card-keypair', ['cardframe-error']), host.recordEvents('#pin', ['cardframe-error'])]);
  const firstKid = issuer.pgpPinKey.kid;
  // Two OpenPGP keys are trusted from the start: the active one and the next, published ahead.
  expect(Object.values(issuer.keyStages().pgp).sort()).toEqual(['active', 'next']);

  const operations = await loopWhileRotating(host, '#card-keypair', () => issuer.rotate(), () => issuer.pinOf('card_default'), 30_000);

  for (const read of errors) expect(await read()).toEqual([]);
  expect(operations).toBe(12);
  expect(issuer.keyStages().pgp[firstKid]).toBe('retired');
  const [lastKid] = await setPinOnce(host, '2468');
  expect(lastKid).toBe(issuer.pgpPinKey.kid);
  expect(lastKid).not.toBe(firstKid);
  // The frame met the retired key once, refreshed its set, and retried.
  expect(issuer.stats.retiredKeyRejections).toBe(1);
  await host.expectNothingLeaked(['4242424242424242', ...PINS]);
});

test('a frame holding only a retired OpenPGP key gets retired_key once, refreshes, and the retry succeeds', async ({ host, demo }) => {
  const issuer = demo.issuer!;
  await ready(host, '#card-keypair');
  const errors = await host.recordEvents('#pin', ['cardframe-error']);
  await issuer.rotate();
  await issuer.rotate();
  await host.page.waitForTimeout(1100);
  const before = { ...issuer.stats };

  const kids = await setPinOnce(host, '3958');
  expect(kids).toHaveLength(2);
  expect(kids[1]).toBe(issuer.pgpPinKey.kid);
  expect(issuer.pinOf('card_default')).toBe('3958');
  expect(issuer.stats.retiredKeyRejections - before.retiredKeyRejections).toBe(1);
  expect(issuer.stats.jwksRequests - before.jwksRequests).toBe(1);
  expect(await errors()).toEqual([]);
});
