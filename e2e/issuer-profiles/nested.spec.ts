import { expect, test } from '../fixtures.ts';
import { CVC, PAN, relayedCards, revealCard } from './reveal-card.ts';

test.use({ demoOptions: { issuerProfile: 'nested' } });

test.describe('an issuer that nests the profile: card.expiration {month, year as numbers, two-digit year}, card.lastFour', () => {
  test('reveals PAN, expiry and CVC as with the demo issuer', async ({ host }) => {
    const bodies = relayedCards(host);
    expect(await revealCard(host)).toEqual({ fields: ['pan', 'expiry', 'cvc'] });
    await expect(host.frame.locator('[data-field=pan]')).toHaveText('4242 4242 4242 4242');
    await expect(host.frame.locator('[data-field=expiry]')).toHaveText('12/30');
    await expect(host.frame.locator('[data-field=cvc]')).toHaveText(CVC);
    // The answer really was the nested spelling, with nothing flat beside it.
    await expect.poll(() => bodies.length).toBeGreaterThan(0);
    expect(bodies[0]).toMatchObject({ card: { expiration: { month: 12, year: 30 }, lastFour: '4242' } });
    expect(bodies[0]).not.toHaveProperty('expirationMonth');
    await host.expectNothingLeaked([PAN, CVC]);
    expect(host.consoleErrors).toEqual([]);
  });
});
