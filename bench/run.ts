// `pnpm bench`: production bundles in headless Chromium on loopback. Every
// timing is a median of repeated runs, reported beside a floor measured in
// the same run (this machine is shared and noisy: ratios, not absolutes, are
// the figures to compare). Writes BENCHMARKS.md and bench/results.json.
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync, writeFileSync } from 'node:fs';
import { constants, generateKeyPairSync, privateDecrypt, publicEncrypt } from 'node:crypto';
import { join } from 'node:path';
import os from 'node:os';
import { chromium, type CDPSession, type Frame, type Page } from '@playwright/test';
import { compactDecrypt } from 'jose';
import { importIssuerEncryptionKey, sealJwe } from '@cardframe/crypto';
import { startDemo } from '@cardframe/demo';
import { generatePinKey, openEncryptedPin, unwrapSessionId } from '@cardframe/issuer';
import { chromiumLaunchOptions, chromiumPath } from '../packages/testing/src/chromium.mjs';
import { compare, median } from './ops.ts';
import { bundleSizes, otherSizes, SIZE_BUDGETS, wrapperSizes } from './sizes.ts';

const root = join(import.meta.dirname, '..');
const QUICK = process.argv.includes('--quick');
const RUNS = QUICK ? 7 : 21;
const MANY_RUNS = QUICK ? 3 : 5;
const MANY_COUNTS = [1, 10, 50] as const;
const LEAK_CYCLES = QUICK ? 100 : 1000;
const round = (n: number, digits = 2): number => Number(n.toFixed(digits));

function step(name: string): void {
  console.log(`[bench] ${name}`);
}

// ---------------------------------------------------------------- build
// `--no-build` reuses the bundles already built (for iterating on this file only).
if (!process.argv.includes('--no-build')) {
  step('building production bundles');
  execFileSync('pnpm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
}
execFileSync('pnpm', ['exec', 'vite', 'build', '--config', 'bench/vite.config.ts'], { cwd: root, stdio: 'inherit' });
const sizes = [...bundleSizes(), ...(await wrapperSizes())];
const unbudgetedSizes = otherSizes();

// ---------------------------------------------------------------- servers
// The floor: a bare cross-origin page that posts one message on load and echoes what it is sent.
const FLOOR_PAGE = `<!doctype html><title>floor</title><script>
addEventListener('message', (e) => e.source.postMessage(e.data, '*'));
parent.postMessage('ready', '*');
</script>`;
const cryptoModule = () => readFileSync(join(import.meta.dirname, 'dist/crypto-page.js'));
const floor = createServer((req, res) => {
  if (req.url?.startsWith('/crypto-page.js')) {
    res.writeHead(200, { 'content-type': 'text/javascript', 'access-control-allow-origin': '*' });
    return res.end(cryptoModule());
  }
  res.writeHead(200, { 'content-type': 'text/html', 'cache-control': 'no-cache' });
  res.end(FLOOR_PAGE);
});
await new Promise<void>((done) => floor.listen(0, '127.0.0.1', done));
const floorUrl = `http://127.0.0.1:${(floor.address() as AddressInfo).port}/`;

const demo = await startDemo({
  frameConfig: (config) => ({ ...config, flows: { reveal: { ...config.flows.reveal!, maxPerMinute: 1000, autoHideSeconds: 0 } } }),
});
const issuerStats = demo.issuer!.stats;

/** What the instrumentation leaves on the host page's window. */
interface BenchWindow {
  __ports: { created: number; closed: number };
  __resolved: Record<string, number>;
}

/**
 * Timing marks and port counts, injected before any page script runs (so
 * the SDK and the frame are measured as built; nothing in them changes).
 * Host page: `cf:iframe-created` (the SDK's createElement('iframe')),
 * `cf:iframe-load` (its load event, before the SDK's own listener),
 * `cf:connect-posted` (FrameChannel.connect makes its MessageChannel just
 * before posting), `cf:configure-answered` (first reply on that port).
 * Frame: `cf:connect-received`, `cf:configure-received`, `cf:ready-sent`.
 * Each mark is set once per document (host marks are cleared per run).
 */
function instrument({ hostOrigin, frameOrigin }: { hostOrigin: string; frameOrigin: string }): void {
  const once = (name: string): void => {
    if (performance.getEntriesByName(name, 'mark').length === 0) performance.mark(name);
  };
  const kindOf = (data: unknown): Record<string, unknown> => (typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {});
  if (location.origin === hostOrigin) {
    const counts = { created: 0, closed: 0 };
    (window as unknown as BenchWindow).__ports = counts;
    const Original = MessageChannel;
    window.MessageChannel = class extends Original {
      constructor() {
        super();
        counts.created++;
        once('cf:connect-posted');
        this.port1.addEventListener('message', (event) => {
          if (kindOf(event.data)['kind'] === 'reply') once('cf:configure-answered');
        });
      }
    };
    const close = MessagePort.prototype.close;
    MessagePort.prototype.close = function (this: MessagePort) {
      counts.closed++;
      close.call(this);
    };
    const create = Document.prototype.createElement;
    Document.prototype.createElement = function (this: Document, name: string, options?: ElementCreationOptions) {
      const element = create.call(this, name, options);
      if (name.toLowerCase() === 'iframe') {
        once('cf:iframe-created');
        element.addEventListener('load', () => once('cf:iframe-load'));
      }
      return element;
    } as typeof Document.prototype.createElement;
  }
  if (location.origin === frameOrigin) {
    addEventListener(
      'message',
      (event) => {
        if (kindOf(event.data)['cardframe'] !== 'connect' || event.ports.length !== 1) return;
        once('cf:connect-received');
        event.ports[0]!.addEventListener('message', (request) => {
          if (kindOf(request.data)['method'] === 'configure') once('cf:configure-received');
        });
      },
      true,
    );
    const post = MessagePort.prototype.postMessage;
    MessagePort.prototype.postMessage = function (this: MessagePort, message: unknown, ...rest: [never]) {
      const m = kindOf(message);
      if (m['kind'] === 'event' && m['event'] === 'ready') once('cf:ready-sent');
      return post.call(this, message, ...rest);
    } as typeof MessagePort.prototype.postMessage;
  }
}

const browser = await chromium.launch(chromiumLaunchOptions());
// The host page's CSP allows frames from the frame origin only; the floor frame needs it lifted.
const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 1000 } });
await context.addInitScript(instrument, { hostOrigin: new URL(demo.merchantUrl).origin, frameOrigin: new URL(demo.frameUrl).origin });
const page = await context.newPage();
await page.goto(demo.merchantUrl);
const cdp = await context.newCDPSession(page);
const browserCdp = await browser.newBrowserCDPSession();

