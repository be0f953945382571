import { expect, test } from './fixtures.ts';

// The change-request variant against an issuer whose PIN key is EC (ECDH-ES + A256GCM, seed 000).
test.use({ demoOptions: { pinVariant: 'change-request', pinKeyType: 'EC' } });

test('a change request seals with ECDH-ES, waits for confirmation, and only then changes the PIN', async ({ host, demo }) => {
  await host.open();
  await expect(host.pinFrame.getByRole('button', { name: 'Set PIN' })).toBeEnabled();
  const pinBefore = demo.issuer!.pinOf('card_default');
  const body = host.page.waitForRequest((request) => request.url().endsWith('/api/pin')).then((request) => request.postDataJSON() as Record<string, string>);

  await host.fillPin('8163');
  const submitted = host.nextEvent<{ status: string; changeRequestId?: string }>('cardframe-submit', '#pin');
  await host.pinFrame.getByRole('button', { name: 'Set PIN' }).click();
  const outcome = await submitted;
  expect(outcome).toMatchObject({ flow: 'pin', status: 'CONFIRMATION_REQUIRED' });
  expect(outcome.changeRequestId).toMatch(/csc$/);

  const sent = await body;
  expect(Object.keys(sent).sort()).toEqual(['encrypted_pin', 'key_id']);
  const header = JSON.parse(Buffer.from(sent['encrypted_pin']!.split('.')[0]!, 'base64url').toString()) as Record<string, unknown>;
  expect(header).toMatchObject({ alg: 'ECDH-ES', enc: 'A256GCM', kid: demo.issuer!.pinKey.kid });
  await expect(host.pinFrame.getByRole('status')).toHaveText('Almost done: confirm the change to finish.');
  expect(demo.issuer!.pinOf('card_default')).toBe(pinBefore);

  await host.page.getByRole('button', { name: 'Confirm PIN change' }).click();
  await expect(host.page.getByRole('button', { name: 'Confirm PIN change' })).toBeHidden();
  expect(demo.issuer!.pinOf('card_default')).toBe('8163');

  const pinCard = host.page.frameLocator('#pin-reveal iframe');
  await pinCard.getByRole('button', { name: /Reveal/ }).click();
  await expect(pinCard.locator('[data-field=pin]')).toHaveText('8163');
  await host.expectNothingLeaked(['8163']);
});
