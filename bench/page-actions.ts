// What the bench does on the host page: mount, reveal and remove cards, and
// the bare-iframe floors each measurement is read against.
import type { BrowserContext, Frame, Page } from '@playwright/test';
import type { BenchWindow } from './instrument.ts';
import { processTreeCpuMs } from './probes.ts';

/** A page the bench only runs scripts in (Playwright's, or one with no debugger on its frames), the frame it mounts, and the floor page's URL. */
export interface BenchTarget {
  readonly page: Pick<Page, 'evaluate'>;
  readonly frameUrl: string;
  readonly floorUrl: string;
  /** The browser's process, for {@link settle} to wait until every process it started is quiet; without it, settle waits a fixed time. */
  readonly browserPid?: number | undefined;
}

/** The page the bench drives through Playwright. */
export interface BenchPage extends BenchTarget {
  readonly page: Page;
}

export type Variant = 'card' | 'group';
/** The tags a group-variant card is made of: three fields, one frame each. */
export const GROUP_MEMBERS = ['cardframe-pan', 'cardframe-expiry', 'cardframe-cvc'] as const;

interface Mounted {
  /** ms from the first append until every frame element is ready or has failed. */
  ms: number;
  /** Frame elements that failed instead: silent for the SDK's ready timeout, and again after its one retry. */
  failed: number;
  /** The error codes the failed elements rejected with, each with how many: `ERR_FRAME_TIMEOUT×3`. */
  failedCodes: string[];
}

/** A mount that must succeed. */
export async function mountOk(...args: Parameters<typeof mountCards>): Promise<number> {
  const { ms, failed } = await mountCards(...args);
  if (failed > 0) throw new Error(`${failed} frame elements did not become ready`);
  return ms;
}

/**
 * Mounts `count` cards that fetch through the merchant backend and resolves
 * when every frame element is ready or has failed. A
 * `card` is one `<cardframe-card>`; a `group` is a `<cardframe-group>` of
 * `members` (one frame each) with one callback for the card.
 */
export async function mountCards({ page, frameUrl }: BenchTarget, count: number, variant: Variant = 'card', members: readonly string[] = GROUP_MEMBERS): Promise<Mounted> {
  return page.evaluate(
    async ([frameUrl, n, kind, tags]) => {
      type FrameLike = HTMLElement & { frameUrl: string; whenReady(): Promise<unknown> };
      const w = window as unknown as BenchWindow;
      w.__resolved = {};
      const fetchFor = (id: string) => async (sessionId: string) => {
        const body = await (await fetch('/api/card', { headers: { sessionid: sessionId } })).text();
        w.__resolved[id] = performance.now();
        return body;
      };
      const roots: HTMLElement[] = [];
      const frames: FrameLike[] = [];
      for (let i = 0; i < n; i++) {
        const id = `bench-${i}`;
        if (kind === 'card') {
          const card = document.createElement('cardframe-card') as FrameLike & { fetchCardData: unknown; fields: string[] };
          card.fields = ['pan', 'expiry', 'cvc'];
          card.fetchCardData = fetchFor(id);
          card.frameUrl = frameUrl;
          card.className = 'bench-card';
          card.id = id;
          roots.push(card);
          frames.push(card);
        } else {
          const group = document.createElement('cardframe-group') as HTMLElement & { frameUrl: string; fetchCardData: unknown };
          group.fetchCardData = fetchFor(id);
          group.frameUrl = frameUrl;
          group.className = 'bench-card';
          group.id = id;
          for (const tag of tags) frames.push(group.appendChild(document.createElement(tag)) as FrameLike);
          roots.push(group);
        }
      }
      const ready = Promise.allSettled(frames.map((frame) => frame.whenReady()));
      performance.mark('cf:connected');
      const start = performance.now();
      for (const root of roots) document.body.append(root);
      const outcomes = await ready;
      const ms = performance.now() - start;
      performance.mark('cf:ready');
      const codes = new Map<string, number>();
      let failed = 0;
      for (const outcome of outcomes) {
        if (outcome.status !== 'rejected') continue;
        failed++;
        const code = String((outcome.reason as { code?: unknown } | undefined)?.code ?? 'no code');
        codes.set(code, (codes.get(code) ?? 0) + 1);
      }
      return { ms, failed, failedCodes: [...codes].map(([code, n]) => `${code}×${n}`).sort() };
    },
    [frameUrl, count, variant, members] as const,
  );
}

