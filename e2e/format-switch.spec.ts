import { expect, test } from './fixtures.ts';

// The default demo: JWE for card_default, and a switch to card_pgp, whose
// programme speaks OpenPGP, served by the frame deployed for that format.
test('the page switches from the JWE issuer to the OpenPGP one while open: key-pair reveal and PIN change go OpenPGP, and back', async ({ host, demo }) => {
  test.setTimeout(60_000);
  await host.open();
  const keyPair = host.page.frameLocator('#card-keypair iframe');
  await expect(keyPair.getByRole('button', { name: /Reveal/ })).toBeEnabled();
  await expect(host.page.locator('#message-format')).toHaveText('JWE');

  const pinBodies: { encrypted_pin: string; key_id: string }[] = [];
  host.page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/api/pin') pinBodies.push(request.postDataJSON() as { encrypted_pin: string; key_id: string });
  });

  // Each element reloads its frame from the other deployment; wait for both to be ready there.
  let readies = Promise.all([host.nextEvent('cardframe-ready', '#card-keypair'), host.nextEvent('cardframe-ready', '#pin')]);
  await host.page.getByLabel(/OpenPGP/).check();
  await readies;
  await expect(host.page.locator('#message-format')).toHaveText('OpenPGP');
  await expect(host.page.locator('#card-keypair iframe')).toHaveAttribute('src', demo.pgpFrameUrl!);
  await expect(keyPair.getByRole('button', { name: /Reveal/ })).toBeEnabled();
  await keyPair.getByRole('button', { name: /Reveal/ }).click();
  await expect(keyPair.locator('[data-field=pan]')).toHaveText('5555 5555 5555 4444');

  await expect(host.pinFrame.getByRole('button', { name: 'Set PIN' })).toBeEnabled();
  await host.fillPin('3719');
  const submitted = host.nextEvent('cardframe-submit', '#pin');
  await host.pinFrame.getByRole('button', { name: 'Set PIN' }).click();
  expect(await submitted).toEqual({ flow: 'pin', status: 'COMPLETED' });
  expect(demo.issuer!.pinOf('card_pgp')).toBe('3719');
  expect(pinBodies.at(-1)!.encrypted_pin).toMatch(/^-----BEGIN PGP MESSAGE-----/);
  expect(pinBodies.at(-1)!.key_id).toBe(demo.issuer!.pgpPinKey.kid);

  // And back: the JWE card and a compact JWE again.
  readies = Promise.all([host.nextEvent('cardframe-ready', '#card-keypair'), host.nextEvent('cardframe-ready', '#pin')]);
  await host.page.getByLabel(/JWE/).check();
  await readies;
  await expect(host.page.locator('#card-keypair iframe')).toHaveAttribute('src', demo.frameUrl);
  await expect(keyPair.getByRole('button', { name: /Reveal/ })).toBeEnabled();
  await keyPair.getByRole('button', { name: /Reveal/ }).click();
  await expect(keyPair.locator('[data-field=pan]')).toHaveText('4242 4242 4242 4242');
  await expect(host.pinFrame.getByRole('button', { name: 'Set PIN' })).toBeEnabled();
  await host.fillPin('8264');
  const again = host.nextEvent('cardframe-submit', '#pin');
  await host.pinFrame.getByRole('button', { name: 'Set PIN' }).click();
  expect(await again).toEqual({ flow: 'pin', status: 'COMPLETED' });
  expect(demo.issuer!.pinOf('card_default')).toBe('8264');
  expect(pinBodies.at(-1)!.encrypted_pin.split('.')).toHaveLength(5);
  await host.expectNothingLeaked(['5555555555554444', '4242424242424242', '3719', '8264']);
});
