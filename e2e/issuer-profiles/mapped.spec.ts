import { expect, test } from '../fixtures.ts';
import { revealCard } from './reveal-card.ts';

test.use({
  demoOptions: {
    issuerProfile: 'custom',
    frameConfig: (config) => ({ ...config, issuer: { ...config.issuer, profile: { expiryMonth: 'data.validThru.mm', expiryYear: 'data.validThru.yyyy', last4: 'data.panTail' } } }),
  },
});

test.describe('an issuer with names of its own, mapped in the frame config', () => {
  test('reads expiry where the config says', async ({ host }) => {
    expect(await revealCard(host)).toEqual({ fields: ['pan', 'expiry', 'cvc'] });
    await expect(host.frame.locator('[data-field=expiry]')).toHaveText('12/30');
    await expect(host.frame.locator('[data-field=pan]')).toHaveText('4242 4242 4242 4242');
  });
});
