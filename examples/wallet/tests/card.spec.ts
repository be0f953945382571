import { expect, test } from './fixtures.ts';

// Our own test card: distinctive values, so a leak check cannot mistake
// anything else on the page for them.
const CARD = { id: 'card_nimbus', pan: '4000056655665556', cvc: '739', expiry: '09/2031', pin: '5084', name: 'Robin Park' };

test.use({ sandboxOptions: { cards: [CARD] } });

test('the cardholder reveals their card and sees it formatted as on the card', async ({ page, cardframe, openWallet }) => {
  await openWallet();
  expect(await cardframe.read('#card')).toEqual({ pan: '•••• •••• •••• ••••', expiry: '••/••', cvc: '•••' });

  await cardframe.reveal('#card');
  expect(await cardframe.read('#card')).toEqual({ pan: '4000 0566 5566 5556', expiry: '09/31', cvc: '739' });
  await expect(page.locator('#status')).toHaveText('Card details are showing.');
});

test('hiding masks the card again and our page follows', async ({ page, cardframe, openWallet }) => {
  await openWallet();
  await cardframe.reveal('#card');
  await cardframe.hide('#card');
  expect(await cardframe.read('#card')).toEqual({ pan: '•••• •••• •••• 5556', expiry: '••/••', cvc: '•••' });
  await expect(page.locator('#status')).toHaveText('Card details are hidden.');
});

test('our page never sees the card number or CVC, though our backend relays the issuer\'s answer', async ({ page, cardframe, openWallet }) => {
  const relayed = page.waitForResponse((response) => response.url().endsWith('/api/card'));
  await openWallet();
  await cardframe.reveal('#card');
  expect(await (await relayed).json()).toHaveProperty('encryptedPan');
  await cardframe.hide('#card');
  await cardframe.expectHostNeverSaw([CARD.pan, CARD.cvc]);
});

test('when the issuer fails, our page says so and the cardholder can try again', async ({ page, cardframe, openWallet, sandbox }) => {
  await openWallet();
  sandbox.issuer.failNext(503);
  await expect(cardframe.reveal('#card')).rejects.toMatchObject({ code: 'ERR_ISSUER_REQUEST' });
  await expect(page.locator('#status')).toHaveText('Something went wrong (ERR_ISSUER_REQUEST).');
  expect(await cardframe.errorText('#card')).toContain('could not be loaded');
  await cardframe.reveal('#card');
  expect((await cardframe.read('#card'))['pan']).toBe('4000 0566 5566 5556');
});
