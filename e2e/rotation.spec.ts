import { expect, expectNothingLeaked, test, type HostPage } from './fixtures.ts';

// Key sets cached for the default 10 minutes, but a 1 s refresh cooldown: a
// real rotation comes hours after page load, this one seconds after it. The
// loop also runs more reveals and PIN changes than a cardholder would, so
// the per-session limits are raised.
test.use({
  demoOptions: {
    frameConfig: (config) => ({
      ...config,
      issuer: { ...config.issuer, keyRefresh: { ...config.issuer.keyRefresh, cooldownSeconds: 1 } },
      flows: { ...config.flows, reveal: { ...config.flows.reveal!, maxPerMinute: 100 }, pin: { ...config.flows.pin!, maxAttempts: 100 } },
    }),
  },
});

const PINS = ['4821', '5937', '6048', '7159', '8260', '9371'];

async function ready(host: HostPage): Promise<void> {
  await host.open();
  await expect(host.frame.getByRole('button', { name: /Reveal/ })).toBeEnabled();
  await expect(host.pinFrame.getByRole('button', { name: 'Set PIN' })).toBeEnabled();
}

async function revealOnce(host: HostPage): Promise<void> {
  await host.frame.getByRole('button', { name: /Reveal/ }).click();
  await expect(host.frame.locator('[data-field=pan]')).toHaveText('4242 4242 4242 4242');
  await host.frame.getByRole('button', { name: /Hide/ }).click();
  await expect(host.frame.locator('[data-field=pan]')).toHaveText('•••• •••• •••• 4242');
}

/** Sets a PIN; resolves with the key ids of every submission the host forwarded (a retry adds one). */
async function setPinOnce(host: HostPage, pin: string): Promise<string[]> {
  const kids: string[] = [];
  const record = (request: import('@playwright/test').Request): void => {
    if (request.url().endsWith('/api/pin')) kids.push((request.postDataJSON() as { key_id: string }).key_id);
  };
  host.page.on('request', record);
  const done = host.nextEvent('cardframe-submit', '#pin');
  await host.fillPin(pin);
  await host.pinFrame.getByRole('button', { name: 'Set PIN' }).click();
  await done;
  host.page.off('request', record);
  return kids;
}

test('reveals and PIN changes keep working while the issuer rotates its keys twice, and the frame ends on the new keys', async ({ host, demo }) => {
  const issuer = demo.issuer!;
  await ready(host);
  const errors = [...(await Promise.all([host.recordEvents('#card', ['cardframe-error']), host.recordEvents('#pin', ['cardframe-error'])]))];
  const firstPinKid = issuer.pinKey.kid;

  let operations = 0;
  const loop = (async () => {
    for (let i = 0; i < 12; i++) {
      await revealOnce(host);
      await setPinOnce(host, PINS[i % PINS.length]!);
      expect(issuer.pinOf('card_default')).toBe(PINS[i % PINS.length]);
      operations++;
    }
  })();
  // Rotate twice while the loop runs, without waiting for it.
  const rotations = (async () => {
    await expect.poll(() => operations, { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
    await issuer.rotate();
    await expect.poll(() => operations, { timeout: 20_000 }).toBeGreaterThanOrEqual(6);
    await issuer.rotate();
  })();
  await Promise.all([loop, rotations]);

  for (const read of errors) expect(await read()).toEqual([]);
  expect(operations).toBe(12);
  // The frame picked up the new keys without a reload: its last PIN went to the key now active,
  // and each ring hit the retired key once before refreshing.
  const [lastKid] = await setPinOnce(host, '2468');
  expect(lastKid).toBe(issuer.pinKey.kid);
  expect(lastKid).not.toBe(firstPinKid);
  expect(issuer.stats.retiredKeyRejections).toBe(2);
  await revealOnce(host);
  expectNothingLeaked(await host.observe(), ['4242424242424242', ...PINS]);
});

test('a frame holding only a retired key gets the error once, refreshes, and succeeds on the retry', async ({ host, demo }) => {
  const issuer = demo.issuer!;
  await ready(host);
  const errors = await host.recordEvents('#card', ['cardframe-error']);
  await issuer.rotate();
  await issuer.rotate();
  await host.page.waitForTimeout(1100);
  const before = { ...issuer.stats };

  await revealOnce(host);
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
