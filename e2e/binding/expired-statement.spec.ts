import { addVirtualAuthenticator } from '@cardframe/testing';
import type { ErrorInfo } from '@cardframe/protocol';
import { expect, test } from '../fixtures.ts';
import { holdNextBoundReveal, statementExpiry } from './bound-relay.ts';

// The sandbox issuer's clock, moved past a statement's expiry instead of
// waiting out its five minutes.
let issuerAheadMs = 0;
test.use({ demoOptions: { binding: 'bound', issuerNow: () => Date.now() + issuerAheadMs } });

test('the frame\'s own assertion over a statement that expired before it reached the issuer is refused as challenge_expired', async ({ host, demo }) => {
  await addVirtualAuthenticator(host.page);
  await host.open();
  const first = host.nextEvent('cardframe-reveal');
  await host.frame.getByRole('button', { name: /Reveal/ }).click();
  await host.frame.getByRole('button', { name: 'Create a passkey' }).click();
  await first;
  await host.frame.getByRole('button', { name: /Hide/ }).click();

  // A bound reveal held at the relay until the issuer's clock is past its statement's Expiration Time.
  const tap = await holdNextBoundReveal(host.page);
  const failed = host.nextEvent<ErrorInfo>('cardframe-error');
  await host.frame.getByRole('button', { name: /Reveal/ }).click();
  const late = await tap.held;
  issuerAheadMs = statementExpiry(late.assertion.challenge) - Date.now() + 1000;
  try {
    const answer = await late.forward();
    expect([answer.status, answer.body.error?.code]).toEqual([401, 'challenge_expired']);
    expect(Object.keys(answer.body)).toEqual(['error']);
    expect(await failed).toMatchObject({ code: 'ERR_BINDING_REFUSED', issuerCode: 'challenge_expired' });
    expect(demo.issuer!.stats.bindingRefusals).toEqual({ challenge_expired: 1 });
  } finally {
    issuerAheadMs = 0;
  }

  // On the issuer's own time again, the next reveal's fresh statement is accepted.
  const again = host.nextEvent('cardframe-reveal');
  await host.frame.getByRole('button', { name: /Reveal/ }).click();
  await again;
  await expect(host.frame.locator('[data-field=pan]')).toHaveText('4242 4242 4242 4242');
});