interface HeapUsage {
  usedSize: number;
  embedderHeapUsedSize?: number;
}

async function heapOf(session: CDPSession): Promise<{ js: number; dom: number }> {
  await session.send('HeapProfiler.collectGarbage');
  const usage = (await session.send('Runtime.getHeapUsage')) as HeapUsage;
  return { js: usage.usedSize, dom: usage.embedderHeapUsedSize ?? 0 };
}

async function heapUsed(): Promise<number> {
  return (await heapOf(cdp)).js;
}

// ---------------------------------------------------------------- processes
// With site isolation the frames (127.0.0.1) run in a renderer process of
// their own, shared by every frame of that site, apart from the host page
// (localhost). Chromium does not say which renderer is which, so each is
// found by keeping it busy for a moment and seeing whose CPU time moves.
async function rendererCpu(): Promise<Map<number, number>> {
  const { processInfo } = (await browserCdp.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; id: number; cpuTime: number }[] };
  return new Map(processInfo.filter((p) => p.type === 'renderer').map((p) => [p.id, p.cpuTime]));
}

async function rendererOf(target: Page | Frame): Promise<number | undefined> {
  const before = await rendererCpu();
  await target.evaluate(() => {
    const start = performance.now();
    while (performance.now() - start < 800);
  });
  const after = await rendererCpu();
  let best: [number, number] | undefined;
  for (const [pid, cpu] of after) {
    const used = cpu - (before.get(pid) ?? cpu);
    if (!best || used > best[1]) best = [pid, used];
  }
  return best && best[1] > 0.2 ? best[0] : undefined;
}

/** Proportional set size of a process in bytes (Linux), or undefined. */
function pss(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const kb = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
}

// The demo page's own frames stay for the whole run, so the frame process does too; one of them gives a CDP session into it.
await page.waitForFunction((url) => [...document.querySelectorAll('*')].some((el) => el.shadowRoot?.querySelector(`iframe[src^="${url}"]`)), demo.frameUrl);
await page.waitForTimeout(500);
const residentFrame = page.frames().find((frame) => frame !== page.mainFrame() && frame.url().startsWith(demo.frameUrl))!;
const frameCdp = await context.newCDPSession(residentFrame);
const hostPid = await rendererOf(page);
const framePid = await rendererOf(residentFrame);
const frameSharesHostProcess = hostPid !== undefined && hostPid === framePid;

interface Memory {
  hostJs: number;
  hostDom: number;
  frameJs: number;
  frameDom: number;
  hostPss: number | undefined;
  framePss: number | undefined;
}

async function memory(): Promise<Memory> {
  const host = await heapOf(cdp);
  const frame = await heapOf(frameCdp);
  return { hostJs: host.js, hostDom: host.dom, frameJs: frame.js, frameDom: frame.dom, hostPss: pss(hostPid), framePss: pss(framePid) };
}

// ---------------------------------------------------------------- page helpers
type Variant = 'card' | 'group';
/** The tags a group-variant card is made of: three fields, one frame each. */
const GROUP_MEMBERS = ['cardframe-pan', 'cardframe-expiry', 'cardframe-cvc'] as const;

interface Mounted {
  /** ms from the first append until every frame element is ready or has failed. */
  ms: number;
  /** Frame elements that failed instead (e.g. a frame too busy to answer `configure` within the SDK's 10 s). */
  failed: number;
}

/** A mount that must succeed. */
async function mountOk(...args: Parameters<typeof mountCards>): Promise<number> {
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
async function mountCards(target: Page, count: number, variant: Variant = 'card', members: readonly string[] = GROUP_MEMBERS): Promise<Mounted> {
  return target.evaluate(
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
      return { ms, failed: outcomes.filter((o) => o.status === 'rejected').length };
    },
    [demo.frameUrl, count, variant, members] as const,
  );
}

/** Live cardframe iframes in the page (page.frames() lags behind removals), the demo page's own included. */
function liveFrames(target: Page): Promise<number> {
  return target.evaluate(() => [...document.querySelectorAll('*')].filter((el) => el.localName.startsWith('cardframe-') && el.shadowRoot?.querySelector('iframe')).length);
}

/** Iframes inside the bench's own cards. */
function benchFrames(target: Page): Promise<number> {
  return target.evaluate(() => [...document.querySelectorAll('.bench-card, .bench-card *')].filter((el) => el.shadowRoot?.querySelector('iframe')).length);
}

/** Takes the bench cards out: `remove()` from the DOM, or the elements' own `destroy()`. */
async function removeCards(target: Page, how: 'remove' | 'destroy' = 'remove'): Promise<void> {
  await target.evaluate((method) => document.querySelectorAll('.bench-card').forEach((card) => (card as HTMLElement & { destroy(): void })[method]()), how);
}

/**
 * After taking `removed` frames out, waits until Playwright no longer lists
 * them and gives the frame process a moment to tear them down, so the next
 * measurement (a floor, often) does not pay for it.
 */
