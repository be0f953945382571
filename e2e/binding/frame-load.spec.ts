import { addVirtualAuthenticator } from '@cardframe/testing';
import type { ErrorInfo } from '@cardframe/protocol';
import { expect, test } from '../fixtures.ts';
import { chunk, failOnceIn } from '../frame-file-failure.ts';

// Bound mode's passkey code loads with the first reveal that needs it; a
// download that fails is that reveal's ERR_FRAME_LOAD, and the next click
// fetches it again.
test.use({ demoOptions: { binding: 'bound' } });

test('a bound reveal whose passkey file fails to download reports ERR_FRAME_LOAD, not a decryption failure, and the next click goes on to the passkey', async ({ host, page }) => {
  await addVirtualAuthenticator(page);
  const requests = await failOnceIn(page, chunk('bound-request'), 'card');
  await host.open();
  const error = host.nextEvent<ErrorInfo>('cardframe-error');
  await host.frame.getByRole('button', { name: /Reveal/ }).click();
  expect((await error).code).toBe('ERR_FRAME_LOAD');
  await host.frame.getByRole('button', { name: /Reveal|Try again/ }).click();
  const revealed = host.nextEvent('cardframe-reveal');
  await host.frame.getByRole('button', { name: 'Create a passkey' }).click();
  await revealed;
  await expect(host.frame.locator('[data-field=pan]')).toHaveText('4242 4242 4242 4242');
  expect(requests).toHaveLength(2);
});
