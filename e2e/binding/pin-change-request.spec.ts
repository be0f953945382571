import type { Route } from '@playwright/test';
import { openEncryptedPin } from '@cardframe/issuer';
import { addVirtualAuthenticator } from '@cardframe/testing';
import { expect, test } from '../fixtures.ts';
import { statementCard, type SentAssertion } from './bound-relay.ts';
import { ownDeviceKey, ownSealedPin } from './page-script-attack.ts';

// Seed 002's change-request variant against a bound issuer: the PIN the
// cardholder types in the frame goes with a passkey assertion committing to
// its sealed form; a script on the host page that seals a PIN of its own gets
// nothing changed.
test.use({ demoOptions: { binding: 'bound', pinVariant: 'change-request' } });

const isPin = (url: URL): boolean => url.pathname === '/api/pin';

test('a bound change request: passkey bound in the frame, the PIN changed with its assertion, and the page script\'s own sealed PIN and device key refused', async ({ host, demo }) => {
  test.setTimeout(60_000);
  const issuer = demo.issuer!;
  const authenticator = await addVirtualAuthenticator(host.page);
  await host.open();

  // Register a passkey in the binding view and bind it via PATCH /.
  const bound = host.nextEvent<{ scope: string; credentialId?: string }>('cardframe-bind', '#bind');
  await host.frameIn('#bind').getByRole('button', { name: 'Confirm with a passkey' }).click();
  const { credentialId } = await bound;
  expect((await issuer.binding.bindings.passkeys('card_default')).map((p) => p.credentialId)).toEqual([credentialId]);
  expect((await authenticator.credentials()).map((c) => c.credentialId)).toEqual([credentialId]);

  // The page script, before the cardholder does anything: its own sealed PIN (one the issuer could open) and its own device key.
  const pinBefore = issuer.pinOf('card_default');
  const script = await ownSealedPin(host.page, issuer.pinKey.publicJwk, '9305');
  expect([script.status, script.code]).toEqual([401, 'binding_required']);
  expect(await openEncryptedPin(script.encryptedPin, issuer.pinKey.kid, (kid) => (kid === issuer.pinKey.kid ? issuer.pinKey : undefined))).toBe('9305');
  expect(await ownDeviceKey(host.page)).toEqual({ status: 401, code: 'binding_required' });

  // The cardholder changes the PIN in the frame: the change request carries an assertion over its sealed PIN.
  const sent = host.page.waitForRequest((request) => isPin(new URL(request.url()))).then((request) => request.postDataJSON() as { assertion: SentAssertion; encrypted_pin: string; key_id: string });
  await expect(host.pinFrame.getByRole('button', { name: 'Set PIN' })).toBeEnabled();
  await host.fillPin('8163');
  const submitted = host.nextEvent<{ status: string; changeRequestId?: string }>('cardframe-submit', '#pin');
  await host.pinFrame.getByRole('button', { name: 'Set PIN' }).click();
  expect(await submitted).toMatchObject({ flow: 'pin', status: 'CONFIRMATION_REQUIRED' });
  const body = await sent;
  expect(Object.keys(body).sort()).toEqual(['assertion', 'encrypted_pin', 'key_id']);
  expect(JSON.parse(Buffer.from(body.encrypted_pin.split('.')[0]!, 'base64url').toString())).toMatchObject({ alg: 'RSA-OAEP-256', enc: 'A256CBC-HS512', kid: issuer.pinKey.kid });
  expect(body.assertion.credential.id).toBe(credentialId);
  expect(statementCard(body.assertion.challenge)).toBe('card_default');
  expect(issuer.pinOf('card_default')).toBe(pinBefore);
  await host.page.getByRole('button', { name: 'Confirm PIN change' }).click();
  await expect(host.page.getByRole('button', { name: 'Confirm PIN change' })).toBeHidden();
  expect(issuer.pinOf('card_default')).toBe('8163');

  // The frame's next change request, held at the relay: its unused assertion on the script's own sealed PIN.
  let holdPin!: (route: Route) => void;
  const held = new Promise<Route>((resolve) => (holdPin = resolve));
  await host.page.route(isPin, (route) => holdPin(route));
  await host.fillPin('5927');
  const failed = host.nextEvent('cardframe-error', '#pin');
  await host.pinFrame.getByRole('button', { name: 'Set PIN' }).click();
  const route = await held;
  const { assertion } = route.request().postDataJSON() as { assertion: SentAssertion };
  await route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'issuer_unreachable', message: 'the issuer could not be reached' } }) });
  await failed;
  await host.page.unroute(isPin);
  const moved = await ownSealedPin(host.page, issuer.pinKey.publicJwk, '9305', assertion);
  expect([moved.status, moved.code]).toEqual([401, 'commitment_mismatch']);
  expect(issuer.pinOf('card_default')).toBe('8163');
  expect(issuer.stats.bindingRefusals).toEqual({ binding_required: 2, commitment_mismatch: 1 });
  await host.expectNothingLeaked(['8163', '5927']);
});
