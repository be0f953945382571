import { expect, test } from '../fixtures.ts';

// PINs of 4 to 12 digits, and room for one submission each.
test.use({
  demoOptions: {
    frameConfig: (config) => ({ ...config, flows: { ...config.flows, pin: { ...config.flows.pin!, minLength: 4, maxLength: 12, maxAttempts: 10 } } }),
  },
});

test('a hostile host cannot tell a PIN\'s length from the length of the sealed PIN it forwards', async ({ host, demo }) => {
  await host.open();
  await expect(host.pinFrame.getByRole('button', { name: 'Set PIN' })).toBeEnabled();
  // The host's relay sees every encrypted_pin; it records their lengths on the way through.
  await host.page.evaluate(() => {
    const pin = document.querySelector('#pin') as HTMLElement & { submitPin: (body: Record<string, string>) => Promise<Response> };
    const lengths: number[] = [];
    (window as unknown as { __pinLengths: number[] }).__pinLengths = lengths;
    pin.submitPin = (body) => {
      lengths.push(body['encrypted_pin']!.length);
      return fetch('/api/pin', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    };
  });
  const pins = ['4821', '482193', '482193057', '482193057316'];
  for (const pin of pins) {
    await host.fillPin(pin);
    const submitted = host.nextEvent('cardframe-submit', '#pin');
    await host.pinFrame.getByRole('button', { name: 'Set PIN' }).click();
    await submitted;
    expect(demo.issuer!.pinOf('card_default')).toBe(pin);
  }
  const lengths = await host.page.evaluate(() => (window as unknown as { __pinLengths: number[] }).__pinLengths);
  expect(lengths).toHaveLength(pins.length);
  expect(new Set(lengths).size).toBe(1);
});
