import { expect, test } from '../fixtures.ts';
import { CVC, PAN } from './reveal-card.ts';

test.use({ demoOptions: { issuerProfile: 'no-expiry' } });

test.describe('an issuer whose profile has no expiry at all', () => {
  test('shows PAN and CVC, marks expiry Not available in the frame, and tells the host which field and why', async ({ host }) => {
    await host.open();
    await host.waitForReady();
    const errors = await host.recordEvents('#card', ['cardframe-error']);
    const revealed = host.nextEvent('cardframe-reveal');
    await host.frame.getByRole('button', { name: /Reveal/ }).click();
    expect(await revealed).toEqual({ fields: ['pan', 'cvc'], unavailable: [{ field: 'expiry', code: 'ERR_PROFILE_MISSING' }] });
    await expect(host.frame.locator('[data-field=pan]')).toHaveText('4242 4242 4242 4242');
    await expect(host.frame.locator('[data-field=cvc]')).toHaveText(CVC);
    await expect(host.frame.locator('[data-field=expiry]')).toHaveText('Not available');
    await expect(host.frame.getByRole('alert')).toHaveCount(0);
    expect(await errors()).toEqual([]);
    // Hidden again, expiry is masked like the rest.
    await host.frame.getByRole('button', { name: /Hide/ }).click();
    await expect(host.frame.locator('[data-field=expiry]')).toHaveText('••/••');
    await host.expectNothingLeaked([PAN, CVC]);
  });

  test('in a group of field frames, the expiry frame says Not available to screen readers and the host hears it from that frame', async ({ host }) => {
    await host.open(new URL('/artwork.html', host.demo.merchantUrl).href);
    const toggle = host.frameIn('#card cardframe-toggle');
    await expect(toggle.getByRole('button', { name: /Reveal/ })).toBeEnabled();
    const expiryRevealed = host.nextEvent('cardframe-reveal', '#card cardframe-expiry');
    const cvcRevealed = host.nextEvent('cardframe-reveal', '#card cardframe-cvc');
    await toggle.getByRole('button', { name: /Reveal/ }).click();
    expect(await expiryRevealed).toEqual({ fields: [], unavailable: [{ field: 'expiry', code: 'ERR_PROFILE_MISSING' }] });
    expect(await cvcRevealed).toEqual({ fields: ['cvc'] });
    const expiry = host.frameIn('#card cardframe-expiry');
    await expect(expiry.locator('[data-field=expiry]')).toHaveText('Not available');
    await expect(expiry.getByText('Expiry not available')).toHaveCount(1);
    await expect(host.frameIn('#card cardframe-pan').locator('[data-field=pan]')).toHaveText('4242 4242 4242 4242');
    await host.expectNothingLeaked([PAN, CVC]);
  });
});