/** Live cardframe iframes in the page (page.frames() lags behind removals), the demo page's own included. */
export function liveFrames({ page }: BenchPage): Promise<number> {
  return page.evaluate(() => [...document.querySelectorAll('*')].filter((el) => el.localName.startsWith('cardframe-') && el.shadowRoot?.querySelector('iframe')).length);
}

/** Iframes inside the bench's own cards. */
export function benchFrames({ page }: BenchPage): Promise<number> {
  return page.evaluate(() => [...document.querySelectorAll('.bench-card, .bench-card *')].filter((el) => el.shadowRoot?.querySelector('iframe')).length);
}

/** Takes the bench cards out: `remove()` from the DOM, or the elements' own `destroy()`. */
export async function removeCards({ page }: BenchTarget, how: 'remove' | 'destroy' = 'remove'): Promise<void> {
  await page.evaluate((method) => document.querySelectorAll('.bench-card').forEach((card) => (card as HTMLElement & { destroy(): void })[method]()), how);
}

/** How long {@link settle} watches the browser's CPU at a time, and the most it may use in that window to count as quiet. */
export const QUIET_WINDOW_MS = 250;
export const QUIET_CPU_MS = 30;
/** The longest {@link settle} waits for the browser to go quiet before it gives up and lets the next measurement start. */
const QUIET_AT_MOST_MS = 30_000;

/**
 * After taking `removed` frames out, waits until Playwright no longer lists
 * them, then until the browser is quiet: every one of its processes together
 * used at most {@link QUIET_CPU_MS} of CPU in each of two
 * {@link QUIET_WINDOW_MS} windows. A renderer tears down 150 removed frames
 * for seconds after they are gone (4–8 s seen for the floor's bare iframes on
 * 2 cores); the next measurement, often the cards after their floor, must not
 * share the machine with that.
 */
export async function settle({ page, floorUrl, browserPid }: BenchPage, removed: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (page.frames().some((frame) => frame !== page.mainFrame() && frame.url().startsWith(floorUrl)) || (await framesOf(page, ['cardframe-card', 'cardframe-pan', 'cardframe-expiry', 'cardframe-cvc'])).length > 0) {
    if (Date.now() > deadline) break;
    await page.waitForTimeout(50);
  }
  await page.waitForTimeout(250 + 10 * removed);
  await quiet(browserPid);
}

/** Waits until the browser `browserPid` is quiet, as {@link settle} describes; at once where its CPU time cannot be read. */
export async function quiet(browserPid: number | undefined): Promise<void> {
  let last = processTreeCpuMs(browserPid);
  if (last === undefined) return;
  const giveUp = Date.now() + QUIET_AT_MOST_MS;
  for (let windows = 0; windows < 2 && Date.now() < giveUp; ) {
    await new Promise((done) => setTimeout(done, QUIET_WINDOW_MS));
    const now = processTreeCpuMs(browserPid);
    if (now === undefined) return;
    windows = now - last <= QUIET_CPU_MS ? windows + 1 : 0;
    last = now;
  }
}

/** The frames of bench elements with one of `tags`. */
export async function framesOf(target: Page, tags: readonly string[]): Promise<Frame[]> {
  const found: Frame[] = [];
  for (const frame of target.frames()) {
    if (frame === target.mainFrame() || frame.isDetached()) continue;
    const element = await frame.frameElement().catch(() => undefined);
    const tag = await element?.evaluate((iframe) => {
      const host = (iframe.getRootNode() as ShadowRoot).host;
      return host?.closest('.bench-card') ? host.localName : undefined;
    });
    if (tag && tags.includes(tag)) found.push(frame);
  }
  return found;
}

/**
 * Clicks Reveal in a card's frame and resolves with ms from its callback
 * resolving to the reveal event. `pointer`: a mouse click at the button's
 * place on the page, as the cardholder makes it. `script`: the button's own
 * `click()` inside the frame, once it is enabled, for a frame revealed and
 * hidden many times over: there, after the group-ready phases, a pointer click
 * was lost in 5 of 9 runs (the frame took focus but stayed idle, its Reveal
 * button enabled, and its host callback was never called), and what is timed
 * starts only at the callback's answer.
 */
