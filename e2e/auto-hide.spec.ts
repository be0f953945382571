import { expect, test } from './fixtures.ts';

test.use({ demoOptions: { frameConfig: (config) => ({ ...config, flows: { ...config.flows, reveal: { ...config.flows.reveal!, autoHideSeconds: 1 } } }) } });

test('revealed values are masked and dropped again after the configured time', async ({ host }) => {
  await host.open();
  await host.waitForReady();
  // Events, not what is on screen: on a slow machine the second can be over before a check sees the values.
  const events = await host.recordEvents('#card', ['cardframe-reveal', 'cardframe-hide']);
  await host.frame.getByRole('button', { name: /Reveal/ }).click();
  await expect
    .poll(events, { timeout: 15_000 })
    .toEqual([
      { name: 'cardframe-reveal', detail: { fields: ['pan', 'expiry', 'cvc'] } },
      { name: 'cardframe-hide', detail: { reason: 'timeout' } },
    ]);
  await expect(host.frame.locator('[data-field=pan]')).toHaveText('•••• •••• •••• 4242');
  await expect(host.frame.getByRole('button', { name: /Reveal/ })).toBeEnabled();
});
