import { expect, test } from './fixtures.ts';
import { PINS, loopWhileRotating, ready, revealOnce, rotationFrameConfig, setPinOnce } from './rotation-support.ts';

// A 1 s refresh cooldown and raised per-session limits: see rotationFrameConfig.
test.use({ demoOptions: { frameConfig: rotationFrameConfig } });

test('reveals and PIN changes keep working while the issuer rotates its keys twice, and the frame ends on the new keys', async ({ host, demo }) => {
  const issuer = demo.issuer!;
  await ready(host, '#card');
  const errors = [...(await Promise.all([host.recordEvents('#card', ['cardframe-error']), host.recordEvents('#pin', ['cardframe-error'])]))];
  const firstPinKid = issuer.pinKey.kid;

  const operations = await loopWhileRotating(host, '#card', () => issuer.rotate(), () => issuer.pinOf('card_default'), 20_000);

  for (const read of errors) expect(await read()).toEqual([]);
  expect(operations).toBe(12);
  // The frame picked up the new keys without a reload: its last PIN went to the key now active,
  // and each ring hit the retired key once before refreshing.
  const [lastKid] = await setPinOnce(host, '2468');
  expect(lastKid).toBe(issuer.pinKey.kid);
  expect(lastKid).not.toBe(firstPinKid);
  expect(issuer.stats.retiredKeyRejections).toBe(2);
  await revealOnce(host, '#card');
  await host.expectNothingLeaked(['4242424242424242', ...PINS]);
});

test('a frame holding only a retired key gets the error once, refreshes, and succeeds on the retry', async ({ host, demo }) => {
  const issuer = demo.issuer!;
  await ready(host, '#card');
  const errors = await host.recordEvents('#card', ['cardframe-error']);
  await issuer.rotate();
  await issuer.rotate();
  await host.page.waitForTimeout(1100);
  const before = { ...issuer.stats };

  await revealOnce(host, '#card');
  expect(issuer.stats.retiredKeyRejections - before.retiredKeyRejections).toBe(1);
  expect(issuer.stats.jwksRequests - before.jwksRequests).toBe(1);
  expect(issuer.stats.cardRequests - before.cardRequests).toBe(2);

  const kids = await setPinOnce(host, '3958');
  // One submission to the retired key, refused; one to the active key, accepted.
  expect(kids).toHaveLength(2);
  expect(kids[1]).toBe(issuer.pinKey.kid);
  expect(issuer.stats.retiredKeyRejections - before.retiredKeyRejections).toBe(2);
  expect(await errors()).toEqual([]);
});
