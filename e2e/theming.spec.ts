import type { ErrorInfo } from '@cardframe/protocol';
import { expect, test } from './fixtures.ts';

type StyledCard = HTMLElement & { theme?: string; locale?: string; frameStyle?: unknown };

test('a dark, German card with a custom value colour renders so inside the frame and still reveals', async ({ host }) => {
  await host.open();
  await host.waitForReady();
  const ready = host.nextEvent('cardframe-ready');
  await host.page.evaluate(() => {
    const card = document.querySelector('#card') as StyledCard;
    card.theme = 'dark';
    card.locale = 'de';
    card.frameStyle = { value: { color: 'rgb(18, 52, 86)' }, button: { borderRadius: '0px' } };
  });
  await ready;
  const reveal = host.frame.getByRole('button', { name: 'Kartendaten anzeigen' });
  await expect(reveal).toBeEnabled();
  await expect(reveal).toHaveCSS('border-radius', '0px');
  await expect(host.frame.locator('[data-field=pan]')).toHaveCSS('color', 'rgb(18, 52, 86)');
  await expect(host.frame.locator('[data-field=pan]')).toHaveAttribute('aria-label', 'Kartennummer verborgen');
  // The dark preset's label colour, from the custom properties the views read.
  await expect(host.frame.getByText('Kartennummer', { exact: true })).toHaveCSS('color', 'rgb(184, 184, 184)');
  await expect(host.frame.locator('html')).toHaveAttribute('lang', 'de');
  await reveal.click();
  await expect(host.frame.locator('[data-field=pan]')).toHaveText('4242 4242 4242 4242');
  await expect(host.frame.getByRole('button', { name: 'Kartendaten verbergen' })).toBeVisible();
  expect(host.consoleErrors.filter((text) => /Content Security Policy|Refused/i.test(text))).toEqual([]);
});

test('an invalid style gives a cardframe-error with ERR_STYLE_REFUSED, and the card keeps working in its default look', async ({ host }) => {
  await host.open();
  await host.waitForReady();
  await host.page.evaluate(() => {
    (document.querySelector('#card') as StyledCard).frameStyle = { value: { color: 'rgb(18, 52, 86)' } };
  });
  await expect(host.frame.locator('[data-field=pan]')).toHaveCSS('color', 'rgb(18, 52, 86)');
  const error = host.nextEvent<ErrorInfo>('cardframe-error');
  const ready = host.page.evaluate(
    () => new Promise((resolve) => document.querySelector('#card')!.addEventListener('cardframe-ready', resolve, { once: true })),
  );
  await host.page.evaluate(() => {
    (document.querySelector('#card') as StyledCard).frameStyle = { value: { color: 'red', backgroundColor: 'url(https://evil.example/4242)' } };
  });
  expect(await error).toEqual({ code: 'ERR_STYLE_REFUSED', message: 'style.value.backgroundColor: not allowed' });
  await ready;
  // The element asked again without the refused style: the frame is back to its own colours.
  await expect(host.frame.locator('[data-field=pan]')).not.toHaveCSS('color', 'rgb(18, 52, 86)');
  await expect(host.frame.locator('[data-field=pan]')).not.toHaveCSS('color', 'rgb(255, 0, 0)');
  await host.frame.getByRole('button', { name: /Reveal/ }).click();
  await expect(host.frame.locator('[data-field=pan]')).toHaveText('4242 4242 4242 4242');
});

test('the PIN entry speaks German when asked to', async ({ host }) => {
  await host.open();
  await expect(host.pinFrame.getByLabel('New PIN', { exact: true })).toBeEnabled();
  await host.page.evaluate(() => {
    (document.querySelector('#pin') as StyledCard).locale = 'de-AT';
  });
  await expect(host.pinFrame.getByLabel('Neue PIN', { exact: true })).toBeVisible();
  await expect(host.pinFrame.getByRole('button', { name: 'PIN festlegen' })).toBeVisible();
});
