import { CardframeEventError } from '../src/index.ts';
import { expect, test } from './support/fixtures.ts';

test.describe('PIN entry', () => {
  test('setPin types and submits in the frame; the issuer holds the new PIN', async ({ cardframe, openHost, sandbox }) => {
    await openHost('?elements=pin');
    expect(await cardframe.setPin('#pin', '4821')).toEqual({ flow: 'pin', status: 'COMPLETED' });
    expect(sandbox.pinOf(sandbox.card().id)).toBe('4821');
    await expect(cardframe.frame('#pin').locator('[data-testid="cardframe-pin-notice"]')).toHaveText('Your PIN has been changed.');
    await cardframe.expectHostNeverSaw(['4821']);
  });

  test('enterPin with a mismatch, then submitPin, rejects with the frame\'s error code', async ({ cardframe, openHost, sandbox }) => {
    await openHost('?elements=pin');
    const before = sandbox.pinOf(sandbox.card().id);
    await cardframe.enterPin('#pin', '5937', '5938');
    const error = await cardframe.submitPin('#pin').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CardframeEventError);
    expect((error as CardframeEventError).code).toBe('ERR_PIN_MISMATCH');
    expect(await cardframe.errorText('#pin')).toBe('The two PINs do not match.');
    expect(sandbox.pinOf(sandbox.card().id)).toBe(before);
  });
});
