import { expect, test } from './fixtures.ts';

const PAN = '4242424242424242';

/** The three demo host pages: one card as separate fields on artwork, and a PIN entry, in each. */
const HOSTS = [
  { name: 'plain HTML with the script tag', path: '/artwork.html' },
  { name: 'a React app (StrictMode)', path: '/react/' },
  { name: 'a Vue app', path: '/vue/' },
] as const;


for (const { name, path } of HOSTS) {
  test.describe(`in ${name}`, () => {
    test.beforeEach(async ({ host }) => {
      await host.open(new URL(path, host.demo.merchantUrl).href);
      await expect(host.frameIn('#card cardframe-toggle').getByRole('button', { name: /Reveal/ })).toBeEnabled();
    });

    test('reveal, copy and hide the separate fields, and the host DOM never holds the values', async ({ host, context }) => {
      await context.grantPermissions(['clipboard-read', 'clipboard-write']);
      const pan = host.frameIn('#card cardframe-pan');
      await host.frameIn('#card cardframe-toggle').getByRole('button', { name: /Reveal/ }).click();
      await expect(pan.locator('[data-field=pan]')).toHaveText('4242 4242 4242 4242');
      await expect(host.frameIn('#card cardframe-expiry').locator('[data-field=expiry]')).toHaveText('12/30');
      await expect(host.frameIn('#card cardframe-cvc').locator('[data-field=cvc]')).toHaveText('123');

      await host.frameIn('#card cardframe-copy').getByRole('button', { name: 'Copy card number' }).click();
      await expect(host.frameIn('#card cardframe-copy').getByText('Copied')).toBeVisible();
      expect(await host.page.evaluate(() => navigator.clipboard.readText())).toBe(PAN);
      await host.page.evaluate(() => navigator.clipboard.writeText(''));

      await host.frameIn('#card cardframe-toggle').getByRole('button', { name: /Hide/ }).click();
      await expect(pan.locator('[data-field=pan]')).toHaveText('•••• •••• •••• 4242');
      await expect(host.frameIn('#card cardframe-cvc').locator('[data-field=cvc]')).toHaveText('•••');
      // (A three-digit CVC would match numbers in any app bundle; the PAN is the telling value.)
      await host.expectNothingLeaked([PAN]);
    });

    test('set a PIN in its own frame; the host sees the outcome, not the digits', async ({ host }) => {
      const pin = host.frameIn('#pin');
      await expect(pin.getByRole('button', { name: 'Set PIN' })).toBeEnabled();
      await pin.getByLabel('New PIN', { exact: true }).fill('5862');
      await pin.getByLabel('Confirm new PIN').fill('5862');
      const submitted = host.nextEvent('cardframe-submit', '#pin');
      await pin.getByRole('button', { name: 'Set PIN' }).click();
      expect(await submitted).toEqual({ flow: 'pin', status: 'COMPLETED' });
      expect(host.demo.issuer!.pinOf('card_default')).toBe('5862');
      await host.expectNothingLeaked(['5862']);
    });
  });
}

test('React StrictMode and fast mount/unmount leave no frames or open ports behind', async ({ host }) => {
  // Twenty remounts load 120 frames: 9–11 s alone, over 20 s in a full run on two loaded cores.
  test.setTimeout(60_000);
  await host.page.addInitScript(() => {
    const w = window as unknown as { __closedPorts: number };
    w.__closedPorts = 0;
    const close = MessagePort.prototype.close;
    MessagePort.prototype.close = function (this: MessagePort) {
      w.__closedPorts++;
      close.call(this);
    };
  });
  await host.open(new URL('/react/', host.demo.merchantUrl).href);
  await expect(host.frameIn('#card cardframe-toggle').getByRole('button', { name: /Reveal/ })).toBeEnabled();
  // One frame per element: 3 fields, toggle, copy and the PIN entry.
  const liveFrames = () => host.page.frames().length - 1;
  expect(liveFrames()).toBe(6);
  const openPorts = () =>
    host.page.evaluate(() => (window as unknown as { __ports: MessagePort[] }).__ports.length - (window as unknown as { __closedPorts: number }).__closedPorts);
  // React's scheduler keeps a MessageChannel of its own, so compare with the count before remounting.
  const before = await openPorts();
  const remount = host.page.locator('#remount');
  for (let i = 0; i < 20; i++) await remount.click();
  await expect(host.frameIn('#card cardframe-toggle').getByRole('button', { name: /Reveal/ })).toBeEnabled();
  await host.settled();
  await expect.poll(liveFrames).toBe(6);
  expect(await openPorts()).toBe(before);
  // The card still works after all that.
  await host.frameIn('#card cardframe-toggle').getByRole('button', { name: /Reveal/ }).click();
  await expect(host.frameIn('#card cardframe-pan').locator('[data-field=pan]')).toHaveText('4242 4242 4242 4242');
});
