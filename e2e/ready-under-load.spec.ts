import { chromiumLaunchOptions } from '../packages/testing/src/chromium.mjs';
import { lighterWindows } from './lighter-windows.ts';
import { expect, test } from './fixtures.ts';

// Frames that are slow because the page is busy are waited for; a frame that
// never answers is mounted once more, then fails once with a typed error.
//
// The host and its frames share one renderer process here, as they do where
// Chromium isolates fewer sites (Android): a long task on the host page then
// stalls the frames too, and only the time the page was responsive counts
// against them.
const shared = lighterWindows(chromiumLaunchOptions());
test.use({ launchOptions: { ...shared, args: [...(shared.args ?? []), '--disable-site-isolation-trials'] } });

test('frames loading while the host page blocks its renderer for longer than ready-timeout all become ready, without a retry', async ({ host, demo }) => {
  test.setTimeout(90_000);
  await host.open();
  const frameUrl = demo.frameUrl;
  const requests: string[] = [];
  host.page.on('request', (request) => {
    if (request.url() === frameUrl && request.resourceType() === 'document') requests.push(request.url());
  });
  const outcome = await host.page.evaluate(async (url) => {
    type Waiting = HTMLElement & { frameUrl: string; readyTimeout: number; whenReady(): Promise<unknown>; updateComplete: Promise<unknown> };
    const errors: string[] = [];
    let readies = 0;
    const frames: Waiting[] = [];
    const roots: HTMLElement[] = [];
    for (let g = 0; g < 2; g++) {
      const group = document.createElement('cardframe-group') as HTMLElement & { frameUrl: string };
      group.frameUrl = url;
      for (const tag of ['cardframe-pan', 'cardframe-expiry', 'cardframe-cvc']) frames.push(group.appendChild(document.createElement(tag)) as Waiting);
      roots.push(group);
    }
    const card = document.createElement('cardframe-card') as Waiting;
    card.frameUrl = url;
    frames.push(card);
    roots.push(card);
    for (const frame of frames) {
      frame.readyTimeout = 1000;
      frame.addEventListener('cardframe-error', (event) => errors.push((event as CustomEvent<{ code: string }>).detail.code));
      frame.addEventListener('cardframe-ready', () => readies++);
    }
    const settled = Promise.allSettled(frames.map((frame) => frame.whenReady()));
    for (const root of roots) document.body.append(root);
    await Promise.all(frames.map((frame) => frame.updateComplete));
    // Six long tasks, each longer than the ready timeout, with one turn of the event loop between
    // them, while the frames load. The silence watch's next tick comes in the first gap: had it
    // counted the first long task, every frame not ready by then would be given up on.
    const started = performance.now();
    let readyAfterFirstTask = -1;
    for (let i = 0; i < 6; i++) {
      const end = performance.now() + 1100;
      while (performance.now() < end) {
        // Busy, as a page running a long script is.
      }
      if (i === 0) readyAfterFirstTask = readies;
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    const blockedMs = performance.now() - started;
    const outcomes = await settled;
    return { frames: frames.length, blockedMs, readyAfterFirstTask, readies, errors, rejected: outcomes.filter((o) => o.status === 'rejected').length };
  }, frameUrl);
  expect(outcome.blockedMs).toBeGreaterThan(6000);
  // The frames were still on their way after a long task longer than their ready timeout. (Whether
  // some finish in the later gaps depends on the machine: with the smaller frame, all seven did in one run.)
  expect(outcome.readyAfterFirstTask).toBeLessThan(outcome.frames);
  expect(outcome.errors).toEqual([]);
  expect(outcome.rejected).toBe(0);
  expect(outcome.readies).toBe(outcome.frames);
  // Each frame was loaded once: none was given up on and mounted again.
  expect(requests).toHaveLength(outcome.frames);
});

test('a frame page that never answers is requested twice (a fresh iframe for the retry), then the element fails once with ERR_FRAME_TIMEOUT', async ({ host, demo }) => {
  await host.open();
  const silentUrl = new URL('/never-ready/', demo.frameUrl).href;
  let served = 0;
  await host.page.route(silentUrl, async (route) => {
    served++;
    // A page on the frame origin that loads but never takes the host's connect.
    await route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>not a frame</title>' });
  });
  const outcome = await host.page.evaluate(async (url) => {
    const card = document.createElement('cardframe-card') as HTMLElement & { frameUrl: string; readyTimeout: number; whenReady(): Promise<unknown>; updateComplete: Promise<unknown> };
    card.readyTimeout = 800;
    card.frameUrl = url;
    const errors: { code: string; message: string }[] = [];
    let readies = 0;
    card.addEventListener('cardframe-error', (event) => errors.push((event as CustomEvent<{ code: string; message: string }>).detail));
    card.addEventListener('cardframe-ready', () => readies++);
    const ready = card.whenReady().then(
      () => 'resolved',
      (error: { code: string }) => error.code,
    );
    document.body.append(card);
    await card.updateComplete;
    const iframes: HTMLIFrameElement[] = [];
    const record = (): void => {
      for (const iframe of card.shadowRoot!.querySelectorAll('iframe')) if (!iframes.includes(iframe)) iframes.push(iframe);
    };
    record();
    new MutationObserver(record).observe(card.shadowRoot!, { childList: true });
    const code = await ready;
    // Nothing more follows: no third mount, no second error.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    return { code, errors, readies, iframes: iframes.length, firstGone: !iframes[0]!.isConnected, lastShown: iframes.at(-1)!.isConnected };
  }, silentUrl);
  expect(outcome.code).toBe('ERR_FRAME_TIMEOUT');
  expect(outcome.errors).toHaveLength(1);
  expect(outcome.errors[0]).toMatchObject({ code: 'ERR_FRAME_TIMEOUT' });
  expect(outcome.readies).toBe(0);
  expect(outcome).toMatchObject({ iframes: 2, firstGone: true, lastShown: true });
  expect(served).toBe(2);
});
