import { addVirtualAuthenticator } from '@cardframe/testing';
import { expect, test } from '../fixtures.ts';
import { addToWallet, recordCodes, walletCards } from '../provisioning-support.ts';

// Add to wallet against the demo's sandbox issuer in bound mode, with
// Chromium's virtual authenticator answering the frame's passkey requests.
test.use({ demoOptions: { binding: 'bound' } });

const PAN = '4242424242424242';

test('Add to wallet goes with a passkey assertion committing to its sessionid, like a reveal, and the card lands in the wallet', async ({ host, demo }) => {
  const issuer = demo.issuer!;
  await addVirtualAuthenticator(host.page);
  const codes = recordCodes(demo);
  await host.open();
  // The card's first passkey, made in the frame on the cardholder's click.
  await host.frame.getByRole('button', { name: /Reveal/ }).click();
  const revealed = host.nextEvent('cardframe-reveal');
  await host.frame.getByRole('button', { name: 'Create a passkey' }).click();
  await revealed;
  const challenges = issuer.stats.bindingChallenges;
  const before = (await walletCards(demo)).length;
  expect(await addToWallet(host)).toEqual({ outcome: 'added' });
  expect(issuer.stats.bindingChallenges).toBe(challenges + 1);
  expect(issuer.stats.bindingRefusals).toEqual({});
  expect((await walletCards(demo)).length).toBe(before + 1);
  await host.expectNothingLeaked([PAN, codes[0]!]);
});
