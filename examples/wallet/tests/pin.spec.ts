import { expect, test } from './fixtures.ts';

test('the cardholder changes their PIN; the issuer has it and our page never saw it', async ({ page, cardframe, openWallet, sandbox }) => {
  await openWallet();
  const submitted = await cardframe.setPin('#pin', '6148');
  expect(submitted).toEqual({ flow: 'pin', status: 'COMPLETED' });
  await expect(page.locator('#pin-status')).toHaveText('Your PIN was changed.');
  expect(sandbox.pinOf(sandbox.card().id)).toBe('6148');
  await cardframe.expectHostNeverSaw(['6148']);
});

test('a PIN that is too easy to guess is refused inside the frame, before anything is sent', async ({ page, cardframe, openWallet, sandbox }) => {
  await openWallet();
  const before = sandbox.issuer.stats.pinSubmissions;
  await cardframe.enterPin('#pin', '1111');
  await expect(cardframe.submitPin('#pin')).rejects.toMatchObject({ code: 'ERR_PIN_TRIVIAL' });
  expect(await cardframe.errorText('#pin')).toContain('less predictable');
  await expect(page.locator('#pin-status')).toHaveText('PIN not changed (ERR_PIN_TRIVIAL).');
  expect(sandbox.issuer.stats.pinSubmissions).toBe(before);
});
