// A bound reveal and a bound PIN change through a framework demo page (React
// or Vue): the wrapper elements must hand the frames the page's fetchCard and
// bindCard, or the frames could not reach the issuer's passkey statements.
import { addVirtualAuthenticator } from '@cardframe/testing';
import { expect, type HostPage } from '../fixtures.ts';

export async function boundJourneyThrough(host: HostPage, path: '/react/' | '/vue/'): Promise<void> {
  const issuer = host.demo.issuer!;
  const authenticator = await addVirtualAuthenticator(host.page);
  await host.open(new URL(path, host.demo.merchantUrl).href);
  const toggle = host.frameIn('#card cardframe-toggle');
  const pan = host.frameIn('#card cardframe-pan').locator('[data-field=pan]');
  await expect(toggle.getByRole('button', { name: /Reveal/ })).toBeEnabled();
  // Only frames whose element relays binding requests may ask for passkeys, and only for the frame's own origin.
  const frameOrigin = new URL(host.demo.frameUrl).origin;
  expect(await host.page.locator('#card cardframe-toggle').evaluate((el) => el.shadowRoot!.querySelector('iframe')!.getAttribute('allow'))).toContain(`publickey-credentials-get ${frameOrigin}`);

  // No passkey yet: the toggle's frame creates one on the cardholder's click, binds it via PATCH / and reveals the group.
  let revealed = host.nextEvent('cardframe-reveal', '#card');
  await toggle.getByRole('button', { name: /Reveal/ }).click();
  await toggle.getByRole('button', { name: 'Create a passkey' }).click();
  await revealed;
  await expect(pan).toHaveText('4242 4242 4242 4242');
  await expect(host.frameIn('#card cardframe-cvc').locator('[data-field=cvc]')).toHaveText('123');
  const passkeys = await issuer.binding.bindings.passkeys('card_default');
  expect(passkeys.map((p) => p.credentialId)).toEqual((await authenticator.credentials()).map((c) => c.credentialId));

  // Then a bound reveal with that passkey: one fresh statement, one assertion.
  await toggle.getByRole('button', { name: /Hide/ }).click();
  await expect(pan).toHaveText('•••• •••• •••• 4242');
  const challenges = issuer.stats.bindingChallenges;
  revealed = host.nextEvent('cardframe-reveal', '#card');
  await toggle.getByRole('button', { name: /Reveal/ }).click();
  await revealed;
  await expect(pan).toHaveText('4242 4242 4242 4242');
  expect(issuer.stats.bindingChallenges).toBe(challenges + 1);

  // The PIN element: its device key and its sealed PIN each go with an assertion.
  const pin = host.frameIn('#pin');
  await pin.getByLabel('New PIN', { exact: true }).fill('5862');
  await pin.getByLabel('Confirm new PIN').fill('5862');
  const submitted = host.nextEvent('cardframe-submit', '#pin');
  await pin.getByRole('button', { name: 'Set PIN' }).click();
  expect(await submitted).toEqual({ flow: 'pin', status: 'COMPLETED' });
  expect(issuer.pinOf('card_default')).toBe('5862');
  expect(issuer.stats.deviceBindings).toBe(1);
  expect(issuer.stats.bindingRefusals).toEqual({});
  await host.expectNothingLeaked(['4242424242424242', '5862']);
}
