import type { Route } from '@playwright/test';
import { addVirtualAuthenticator } from '@cardframe/testing';
import { expect, test, type HostPage } from '../fixtures.ts';
import { holdNextBoundReveal, ownSessionId, sendBoundReveal, statementCard, type IssuerAnswer } from './bound-relay.ts';

// The frame's own passkey assertions, taken at the merchant relay (where a
// script on the host page sees them) and used again: each use is refused
// with its own code, and no answer carries anything to decrypt.
test.use({ demoOptions: { binding: 'bound' } });

const isRelay = (url: URL): boolean => url.pathname === '/api/card';

/** Reveal in the demo card's frame; the first time for a card, the frame creates its passkey on the cardholder's click. */
async function reveal(host: HostPage, firstTime = false): Promise<void> {
  const revealed = host.nextEvent('cardframe-reveal');
  await host.frame.getByRole('button', { name: /Reveal/ }).click();
  if (firstTime) await host.frame.getByRole('button', { name: 'Create a passkey' }).click();
  await revealed;
  await host.frame.getByRole('button', { name: /Hide/ }).click();
}

/** A refusal with `code` and nothing else: no encrypted field, no profile. */
function expectRefused(answer: IssuerAnswer, code: string): void {
  expect([answer.status, answer.body.error?.code]).toEqual([401, code]);
  expect(Object.keys(answer.body)).toEqual(['error']);
}

test('the frame\'s real assertion is refused when replayed (challenge_used), moved to another sessionid (commitment_mismatch), or made by another card\'s passkey (unknown_credential)', async ({ host, demo }) => {
  test.setTimeout(90_000);
  const issuer = demo.issuer!;
  const authenticator = await addVirtualAuthenticator(host.page);
  await host.open();

  // Another card's passkey in the same authenticator: the page's relay calls go to card_amex while the frame creates it.
  const toAmex = (route: Route): Promise<void> => {
    const url = new URL(route.request().url());
    url.searchParams.set('card', 'card_amex');
    return route.continue({ url: url.href });
  };
  await host.page.route(isRelay, toAmex);
  await reveal(host, true);
  await host.page.unroute(isRelay, toAmex);
  const [amexPasskey] = await issuer.binding.bindings.passkeys('card_amex');
  expect(amexPasskey).toBeDefined();

  // The demo card's own passkey, and one bound reveal the issuer accepts.
  await reveal(host, true);
  const [ownPasskey] = await issuer.binding.bindings.passkeys('card_default');
  expect(ownPasskey!.credentialId).not.toBe(amexPasskey!.credentialId);
  expect((await authenticator.credentials()).length).toBe(2);

  // (a) A reveal goes through; the same request, sent again, finds its statement used.
  let tap = await holdNextBoundReveal(host.page);
  let revealed = host.nextEvent('cardframe-reveal');
  await host.frame.getByRole('button', { name: /Reveal/ }).click();
  const accepted = await tap.held;
  expect(accepted.assertion.credential.id).toBe(ownPasskey!.credentialId);
  const original = await accepted.forward();
  expect(original.status).toBe(200);
  expect(original.body['encryptedPan']).toBeDefined();
  await revealed;
  await host.frame.getByRole('button', { name: /Hide/ }).click();
  expectRefused(await sendBoundReveal(demo.merchantUrl, accepted.sessionid, accepted.header), 'challenge_used');

  // (b) A reveal held back at the relay, its unused assertion attached to a sessionid the script made (and could open).
  tap = await holdNextBoundReveal(host.page);
  let failed = host.nextEvent('cardframe-error');
  await host.frame.getByRole('button', { name: /Reveal/ }).click();
  const unused = await tap.held;
  await unused.drop();
  await failed;
  const mine = ownSessionId(issuer.sessionKeyPem, issuer.oaepHash);
  expectRefused(await sendBoundReveal(demo.merchantUrl, mine, unused.header), 'commitment_mismatch');

  // (c) The relay tells the frame that card_amex's passkey is this card's: the frame's assertion over
  // card_default's statement is made by a passkey bound to another card.
  const amexHints = async (route: Route): Promise<void> => {
    const headers = await route.request().allHeaders();
    if (headers['sessionid'] || !new URL(route.request().url()).searchParams.getAll('scope').includes('webauthn')) return route.continue();
    const response = await route.fetch();
    const body = (await response.json()) as { webauthn: { allowCredentials: unknown[] } };
    body.webauthn.allowCredentials = [{ id: amexPasskey!.credentialId, type: 'public-key' }];
    await route.fulfill({ response, json: body });
  };
  await host.page.route(isRelay, amexHints);
  tap = await holdNextBoundReveal(host.page);
  failed = host.nextEvent('cardframe-error');
  await host.frame.getByRole('button', { name: /Reveal/ }).click();
  const foreign = await tap.held;
  await foreign.drop();
  await failed;
  await host.page.unroute(isRelay, amexHints);
  expect(foreign.assertion.credential.id).toBe(amexPasskey!.credentialId);
  expect(statementCard(foreign.assertion.challenge)).toBe('card_default');
  expectRefused(await sendBoundReveal(demo.merchantUrl, foreign.sessionid, foreign.header), 'unknown_credential');

  expect(issuer.stats.bindingRefusals).toEqual({ challenge_used: 1, commitment_mismatch: 1, unknown_credential: 1 });
  // The card still reveals for its own passkey afterwards.
  revealed = host.nextEvent('cardframe-reveal');
  await host.frame.getByRole('button', { name: /Reveal/ }).click();
  await revealed;
  await expect(host.frame.locator('[data-field=pan]')).toHaveText('4242 4242 4242 4242');
  await host.expectNothingLeaked(['4242424242424242', '378282246310005']);
});