export async function revealCard({ page }: BenchPage, id: string, click: 'pointer' | 'script' = 'pointer'): Promise<number> {
  const revealed = page.evaluate(
    (cardId) =>
      new Promise<number>((resolve, reject) => {
        const card = document.getElementById(cardId)!;
        // The previous reveal's answer goes, so only this reveal's can count.
        delete (window as unknown as BenchWindow).__resolved[cardId];
        // A reveal that fails or never comes stops the bench with a reason instead of hanging it.
        // Whether the host callback had answered splits a hang before the issuer request from one after it.
        const timer = setTimeout(() => {
          const answered = (window as unknown as BenchWindow).__resolved[cardId] !== undefined;
          reject(new Error(`no cardframe-reveal from #${cardId} in 20 s (the host callback ${answered ? 'had answered' : 'had not answered'})`));
        }, 20_000);
        card.addEventListener('cardframe-error', (event) => {
          clearTimeout(timer);
          reject(new Error(`#${cardId} reported ${(event as CustomEvent<{ code: string }>).detail.code} instead of revealing`));
        }, { once: true });
        card.addEventListener('cardframe-reveal', () => {
          clearTimeout(timer);
          resolve(performance.now() - (window as unknown as BenchWindow).__resolved[cardId]!);
        }, { once: true });
      }),
    id,
  );
  if (click === 'pointer') {
    await page.frameLocator(`#${id} iframe`).getByRole('button', { name: /Reveal/ }).click({ timeout: 10_000 });
    return revealed;
  }
  const frame = await (await page.locator(`#${id} iframe`).elementHandle())?.contentFrame();
  if (!frame) throw new Error(`#${id} has no frame to reveal`);
  // Clicks once, as soon as the button offers a reveal (the function stops polling when it returns true).
  await frame.waitForFunction(
    () => {
      const button = document.body.firstElementChild?.shadowRoot?.querySelector<HTMLButtonElement>('button[part="toggle"]');
      if (!button || button.disabled || !/Reveal/.test(button.textContent ?? '')) return false;
      button.click();
      return true;
    },
    undefined,
    { timeout: 10_000 },
  );
  return revealed;
}

/**
 * Reveals every bench card at once, by in-frame clicks dispatched in
 * parallel (no pointer automation), and resolves with ms from the first
 * click to the last `cardframe-reveal` the host sees. A card: its Reveal
 * button (one event per card). A group: every PAN's eye first, which makes
 * the card's one issuer request and hands the expiry and CVC frames their
 * values over the group's channel; once those PANs show, the expiry and CVC
 * eyes, which show the held values without a request (three events per
 * card). Cards that failed to mount are left out.
 */
export async function revealAll({ page }: BenchPage, variant: Variant): Promise<{ ms: number; revealed: number }> {
  // Resolves with how many buttons there were to click (a frame that failed to get ready has none).
  const click = async (frames: Frame[]): Promise<number> => {
    const clicked = await Promise.all(
      frames.map((frame) =>
        frame.evaluate(() => {
          const button = document.body.firstElementChild?.shadowRoot?.querySelector<HTMLButtonElement>('button[part="toggle"]:not([disabled])');
          button?.click();
          return button !== null && button !== undefined;
        }),
      ),
    );
    return clicked.filter(Boolean).length;
  };
  const first = await framesOf(page, [variant === 'card' ? 'cardframe-card' : 'cardframe-pan']);
  const rest = variant === 'card' ? [] : await framesOf(page, ['cardframe-expiry', 'cardframe-cvc']);
  await page.evaluate(() => {
    const w = window as unknown as { __revealSeen: number; __revealStart: number; __revealLast: number; __onReveal?: (event: Event) => void };
    if (w.__onReveal) document.removeEventListener('cardframe-reveal', w.__onReveal);
    w.__revealSeen = 0;
    w.__revealLast = 0;
    w.__onReveal = (event) => {
      if (!(event.target as Element).closest('.bench-card')) return;
      w.__revealSeen++;
      w.__revealLast = performance.now();
    };
    document.addEventListener('cardframe-reveal', w.__onReveal);
    w.__revealStart = performance.now();
  });
  // A reveal that never comes (a frame too busy, a failed request) ends the wait after 60 s; the count tells.
  const seen = (want: number) => page.waitForFunction((n) => (window as unknown as { __revealSeen: number }).__revealSeen >= n, want, { timeout: 60_000, polling: 5 }).catch(() => undefined);
  const clicked = await click(first);
  await seen(clicked);
  await seen(clicked + (await click(rest)));
  return page.evaluate(() => {
    const w = window as unknown as { __revealSeen: number; __revealStart: number; __revealLast: number };
    return { ms: w.__revealLast - w.__revealStart, revealed: w.__revealSeen };
  });
}

/** The floor for `count` frames: bare cross-origin iframes all posted their load message; then one round trip to each, in parallel. */
export async function floorFrames(stage: BenchPage, count: number, tag: string): Promise<{ readyMs: number; roundTripMs: number }> {
  const readyMs = await mountFloor(stage, count, tag);
  return { readyMs, roundTripMs: await floorRoundTrips(stage) };
}

