import type { Page } from '@playwright/test';
import type { ErrorInfo } from '@cardframe/protocol';
import { expect, test } from './fixtures.ts';
import { addToWallet } from './provisioning-support.ts';
import { chunk, failOnceIn } from './frame-file-failure.ts';

// A file of the frame's own code that does not arrive (a dropped connection, a
// deploy that replaced it) is the frame failing to load: the element mounts it
// once more, and only a second failure reaches the page, typed, once.

const PIN_FLOW_CHUNK = /\/assets\/pin-flow-[\w-]+\.js$/;

interface Outcome {
  id: string;
  event: string;
  code: string | undefined;
}

/** Records, from before the page's scripts run, every cardframe-error and cardframe-ready by element id. */
function recordOutcomes(): void {
  const seen: Outcome[] = [];
  (window as unknown as { outcomes: typeof seen }).outcomes = seen;
  for (const event of ['cardframe-error', 'cardframe-ready']) {
    document.addEventListener(event, (e) => {
      const target = e.composedPath()[0] as HTMLElement;
      seen.push({ id: target.id, event, code: (e as CustomEvent<{ code?: string }>).detail?.code });
    });
  }
}

/** What {@link recordOutcomes} has recorded on `page` so far. */
const outcomesOn = (page: Page): Promise<Outcome[]> => page.evaluate(() => (window as unknown as { outcomes: Outcome[] }).outcomes);

test('a PIN frame whose flow file fails to download once is mounted again and becomes ready, with no error on the page', async ({ host, page }) => {
  const requests: string[] = [];
  let failures = 1;
  await page.route(PIN_FLOW_CHUNK, (route) => {
    requests.push(route.request().url());
    return failures-- > 0 ? route.abort('connectionreset') : route.continue();
  });
  await page.addInitScript(recordOutcomes);
  await host.open();
  await expect(host.pinFrame.getByRole('button', { name: 'Set PIN' })).toBeEnabled();
  const outcomes = await outcomesOn(page);
  expect(outcomes.filter((outcome) => outcome.id === 'pin')).toEqual([{ id: 'pin', event: 'cardframe-ready', code: undefined }]);
  expect(outcomes.filter((outcome) => outcome.event === 'cardframe-error')).toEqual([]);
  expect(requests).toHaveLength(2);
});

test('a PIN frame whose flow file never downloads fails once with ERR_FRAME_LOAD after its one retry, and the page\'s other cards still become ready', async ({ host, page }) => {
  const requests: string[] = [];
  await page.route(PIN_FLOW_CHUNK, (route) => {
    requests.push(route.request().url());
    return route.abort('connectionreset');
  });
  await page.addInitScript(recordOutcomes);
  // Not host.open(): it waits for every frame to settle at its height, and this one never will.
  await page.goto(host.demo.merchantUrl);
  const outcomes = () => outcomesOn(page);
  await expect.poll(async () => (await outcomes()).filter((outcome) => outcome.id === 'pin')).toEqual([{ id: 'pin', event: 'cardframe-error', code: 'ERR_FRAME_LOAD' }]);
  await expect(host.frame.getByRole('button', { name: /Reveal/ })).toBeEnabled();
  expect((await outcomes()).filter((outcome) => outcome.event === 'cardframe-error')).toEqual([{ id: 'pin', event: 'cardframe-error', code: 'ERR_FRAME_LOAD' }]);
  // Nothing more is mounted or reported after the element gave up.
  await page.waitForTimeout(500);
  expect(requests).toHaveLength(2);
  expect((await outcomes()).filter((outcome) => outcome.id === 'pin')).toHaveLength(1);
});

// After ready, a file a click needs that does not arrive fails that one action
// with ERR_FRAME_LOAD; the next click fetches it again instead of failing the
// same way until the frame is reloaded.

test('a key-pair reveal whose JWE file fails to download reports ERR_FRAME_LOAD, and the next click fetches it again and shows the card', async ({ host, page }) => {
  const requests = await failOnceIn(page, chunk('jwe'), 'card-keypair');
  // The PIN entry's frame would load the JWE code first, and a file one frame
  // has loaded comes to the others from the renderer's memory cache: the page
  // gets a plain placeholder in its place.
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      const pin = document.querySelector('cardframe-pin#pin');
      if (!pin) return;
      const placeholder = document.createElement('div');
      placeholder.id = 'pin';
      pin.replaceWith(placeholder);
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  });
  await host.open();
  const keyPair = host.frameIn('#card-keypair');
  const error = host.nextEvent<ErrorInfo>('cardframe-error', '#card-keypair');
  await keyPair.getByRole('button', { name: /Reveal/ }).click();
  expect((await error).code).toBe('ERR_FRAME_LOAD');
  const shown = host.nextEvent('cardframe-reveal', '#card-keypair');
  await keyPair.getByRole('button', { name: /Reveal|Try again/ }).click();
  await shown;
  await expect(keyPair.locator('[data-field=pan]')).toHaveText('4242 4242 4242 4242');
  expect(requests).toHaveLength(2);
});

test('Add to wallet whose file fails to download ends that push as failed with ERR_FRAME_LOAD, and the next click adds the card', async ({ host, page }) => {
  const requests = await failOnceIn(page, chunk('add-to-wallet'), 'card');
  await host.open();
  await host.waitForReady();
  const events = await host.recordEvents('#card', ['cardframe-error', 'cardframe-provision']);
  await host.frame.getByRole('button', { name: 'Add to wallet' }).click();
  await expect.poll(async () => (await events()).map(({ name, detail }) => [name, (detail as { code?: string }).code])).toEqual([
    ['cardframe-error', 'ERR_FRAME_LOAD'],
    ['cardframe-provision', 'ERR_FRAME_LOAD'],
  ]);
  expect((await events())[1]!.detail).toEqual({ outcome: 'failed', code: 'ERR_FRAME_LOAD' });
  await expect(host.frame.getByRole('status').filter({ hasText: 'ERR_FRAME_LOAD' })).toBeVisible();
  expect(await addToWallet(host)).toEqual({ outcome: 'added' });
  expect(requests).toHaveLength(2);
});

test('a host look whose styling file fails to download is refused with ERR_FRAME_LOAD, and the next configure loads it and applies the look', async ({ host, page }) => {
  const requests = await failOnceIn(page, chunk('apply-style'), 'card');
  await host.open();
  await host.waitForReady();
  const error = host.nextEvent<ErrorInfo>('cardframe-error');
  await page.evaluate(() => ((document.querySelector('#card') as HTMLElement & { theme?: string }).theme = 'dark'));
  expect((await error).code).toBe('ERR_FRAME_LOAD');
  const ready = host.nextEvent('cardframe-ready');
  await page.evaluate(() => ((document.querySelector('#card') as HTMLElement & { locale?: string }).locale = 'de'));
  await ready;
  // The dark preset's label colour.
  await expect(host.frame.getByText('Kartennummer', { exact: true })).toHaveCSS('color', 'rgb(184, 184, 184)');
  expect(requests).toHaveLength(2);
});
