import { expect, test } from './fixtures.ts';

test.use({ demoOptions: { frameConfig: (config) => ({ ...config, flows: { ...config.flows, reveal: { ...config.flows.reveal!, autoHideSeconds: 1 } } }) } });

test('revealed values are masked and dropped again after the configured time', async ({ host }) => {
  await host.open();
  await host.waitForReady();
  const hidden = host.nextEvent('cardframe-hide');
  await host.frame.getByRole('button', { name: /Reveal/ }).click();
  await expect(host.frame.locator('[data-field=pan]')).toHaveText('4242 4242 4242 4242');
  expect(await hidden).toEqual({ reason: 'timeout' });
  await expect(host.frame.locator('[data-field=pan]')).toHaveText('•••• •••• •••• 4242');
  await expect(host.frame.getByRole('button', { name: /Reveal/ })).toBeEnabled();
});