/** Takes out the bare iframes {@link mountFloor} left, without the round trips of {@link floorRoundTrips}. */
export function removeFloor({ page }: BenchTarget): Promise<void> {
  return page.evaluate(() => (window as unknown as { __floor: HTMLIFrameElement[] }).__floor.forEach((frame) => frame.remove()));
}

/** Appends `count` bare cross-origin iframes at once and resolves with ms until every one posted its load message; they stay for {@link floorRoundTrips}. */
export function mountFloor({ page, floorUrl }: BenchTarget, count: number, tag: string): Promise<number> {
  return page.evaluate(
    ([url, n]) =>
      new Promise<number>((resolve) => {
        const frames: HTMLIFrameElement[] = [];
        (window as unknown as { __floor: HTMLIFrameElement[] }).__floor = frames;
        let waiting = n;
        const start = performance.now();
        const onMessage = (event: MessageEvent): void => {
          if (event.data !== 'ready' || !frames.some((frame) => frame.contentWindow === event.source) || --waiting > 0) return;
          removeEventListener('message', onMessage);
          resolve(performance.now() - start);
        };
        addEventListener('message', onMessage);
        for (let i = 0; i < n; i++) {
          const frame = document.createElement('iframe');
          frame.src = `${url}&i=${i}`;
          frames.push(frame);
        }
        for (const frame of frames) document.body.append(frame);
      }),
    [`${floorUrl}?floor=${tag}`, count] as const,
  );
}

/** One message round trip to each of the floor's iframes, in parallel (ms); then removes them. */
export function floorRoundTrips({ page }: BenchTarget): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const frames = (window as unknown as { __floor: HTMLIFrameElement[] }).__floor;
        let waiting = frames.length;
        const onMessage = (event: MessageEvent): void => {
          if (event.data !== 'ping' || !frames.some((frame) => frame.contentWindow === event.source) || --waiting > 0) return;
          removeEventListener('message', onMessage);
          for (const frame of frames) frame.remove();
          resolve(performance.now() - start);
        };
        addEventListener('message', onMessage);
        const start = performance.now();
        for (const frame of frames) frame.contentWindow!.postMessage('ping', '*');
      }),
  );
}

/** The floor for one frame: ms from creating a bare cross-origin iframe to its load message. */
export function floorLoad({ page, floorUrl }: BenchPage, query: string): Promise<number> {
  return page.evaluate(
    (url) =>
      new Promise<number>((resolve) => {
        const start = performance.now();
        const frame = document.createElement('iframe');
        const onMessage = (event: MessageEvent): void => {
          if (event.source !== frame.contentWindow) return;
          removeEventListener('message', onMessage);
          resolve(performance.now() - start);
          frame.remove();
        };
        addEventListener('message', onMessage);
        frame.src = url;
        document.body.append(frame);
      }),
    `${floorUrl}?${query}`,
  );
}

/** The floor for one message: ms of one round trip to a bare cross-origin iframe, once it has loaded. */
export function floorRoundTrip({ page, floorUrl }: BenchPage, query: string): Promise<number> {
  return page.evaluate(
    (url) =>
      new Promise<number>((resolve) => {
        const frame = document.createElement('iframe');
        frame.src = url;
        addEventListener('message', function onReady(event) {
          if (event.source !== frame.contentWindow) return;
          removeEventListener('message', onReady);
          const start = performance.now();
          addEventListener('message', function onEcho(echo) {
            if (echo.source !== frame.contentWindow) return;
            removeEventListener('message', onEcho);
            resolve(performance.now() - start);
            frame.remove();
          });
          frame.contentWindow!.postMessage('ping', '*');
        });
        document.body.append(frame);
      }),
    `${floorUrl}?${query}`,
  );
}

/** A new page in `context` on the merchant site, once the demo's own frames (of `frameUrl`) are on it. */
export async function merchantPageIn(context: BrowserContext, merchantUrl: string, frameUrl: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(merchantUrl);
  await page.waitForFunction((url) => [...document.querySelectorAll('*')].some((el) => el.shadowRoot?.querySelector(`iframe[src^="${url}"]`)), frameUrl);
  return page;
}

/** One of the demo page's own frames of `frameUrl`, which stay for the whole run (a CDP session into the frame process). */
export function residentFrame(page: Page, frameUrl: string): Frame {
  const frame = page.frames().find((each) => each !== page.mainFrame() && each.url().startsWith(frameUrl));
  if (!frame) throw new Error(`the merchant page has no frame of ${frameUrl}`);
  return frame;
}