async function settle(removed: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (page.frames().some((frame) => frame !== page.mainFrame() && frame.url().startsWith(floorUrl)) || (await framesOf(page, ['cardframe-card', 'cardframe-pan', 'cardframe-expiry', 'cardframe-cvc'])).length > 0) {
    if (Date.now() > deadline) break;
    await page.waitForTimeout(50);
  }
  await page.waitForTimeout(250 + 10 * removed);
}

/** The frames of bench elements with one of `tags`. */
async function framesOf(target: Page, tags: readonly string[]): Promise<Frame[]> {
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

/** Clicks Reveal in a card's frame and resolves with ms from its callback resolving to the reveal event. */
async function revealCard(target: Page, id: string): Promise<number> {
  const revealed = target.evaluate(
    (cardId) =>
      new Promise<number>((resolve) => {
        document.getElementById(cardId)!.addEventListener('cardframe-reveal', () => resolve(performance.now() - (window as unknown as BenchWindow).__resolved[cardId]!), { once: true });
      }),
    id,
  );
  await target.frameLocator(`#${id} iframe`).getByRole('button', { name: /Reveal/ }).click({ timeout: 10_000 });
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
async function revealAll(target: Page, variant: Variant): Promise<{ ms: number; revealed: number }> {
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
  const first = await framesOf(target, [variant === 'card' ? 'cardframe-card' : 'cardframe-pan']);
  const rest = variant === 'card' ? [] : await framesOf(target, ['cardframe-expiry', 'cardframe-cvc']);
  await target.evaluate(() => {
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
  const seen = (want: number) => target.waitForFunction((n) => (window as unknown as { __revealSeen: number }).__revealSeen >= n, want, { timeout: 60_000, polling: 5 }).catch(() => undefined);
  const clicked = await click(first);
  await seen(clicked);
  await seen(clicked + (await click(rest)));
  return target.evaluate(() => {
    const w = window as unknown as { __revealSeen: number; __revealStart: number; __revealLast: number };
    return { ms: w.__revealLast - w.__revealStart, revealed: w.__revealSeen };
  });
}

/** The floor for `count` frames: bare cross-origin iframes all posted their load message; then one round trip to each, in parallel. */
async function floorFrames(target: Page, count: number, tag: string): Promise<{ readyMs: number; roundTripMs: number }> {
  return target.evaluate(
    ([url, n]) =>
      new Promise<{ readyMs: number; roundTripMs: number }>((resolve) => {
        const frames: HTMLIFrameElement[] = [];
        let waiting = n;
        let readyMs = 0;
        let start = performance.now();
        const onMessage = (event: MessageEvent): void => {
          if (!frames.some((frame) => frame.contentWindow === event.source) || --waiting > 0) return;
          if (event.data === 'ready') {
            readyMs = performance.now() - start;
            waiting = n;
            start = performance.now();
            for (const frame of frames) frame.contentWindow!.postMessage('ping', '*');
            return;
          }
          removeEventListener('message', onMessage);
          for (const frame of frames) frame.remove();
          resolve({ readyMs, roundTripMs: performance.now() - start });
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

// ---------------------------------------------------------------- time to ready
/** One run's marks on the host's clock (ms since the host page's time origin). */
type Timeline = Record<string, number>;

/** The marks of the last single-card mount: the host's, and the frame's converted to the host's clock. */
async function readyTimeline(): Promise<Timeline> {
  const host = await page.evaluate(() => ({ origin: performance.timeOrigin, marks: Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])) }));
  const [frame] = await framesOf(page, ['cardframe-card']);
  const inFrame = await frame!.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    const end = (test: (name: string) => boolean): number | undefined => {
      const ends = resources.filter((r) => test(new URL(r.name).pathname)).map((r) => r.responseEnd);
      return ends.length ? Math.max(...ends) : undefined;
    };
    const start = (test: (name: string) => boolean): number | undefined => resources.find((r) => test(new URL(r.name).pathname))?.startTime;
    return {
      origin: performance.timeOrigin,
      times: {
        'frame:navigation-start': 0,
        'frame:html-received': nav.responseEnd,
        'frame:script-css-received': end((path) => /\.(js|css)$/.test(path)),
        'frame:config-requested': start((path) => path.endsWith('cardframe.config.json')),
        'frame:config-received': end((path) => path.endsWith('cardframe.config.json')),
        'frame:jwks-requested': start((path) => path.endsWith('jwks.json')),
        'frame:jwks-received': end((path) => path.endsWith('jwks.json')),
        'frame:load-event': nav.loadEventEnd,
        ...Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])),
      } as Record<string, number | undefined>,
    };
  });
  const timeline: Timeline = { ...host.marks };
  for (const [name, at] of Object.entries(inFrame.times)) if (at !== undefined) timeline[name.startsWith('cf:') ? name.replace('cf:', 'frame:') : name] = at + inFrame.origin - host.origin;
  return timeline;
}

/** The marks of a single-card mount, by name; where the frame does things in parallel, the table orders them by median time. */
const READY_MARKS: Record<string, string> = {
  'cf:connected': 'host: element connected (appended)',
  'cf:iframe-created': 'host: SDK creates the iframe (first update)',
  'frame:navigation-start': 'frame: navigation starts',
  'frame:html-received': 'frame: HTML received',
  'frame:script-css-received': 'frame: script and CSS received',
  'frame:config-requested': 'frame: config requested',
  'frame:load-event': 'frame: load event done',
  'cf:iframe-load': 'host: iframe load event',
  'cf:connect-posted': 'host: connect posted (with its port)',
  'frame:connect-received': 'frame: connect received',
  'frame:config-received': 'frame: config received (its own origin)',
  'frame:configure-received': 'frame: configure received (connect accepted)',
  'frame:jwks-requested': "frame: issuer's session key set requested",
  'frame:jwks-received': "frame: issuer's session key set received",
  'frame:ready-sent': 'frame: ready posted (keys imported, view rendered)',
  'cf:ready': 'host: ready event',
  'cf:configure-answered': 'host: configure answered',
};

step(`time to ready: ${RUNS} runs, interleaved with the floor`);
const ready = { card: [] as number[], floor: [] as number[], timelines: [] as Timeline[] };
for (let i = 0; i < RUNS; i++) {
  ready.floor.push(
    await page.evaluate(
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
      `${floorUrl}?run=${i}`,
    ),
  );
  await page.evaluate(() => performance.clearMarks());
  ready.card.push(await mountOk(page, 1));
  ready.timelines.push(await readyTimeline());
  await removeCards(page);
}
/** Each mark's median time since the element was connected, in time order, with the step from the mark before. */
const readySplit = Object.entries(READY_MARKS)
  .map(([mark, label]) => {
    const offsets = ready.timelines.filter((t) => t[mark] !== undefined && t['cf:connected'] !== undefined).map((t) => t[mark]! - t['cf:connected']!);
    return { mark, label, medianMs: offsets.length ? round(median(offsets)) : null, runs: offsets.length };
  })
  .filter((m) => m.medianMs !== null)
  .sort((x, y) => x.medianMs! - y.medianMs!)
  .map((m, i, all) => ({ ...m, stepMs: i === 0 ? 0 : round(m.medianMs! - all[i - 1]!.medianMs!) }));

// ---------------------------------------------------------------- time to reveal
step(`time to reveal: ${RUNS} runs`);
await mountOk(page, 1);
const reveal = { card: [] as number[], floor: [] as number[] };
for (let i = 0; i < RUNS; i++) {
  reveal.card.push(await revealCard(page, 'bench-0'));
  await page.evaluate(() => (document.getElementById('bench-0') as HTMLElement & { hide(): Promise<void> }).hide());
  // Floor: one message round trip to a cross-origin frame.
  reveal.floor.push(
    await page.evaluate(
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
      `${floorUrl}?echo=${i}`,
    ),
  );
}
await removeCards(page);

// ---------------------------------------------------------------- crypto in the page
step('crypto overhead in the page');
const cryptoResults = (await page.evaluate(async (url) => {
  const module = (await import(url)) as { runCryptoBench(): Promise<unknown> };
  return module.runCryptoBench();
}, `${floorUrl}crypto-page.js`)) as Record<string, { api: number; raw: number; ratio: number }>;

// ---------------------------------------------------------------- many cards
step(`many cards: ${MANY_COUNTS.join(', ')} cards × ${MANY_RUNS} runs, as <cardframe-card> and as a <cardframe-group> of pan, expiry and cvc`);
interface ManyRun {
  readyMs: number;
  failed: number;
  revealed: number;
  floorReadyMs: number;
  revealAllMs: number;
  floorRoundTripMs: number;
  frames: number;
  issuerRequests: number;
  delta: Memory;
}
const manyRuns: Record<Variant, Record<number, ManyRun[]>> = { card: {}, group: {} };
const diff = (after: Memory, before: Memory): Memory => ({
  hostJs: after.hostJs - before.hostJs,
  hostDom: after.hostDom - before.hostDom,
  frameJs: after.frameJs - before.frameJs,
  frameDom: after.frameDom - before.frameDom,
  hostPss: after.hostPss !== undefined && before.hostPss !== undefined ? after.hostPss - before.hostPss : undefined,
  framePss: after.framePss !== undefined && before.framePss !== undefined ? after.framePss - before.framePss : undefined,
});
for (let run = 0; run < MANY_RUNS; run++) {
  for (const count of MANY_COUNTS) {
    for (const variant of ['card', 'group'] as const) {
      const perCard = variant === 'card' ? 1 : GROUP_MEMBERS.length;
      if (run === 0) step(`  ${count} × ${variant}`);
      const floorResult = await floorFrames(page, count * perCard, `${variant}-${count}-${run}`);
      await settle(count * perCard);
      const before = await memory();
      const requestsBefore = issuerStats.cardRequests;
      const mounted = await mountCards(page, count, variant);
      const frames = await benchFrames(page);
      const revealed = await revealAll(page, variant);
      const after = await memory();
      (manyRuns[variant][count] ??= []).push({
        readyMs: mounted.ms,
        failed: mounted.failed,
        floorReadyMs: floorResult.readyMs,
        revealAllMs: revealed.ms,
        revealed: revealed.revealed,
        floorRoundTripMs: floorResult.roundTripMs,
        frames,
        issuerRequests: issuerStats.cardRequests - requestsBefore,
        delta: diff(after, before),
      });
      await removeCards(page, 'destroy');
      await settle(count * perCard);
    }
  }
}
const kib = (bytes: number | undefined): number | null => (bytes === undefined ? null : round(bytes / 1024, 1));
const medianOf = (runs: readonly ManyRun[], pick: (run: ManyRun) => number | undefined): number | undefined => {
  const values = runs.map(pick).filter((v): v is number => v !== undefined);
  return values.length ? median(values) : undefined;
};
const many = (['card', 'group'] as const).flatMap((variant) =>
  MANY_COUNTS.map((cards) => {
    const runs = manyRuns[variant][cards]!;
    const m = (pick: (run: ManyRun) => number | undefined): number | undefined => medianOf(runs, pick);
    const perCard = (pick: (run: ManyRun) => number | undefined): number | null => kib(m(pick) === undefined ? undefined : m(pick)! / cards);
    return {
      variant,
      cards,
      readyMs: round(m((r) => r.readyMs)!),
      floorReadyMs: round(m((r) => r.floorReadyMs)!),
      readyRatio: round(m((r) => r.readyMs)! / m((r) => r.floorReadyMs)!),
      readyMsPerCard: round(m((r) => r.readyMs)! / cards),
      revealAllMs: round(m((r) => r.revealAllMs)!),
      floorRoundTripMs: round(m((r) => r.floorRoundTripMs)!),
      revealAllRatio: round(m((r) => r.revealAllMs)! / m((r) => r.floorRoundTripMs)!),
      revealAllMsPerCard: round(m((r) => r.revealAllMs)! / cards),
      framesPerCard: round(m((r) => r.frames)! / cards),
      failedFramesPerRun: runs.map((r) => r.failed),
      revealEventsPerRun: runs.map((r) => r.revealed),
      issuerRequestsPerCard: round(m((r) => r.issuerRequests)! / cards),
      hostJsHeapPerCardKb: perCard((r) => r.delta.hostJs),
      hostDomHeapPerCardKb: perCard((r) => r.delta.hostDom),
      hostProcessPssPerCardKb: perCard((r) => r.delta.hostPss),
      frameJsHeapPerCardKb: perCard((r) => r.delta.frameJs),
      frameDomHeapPerCardKb: perCard((r) => r.delta.frameDom),
      frameProcessPssPerCardKb: perCard((r) => r.delta.framePss),
    };
  }),
);
/** Cost per card at 50 cards over cost per card at 10: about 1 or below means it grows no faster than linearly. */
const growth = (['card', 'group'] as const).map((variant) => {
  const at = (cards: number) => many.find((m) => m.variant === variant && m.cards === cards)!;
  const ratio = (pick: (m: (typeof many)[number]) => number | null): number | null => {
    const a = pick(at(10));
    const b = pick(at(50));
    return a === null || b === null || a <= 0 ? null : round(b / a);
  };
  return {
    variant,
    readyPerCard50over10: ratio((m) => m.readyMsPerCard),
    floorReadyPerCard50over10: ratio((m) => m.floorReadyMs / m.cards),
    readyRatio50over10: ratio((m) => m.readyRatio),
    revealAllPerCard50over10: ratio((m) => m.revealAllMsPerCard),
    framePssPerCard50over10: ratio((m) => m.frameProcessPssPerCardKb),
    frameJsHeapPerCard50over10: ratio((m) => m.frameJsHeapPerCardKb),
    hostJsHeapPerCard50over10: ratio((m) => m.hostJsHeapPerCardKb),
  };
});

// ---------------------------------------------------------------- leaks
interface LeakSample {
  cycle: number;
  heapKb: number;
  frameHeapKb: number;
  frames: number;
  playwrightFrames: number;
  openPorts: number;
  portsCreated: number;
  portsClosed: number;
}
async function leakRun(variant: Variant): Promise<LeakSample[]> {
  const samples: LeakSample[] = [];
  const sample = async (cycle: number): Promise<void> => {
    const ports = await page.evaluate(() => (window as unknown as BenchWindow).__ports);
    const heap = await memory();
    samples.push({
      cycle,
      heapKb: round(heap.hostJs / 1024, 0),
      frameHeapKb: round(heap.frameJs / 1024, 0),
      frames: await liveFrames(page),
      playwrightFrames: page.frames().length - 1,
      openPorts: ports.created - ports.closed,
      portsCreated: ports.created,
      portsClosed: ports.closed,
    });
  };
  await sample(0);
  for (let cycle = 1; cycle <= LEAK_CYCLES; cycle++) {
    if (variant === 'card') {
      await mountOk(page, 1);
      await revealCard(page, 'bench-0');
      await removeCards(page, 'remove');
    } else {
      await mountOk(page, 1, 'group');
      const revealed = page.evaluate(() => new Promise<void>((resolve) => document.querySelector('#bench-0 cardframe-pan')!.addEventListener('cardframe-reveal', () => resolve(), { once: true })));
      await page.frameLocator('#bench-0 cardframe-pan iframe').getByRole('button', { name: /Show card number/ }).click();
      await revealed;
      await removeCards(page, 'destroy');
    }
    if (cycle % (LEAK_CYCLES / 4) === 0) await sample(cycle);
  }
  return samples;
}
step(`leaks: ${LEAK_CYCLES} mount/reveal/remove cycles of a <cardframe-card>`);
const requestsBeforeLeaks = issuerStats.cardRequests;
const leakCard = await leakRun('card');
step(`leaks: ${LEAK_CYCLES} mount/reveal/destroy() cycles of a <cardframe-group> of three fields`);
const requestsBetween = issuerStats.cardRequests;
const leakGroup = await leakRun('group');
const leakIssuerRequests = { card: requestsBetween - requestsBeforeLeaks, group: issuerStats.cardRequests - requestsBetween };
const leakSummary = (samples: LeakSample[]) => {
  const first = samples[0]!;
  const last = samples[samples.length - 1]!;
  return {
    hostHeapGrowthKb: last.heapKb - first.heapKb,
    hostHeapGrowthPerCycleKb: round((last.heapKb - first.heapKb) / LEAK_CYCLES, 3),
    frameHeapGrowthKb: last.frameHeapKb - first.frameHeapKb,
    frameHeapGrowthPerCycleKb: round((last.frameHeapKb - first.frameHeapKb) / LEAK_CYCLES, 3),
    framesBefore: first.frames,
    framesAfter: last.frames,
    portsCreated: last.portsCreated - first.portsCreated,
    portsClosed: last.portsClosed - first.portsClosed,
    openPortsBefore: first.openPorts,
    openPortsAfter: last.openPorts,
  };
};

// ---------------------------------------------------------------- issuer toolkit in Node
step('issuer toolkit in Node');
const pinKey = generatePinKey('RSA');
const pinJwe = await sealJwe(new TextEncoder().encode('{"pin":"4821"}'), await importIssuerEncryptionKey(pinKey.publicJwk));
const pinCryptoKey = pinKey.privateKey.toCryptoKey({ name: 'RSA-OAEP', hash: 'SHA-256' }, false, ['decrypt']);
const { privateKey: sessionPrivate, publicKey: sessionPublic } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const sessionId = publicEncrypt({ key: sessionPublic, padding: constants.RSA_PKCS1_OAEP_PADDING }, Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64')).toString('base64');
const nodeResults = {
  'PIN JWE open (RSA-OAEP-256 + A256CBC-HS512)': await compare(
    () => openEncryptedPin(pinJwe, pinKey.kid, () => pinKey),
    () => compactDecrypt(pinJwe, pinCryptoKey as CryptoKey),
    5,
    400,
  ),
  'sessionid unwrap (RSA-OAEP 2048)': await compare(
    () => unwrapSessionId(sessionPrivate, sessionId),
    () => Buffer.from(privateDecrypt({ key: sessionPrivate, padding: constants.RSA_PKCS1_OAEP_PADDING }, Buffer.from(sessionId, 'base64')).toString('utf8'), 'base64'),
    5,
    400,
  ),
};

const chromiumVersion = browser.version();
await browser.close();
await demo.close();
floor.close();

// ---------------------------------------------------------------- report
const results = {
  command: `pnpm bench${QUICK ? ' --quick' : ''}`,
  date: new Date().toISOString(),
  machine: { os: `${os.type()} ${os.release()}`, cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', memoryGb: round(os.totalmem() / 2 ** 30, 1), loadAverage: os.loadavg().map((n) => round(n)) },
  node: process.version,
  chromium: chromiumVersion,
  chromiumPath: chromiumPath() ?? "Playwright's own",
  quick: QUICK,
  runs: RUNS,
  manyRuns: MANY_RUNS,
  sizes: sizes.map((s) => ({ ...s, budget: SIZE_BUDGETS[s.name] })),
  otherSizes: unbudgetedSizes,
  timeToReady: {
    cardMs: round(median(ready.card)),
    floorMs: round(median(ready.floor)),
    ratio: round(median(ready.card) / median(ready.floor)),
    split: readySplit,
  },
  timeToReveal: { cardMs: round(median(reveal.card)), floorMs: round(median(reveal.floor)), ratio: round(median(reveal.card) / median(reveal.floor)) },
  crypto: Object.fromEntries(Object.entries(cryptoResults).map(([k, v]) => [k, { apiOpsPerSec: round(v.api, 0), rawOpsPerSec: round(v.raw, 0), ratio: round(v.ratio) }])),
  issuerNode: Object.fromEntries(Object.entries(nodeResults).map(([k, v]) => [k, { apiOpsPerSec: round(v.api, 0), rawOpsPerSec: round(v.raw, 0), ratio: round(v.ratio) }])),
  processes: { hostRendererPid: hostPid ?? null, frameRendererPid: framePid ?? null, frameSharesHostProcess, pssAvailable: pss(process.pid) !== undefined },
  manyCards: many,
  manyCardsGrowth: growth,
  leaks: {
    cycles: LEAK_CYCLES,
    card: { samples: leakCard, ...leakSummary(leakCard), issuerRequests: leakIssuerRequests.card },
    group: { samples: leakGroup, ...leakSummary(leakGroup), issuerRequests: leakIssuerRequests.group },
  },
};
writeFileSync(join(import.meta.dirname, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);

const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;
const orDash = (n: number | null | undefined, unit = ''): string => (n === null || n === undefined ? '–' : `${n}${unit}`);
const split = results.timeToReady.split;
const at = (mark: string): number => split.find((m) => m.mark === mark)?.medianMs ?? Number.NaN;
const span = (from: string, to: string): number => round(at(to) - at(from));
const biggest = [...split].sort((a, b) => b.stepMs - a.stepMs).slice(0, 3);
const manyRow = (m: (typeof many)[number]): string =>
  `| ${m.variant === 'card' ? '`<cardframe-card>`' : 'group'} | ${m.cards} | ${m.framesPerCard} | ${m.readyMs} ms (${m.readyMsPerCard}/card) | ${m.floorReadyMs} ms | **${m.readyRatio}×** | ${m.revealAllMs} ms (${m.revealAllMsPerCard}/card) | ${m.floorRoundTripMs} ms | ${m.revealAllRatio}× | ${m.issuerRequestsPerCard} | ${m.failedFramesPerRun.join(', ')} |`;
const memRow = (m: (typeof many)[number]): string =>
  `| ${m.variant === 'card' ? '`<cardframe-card>`' : 'group'} | ${m.cards} | ${orDash(m.hostJsHeapPerCardKb, ' KB')} | ${orDash(m.hostDomHeapPerCardKb, ' KB')} | ${orDash(m.hostProcessPssPerCardKb, ' KB')} | ${orDash(m.frameJsHeapPerCardKb, ' KB')} | ${orDash(m.frameDomHeapPerCardKb, ' KB')} | ${orDash(m.frameProcessPssPerCardKb, ' KB')} |`;
const leakTable = (samples: LeakSample[]): string =>
  `| cycle | host JS heap after GC | frame process JS heap after GC | live cardframe iframes (DOM) | frames Playwright still lists | host ports created / closed / open |
| --- | --- | --- | --- | --- | --- |
${samples.map((s) => `| ${s.cycle} | ${s.heapKb} KB | ${s.frameHeapKb} KB | ${s.frames} | ${s.playwrightFrames} | ${s.portsCreated} / ${s.portsClosed} / ${s.openPorts} |`).join('\n')}`;
const leakLine = (summary: ReturnType<typeof leakSummary>, requests: number): string =>
  `Over ${LEAK_CYCLES} cycles: host heap ${summary.hostHeapGrowthKb >= 0 ? '+' : ''}${summary.hostHeapGrowthKb} KB (${summary.hostHeapGrowthPerCycleKb} KB per cycle), frame process heap ${summary.frameHeapGrowthKb >= 0 ? '+' : ''}${summary.frameHeapGrowthKb} KB (${summary.frameHeapGrowthPerCycleKb} KB per cycle); live iframes ${summary.framesBefore} → ${summary.framesAfter}; ports: ${summary.portsCreated} created, ${summary.portsClosed} closed, open ${summary.openPortsBefore} → ${summary.openPortsAfter}; ${requests} issuer requests (${round(requests / LEAK_CYCLES, 2)} per cycle).`;
const g = (variant: Variant) => growth.find((x) => x.variant === variant)!;
/** Says where faster-than-linear growth of the time to ready comes from, as far as the floor tells. */
const readyGrowthReading = (variant: Variant): string => {
  const x = g(variant);
  const name = variant === 'card' ? 'For cards' : 'For groups';
  if (x.readyPerCard50over10 === null || x.readyPerCard50over10 <= 1.2) return '';
  if (x.readyRatio50over10 !== null && x.readyRatio50over10 <= 1.2) return `${name} the growth follows the floor's: it is the browser loading many frames into one renderer process.`;
  return `${name} the growth goes beyond the floor's: the frames' own start-up work (script, config and key-set fetches, key import, ${variant === 'card' ? 'one frame' : `${GROUP_MEMBERS.length} frames`} per card, all in one renderer process) gets slower per frame as more start at once; the marks above are per single card and do not split this further.`;
};
const linear = (x: number | null): string => (x === null ? 'not measured' : x <= 1.2 ? `${x} (no faster than linear)` : `${x} (faster than linear)`);

const md = `# Benchmarks

Produced by \`${results.command}\` on ${results.date.slice(0, 10)}: ${results.machine.os}, ${results.machine.cpus} × ${results.machine.cpu}, ${results.machine.memoryGb} GB, load average ${results.machine.loadAverage.join(' / ')} at the end;
Node ${results.node}, Chromium ${results.chromium} (${results.chromiumPath}), headless, all servers on loopback. Every timing is the median of
${RUNS} runs (many cards: ${MANY_RUNS} runs), shown beside a floor measured in the same run; this machine is shared, so compare ratios, not
milliseconds. Raw numbers, every run's split included: \`bench/results.json\`.

## Size (min, then compressed; budgets fail \`npm test\`)

| bundle | raw | gzip | brotli | gzip budget |
| --- | --- | --- | --- | --- |
${results.sizes.map((s) => `| ${s.name} | ${kb(s.raw)} | ${kb(s.gzip)} | ${kb(s.brotli)} | ${kb(s.budget ?? 0)} |`).join('\n')}

The wrapper rows are each wrapper's own bytes: \`bench/wrappers/*.ts\` re-exports the whole wrapper and is bundled
and minified with react, react-dom, vue and \`@cardframe/sdk\` left external (so @lit/react counts for React).
The size test bundles them itself, in memory, so it never reads a stale file.

Built but not budgeted (downloaded only when a feature needs them; \`cardframe.mjs\` replaces \`cardframe.js\`, it is not added to it):

| file | raw | gzip | brotli |
| --- | --- | --- | --- |
${results.otherSizes.map((s) => `| ${s.name} | ${kb(s.raw)} | ${kb(s.gzip)} | ${kb(s.brotli)} |`).join('\n')}

## Time to ready

Element connected → frame ready to reveal (one \`<cardframe-card>\`), against a bare cross-origin iframe whose page posts one message on load.

| | median |
| --- | --- |
| \`<cardframe-card>\` ready | ${results.timeToReady.cardMs} ms |
| floor | ${results.timeToReady.floorMs} ms |
| **ratio** | **${results.timeToReady.ratio}×** (target ≤ 1.25×) |

### Where the time goes

Timing marks, set by a script the bench injects before any page script (the SDK and the frame are measured
as built): on the host page \`performance.mark\` at the SDK's \`createElement('iframe')\`, the iframe's load event,
the \`MessageChannel\` that \`connect\` posts and the first reply on it; in the frame, marks when \`connect\`
and \`configure\` arrive and when \`ready\` is posted, beside the frame's own navigation and resource timing.
Frame times are moved to the host's clock through \`performance.timeOrigin\`. Each row is the median over the
runs of that mark's time since the element was connected; the frame fetches its config while its load event
travels to the host, so rows from the two sides interleave.

| mark | median since connected | step from the row above |
| --- | --- | --- |
${split.map((m) => `| ${m.label} | ${m.medianMs} ms | ${m.stepMs} ms |`).join('\n')}

Reading (medians of ${RUNS} runs; the ready total above is ${results.timeToReady.cardMs} ms against a ${results.timeToReady.floorMs} ms floor):
the largest steps are ${biggest.map((b) => `"${b.label}" (+${b.stepMs} ms)`).join(', ')}.
The host's own share is small: ${span('cf:connected', 'cf:iframe-created')} ms to create the iframe and ${span('cf:iframe-load', 'cf:connect-posted')} ms from its load event to \`connect\`.
Fetching the frame document and its files takes ${span('cf:iframe-created', 'frame:script-css-received')} ms (iframe created → script and CSS received),
the part the floor also pays, for its much smaller page. The frame's HTML asks the browser to preload its config; the config fetch
(${span('frame:config-requested', 'frame:config-received')} ms, requested → received) ends soon after the script arrives; the issuer's key set is fetched as soon as the
config is in (${span('frame:jwks-requested', 'frame:jwks-received')} ms), while the load event goes to the host and \`connect\` comes back (load → connect received:
${span('frame:load-event', 'frame:connect-received')} ms); from \`configure\` to \`ready\` the frame checks the request, picks the key and renders: ${span('frame:configure-received', 'frame:ready-sent')} ms.
What the frame adds over the floor is therefore mostly its script (download and start-up), not the host SDK.

## Time to reveal

Host callback resolves (ciphertext in hand) → the frame's \`reveal\` event, sent once the values are rendered. Floor: one message round trip to a cross-origin frame.

| | median |
| --- | --- |
| reveal | ${results.timeToReveal.cardMs} ms (target ≤ 10 ms) |
| floor (message round trip) | ${results.timeToReveal.floorMs} ms |
| **ratio** | **${results.timeToReveal.ratio}×** |
| of which crypto (field open, in-page) | ${round((1000 / (results.crypto['field open (AES-128-GCM)']?.apiOpsPerSec ?? 1)) * 2, 3)} ms for two fields |

## Crypto overhead (cardframe's API vs jose / WebCrypto directly, same page)

| operation | cardframe ops/s | raw ops/s | ratio (target ≥ 0.9) |
| --- | --- | --- | --- |
${Object.entries(results.crypto).map(([k, v]) => `| ${k} | ${v.apiOpsPerSec} | ${v.rawOpsPerSec} | ${v.ratio} |`).join('\n')}

Issuer toolkit in Node (vs raw jose / node:crypto):

| operation | toolkit ops/s | raw ops/s | ratio |
| --- | --- | --- | --- |
${Object.entries(results.issuerNode).map(([k, v]) => `| ${k} | ${v.apiOpsPerSec} | ${v.rawOpsPerSec} | ${v.ratio} |`).join('\n')}

## Many cards

Two ways to show N cards, mounted all at once: one \`<cardframe-card>\` each (pan, expiry and cvc in one frame), or a
\`<cardframe-group>\` each holding \`<cardframe-pan>\`, \`<cardframe-expiry>\` and \`<cardframe-cvc>\` (one frame each, so
three per card). Ready: first append → every frame element ready (or failed: counted below); floor: as many bare
cross-origin iframes as the cards have frames, all loaded. Reveal all: in-frame clicks dispatched in parallel, first
click → last \`cardframe-reveal\`. A card: its Reveal button. A group: every PAN's eye (the card's one issuer request;
the expiry and CVC frames get their values over the group's channel), then, once the PANs show, every expiry and CVC
eye (held values, no request). It includes the host callback's fetch through the merchant backend to the issuer.
Floor: one message round trip to each of the bare frames, in parallel. Issuer requests are counted by the sandbox issuer.

| variant | cards | frames per card | all ready | floor | ready ratio | reveal all | floor | reveal ratio | issuer requests per card | failed frames per run |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
${many.map(manyRow).join('\n')}

Memory per card, after revealing every card and a garbage collection, against the same before mounting (medians of the
runs). JS heap and DOM (Blink's garbage-collected heap) from CDP \`Runtime.getHeapUsage\` in the host page and in one of
the frame origin's frames (every frame of the frame origin shares that renderer process${frameSharesHostProcess ? '; here it shares the host page\'s process too' : ''}); process memory is the
renderer's proportional set size from \`/proc/<pid>/smaps_rollup\`, the renderer found through CDP
\`SystemInfo.getProcessInfo\` (host renderer ${orDash(hostPid)}, frame renderer ${orDash(framePid)}).

| variant | cards | host JS heap | host DOM heap | host process (PSS) | frame process JS heap | frame process DOM heap | frame process (PSS) |
| --- | --- | --- | --- | --- | --- | --- | --- |
${many.map(memRow).join('\n')}

Growth, cost per card at 50 cards over cost per card at 10 (≤ 1.2 read as no faster than linear):

| variant | time to ready | its floor (same frames, bare) | ready ratio against the floor | reveal all | frame process PSS | frame process JS heap | host JS heap |
| --- | --- | --- | --- | --- | --- | --- | --- |
${growth.map((x) => `| ${x.variant === 'card' ? '`<cardframe-card>`' : 'group'} | ${orDash(x.readyPerCard50over10)} | ${orDash(x.floorReadyPerCard50over10)} | ${orDash(x.readyRatio50over10)} | ${orDash(x.revealAllPerCard50over10)} | ${orDash(x.framePssPerCard50over10)} | ${orDash(x.frameJsHeapPerCard50over10)} | ${orDash(x.hostJsHeapPerCard50over10)} |`).join('\n')}

Reading, 10 → 50 cards, cost per card: time to ready ${linear(g('card').readyPerCard50over10)} for cards and ${linear(g('group').readyPerCard50over10)} for groups;
bare iframes in the same numbers grow by ${g('card').floorReadyPerCard50over10} and ${g('group').floorReadyPerCard50over10} per frame, and the ratio against that floor moves by ${g('card').readyRatio50over10}× and ${g('group').readyRatio50over10}×.
${(['card', 'group'] as const).map(readyGrowthReading).filter(Boolean).join(' ')}
Reveal all ${linear(g('card').revealAllPerCard50over10)} and ${linear(g('group').revealAllPerCard50over10)}; frame process memory ${linear(g('card').framePssPerCard50over10)} and ${linear(g('group').framePssPerCard50over10)};
host JS heap ${linear(g('card').hostJsHeapPerCard50over10)} and ${linear(g('group').hostJsHeapPerCard50over10)}. Figures at one card are single differences of a few hundred KB and
are dominated by allocator and GC noise (some are negative); read memory from the 10- and 50-card rows.

## Leaks

### ${LEAK_CYCLES} mount → reveal → \`remove()\` cycles of one \`<cardframe-card>\`

${leakTable(leakCard)}

${leakLine(results.leaks.card, leakIssuerRequests.card)}

### ${LEAK_CYCLES} mount → reveal → \`destroy()\` cycles of a \`<cardframe-group>\` of \`<cardframe-pan>\`, \`<cardframe-expiry>\`, \`<cardframe-cvc>\`

Reveal is a click on the PAN's eye (one issuer request for the card; the other two frames receive their values over the group's channel).

${leakTable(leakGroup)}

${leakLine(results.leaks.group, leakIssuerRequests.group)}

Live iframes count the demo page's own cardframe elements, which stay. Ports are the host ends of the SDK's \`MessageChannel\`s:
"created" counts channels, "closed" counts \`MessagePort.close()\` calls, so "open" is what the SDK has not closed.
`;
writeFileSync(join(root, 'BENCHMARKS.md'), md);
console.log(md);
