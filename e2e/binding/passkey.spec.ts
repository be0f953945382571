import { addVirtualAuthenticator } from '@cardframe/testing';
import { expect, test } from '../fixtures.ts';

// The cardholder's whole bound journey on the demo page, with Chromium's
// virtual authenticator answering the frame's passkey requests.
test.use({ demoOptions: { binding: 'bound' } });

test('register a passkey in the frame, bind it via PATCH /, then bound reveal, key-pair reveal, device registration and PIN change', async ({ host, demo }) => {
  const issuer = demo.issuer!;
  const authenticator = await addVirtualAuthenticator(host.page);
  await host.open();

  // A card with no passkey: Reveal offers to create one, in the frame, on the cardholder's click.
  await host.frame.getByRole('button', { name: /Reveal/ }).click();
  const revealed = host.nextEvent('cardframe-reveal');
  await host.frame.getByRole('button', { name: 'Create a passkey' }).click();
  await revealed;
  await expect(host.frame.locator('[data-field=pan]')).toHaveText('4242 4242 4242 4242');
  const [passkey] = await issuer.binding.bindings.passkeys('card_default');
  expect(passkey).toBeDefined();
  expect((await authenticator.credentials()).map((c) => [c.credentialId, c.rpId])).toEqual([[passkey!.credentialId, 'frame.localhost']]);

  // Every later reveal is a bound request: one fresh statement and one assertion each.
  await host.frame.getByRole('button', { name: /Hide/ }).click();
  const challenges = issuer.stats.bindingChallenges;
  const again = host.nextEvent('cardframe-reveal');
  await host.frame.getByRole('button', { name: /Reveal/ }).click();
  await again;
  expect(issuer.stats.bindingChallenges).toBe(challenges + 1);

  // Key-pair reveal: the assertion commits to the frame's public key.
  const keyPair = host.page.frameLocator('#card-keypair iframe');
  const keyPairShown = host.nextEvent('cardframe-reveal', '#card-keypair');
  await keyPair.getByRole('button', { name: /Reveal/ }).click();
  await keyPairShown;
  await expect(keyPair.locator('[data-field=pan]')).toHaveText('4242 4242 4242 4242');

  // PIN change: the device key and the sealed PIN each carry their own assertion.
  const submitted = host.nextEvent('cardframe-submit', '#pin');
  await host.fillPin('4826');
  await host.pinFrame.getByRole('button', { name: /Set PIN|Change PIN|Submit/ }).click();
  await submitted;
  expect(issuer.pinOf('card_default')).toBe('4826');
  expect(issuer.stats.deviceBindings).toBe(1);
  expect(issuer.stats.bindingRefusals).toEqual({});
  expect((await authenticator.credentials())[0]!.signCount).toBeGreaterThanOrEqual(5);
  await host.expectNothingLeaked(['4242424242424242', '123', '4826']);
});

test('the binding view binds the card to the host\'s wallet (SIWE): the issuer\'s message, signed through signMessage, sent via PATCH /', async ({ host, demo }) => {
  await host.open();
  const bind = host.frameIn('#bind');
  const wallet = host.nextEvent<{ scope: string; address?: string }>('cardframe-bind', '#bind');
  await bind.getByRole('button', { name: 'Confirm with your wallet' }).click();
  const { address } = (await (await fetch(new URL('/api/sandbox-wallet', demo.merchantUrl))).json()) as { address: string };
  expect(await wallet).toEqual({ scope: 'siwe', address });
  expect(await demo.issuer!.binding.bindings.walletAddress('card_default')).toBe(address);
});
