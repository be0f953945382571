import { CardframeEventError } from '../src/index.ts';
import { expect, test } from './support/fixtures.ts';

const CARD = { id: 'card_kit', pan: '5555555555554444', cvc: '739', expiry: '07/2031', pin: '8264' };

test.use({ sandboxOptions: { cards: [CARD] } });

test.describe('reveal, hide and read', () => {
  test('reveal presses the frame\'s button and read returns what the cardholder sees', async ({ cardframe, openHost }) => {
    await openHost('?elements=card');
    expect(await cardframe.read('#card')).toEqual({ pan: '•••• •••• •••• ••••', expiry: '••/••', cvc: '•••' });
    expect(await cardframe.reveal('#card')).toEqual({ fields: ['pan', 'expiry', 'cvc'] });
    expect(await cardframe.read('#card')).toEqual({ pan: '5555 5555 5555 4444', expiry: '07/31', cvc: '739' });
  });

  test('hide masks the values again', async ({ cardframe, openHost }) => {
    await openHost('?elements=card&fields=pan');
    await cardframe.reveal('#card');
    expect(await cardframe.hide('#card')).toEqual({ reason: 'user' });
    // Masked again, keeping the last four as card artwork does.
    expect(await cardframe.read('#card')).toEqual({ pan: '•••• •••• •••• 4444' });
  });

  test('a failed reveal rejects with the error code, the frame shows why, and a retry works', async ({ cardframe, openHost, sandbox }) => {
    await openHost('?elements=card');
    sandbox.issuer.failNext(502);
    const error = await cardframe.reveal('#card').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CardframeEventError);
    expect((error as CardframeEventError).code).toBe('ERR_ISSUER_REQUEST');
    expect(await cardframe.errorText('#card')).toContain('Card details could not be loaded.');
    await cardframe.reveal('#card');
    expect((await cardframe.read('#card'))['pan']).toBe('5555 5555 5555 4444');
    expect(await cardframe.errorText('#card')).toBe('');
  });

  test('waitForEvent hands back the detail of an event an action caused', async ({ page, cardframe, openHost }) => {
    await openHost('?elements=card');
    await cardframe.reveal('#card');
    const detail = await cardframe.waitForEvent('#card', 'cardframe-hide', () => page.locator('#card').evaluate((card) => (card as HTMLElement & { hide(): Promise<void> }).hide()));
    expect(detail).toEqual({ reason: 'host' });
  });
});
