import { expect, expectNothingLeaked, test, type HostPage } from './fixtures.ts';

// As rotation.spec.ts, for an OpenPGP issuer: PINs are sealed to the
// issuer's OpenPGP keys (several trusted at once), and card details come back
// as OpenPGP messages to a key the frame holds. Refresh cooldown 1 s and
// raised per-session limits, for the same reasons.
test.use({
  demoOptions: {
    messageFormat: 'pgp',
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
  await expect(host.page.frameLocator('#card-keypair iframe').getByRole('button', { name: /Reveal/ })).toBeEnabled();
  await expect(host.pinFrame.getByRole('button', { name: 'Set PIN' })).toBeEnabled();
}

async function revealOnce(host: HostPage): Promise<void> {
  const frame = host.page.frameLocator('#card-keypair iframe');
  await frame.getByRole('button', { name: /Reveal/ }).click();
  await expect(frame.locator('[data-field=pan]')).toHaveText('4242 4242 4242 4242');
  await frame.getByRole('button', { name: /Hide/ }).click();
  await expect(frame.locator('[data-field=pan]')).toHaveText('•••• •••• •••• 4242');
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

test('OpenPGP PIN changes and reveals keep working while the issuer rotates its OpenPGP keys twice, with no failed operation', async ({ host, demo }) => {
  // Twelve reveal-and-PIN rounds, each making a fresh frame OpenPGP key: more than the default 30 s on a busy machine.
  test.setTimeout(120_000);
  const issuer = demo.issuer!;
  await ready(host);
  const errors = await Promise.all([host.recordEvents('#card-keypair', ['cardframe-error']), host.recordEvents('#pin', ['cardframe-error'])]);
  const firstKid = issuer.pgpPinKey.kid;
  // Two OpenPGP keys are trusted from the start: the active one and the next, published ahead.
  expect(Object.values(issuer.keyStages().pgp).sort()).toEqual(['active', 'next']);

  let operations = 0;
  const loop = (async () => {
    for (let i = 0; i < 12; i++) {
      await revealOnce(host);
      await setPinOnce(host, PINS[i % PINS.length]!);
      expect(issuer.pinOf('card_default')).toBe(PINS[i % PINS.length]);
      operations++;
    }
  })();
  const rotations = (async () => {
    await expect.poll(() => operations, { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
    await issuer.rotate();
    await expect.poll(() => operations, { timeout: 30_000 }).toBeGreaterThanOrEqual(6);
    // The key the frame started with is retired here, mid-run.
    await issuer.rotate();
  })();
  await Promise.all([loop, rotations]);

  for (const read of errors) expect(await read()).toEqual([]);
  expect(operations).toBe(12);
  expect(issuer.keyStages().pgp[firstKid]).toBe('retired');
  const [lastKid] = await setPinOnce(host, '2468');
  expect(lastKid).toBe(issuer.pgpPinKey.kid);
  expect(lastKid).not.toBe(firstKid);
  // The frame met the retired key once, refreshed its set, and retried.
  expect(issuer.stats.retiredKeyRejections).toBe(1);
  expectNothingLeaked(await host.observe(), ['4242424242424242', ...PINS]);
});

test('a frame holding only a retired OpenPGP key gets retired_key once, refreshes, and the retry succeeds', async ({ host, demo }) => {
  const issuer = demo.issuer!;
  await ready(host);
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
