import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

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
