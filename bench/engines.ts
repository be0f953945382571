// Time to ready and to reveal in Firefox and WebKit, each beside that
// engine's own bare-iframe floor (the same floors as the Chromium bench: a
// bare cross-origin page loading and posting once; one message round trip).
// All timings are taken inside the page, so the driver's own latency is not
// in them. `node bench/engines.ts firefox|webkit [runs]` prints one JSON line;
// `pnpm bench` runs it for both engines (WebKit under xvfb-run).
import { startDemo } from '@cardframe/demo';
import { launch, type EngineName } from '../e2e/engines/driver.ts';
import { PAGE_SPY_SOURCE } from '../e2e/engines/host-watch.ts';
import { startFloorServer } from './floor-server.ts';
import { median, round } from './ops.ts';

export interface EngineBench {
  engine: string;
  ready: { cardMs: number; floorMs: number; ratio: number };
  reveal: { cardMs: number; floorMs: number; ratio: number };
}

const engine = process.argv[2] as EngineName;
const RUNS = Number(process.argv[3] ?? 7);
if (engine !== 'firefox' && engine !== 'webkit') {
  console.error('usage: node bench/engines.ts firefox|webkit [runs]');
  process.exit(2);
}

const demo = await startDemo({ binding: 'plain', frameConfig: (config) => ({ ...config, flows: { ...config.flows, reveal: { ...config.flows.reveal!, maxPerMinute: 1000, autoHideSeconds: 0 } } }) });
const floor = await startFloorServer();
const driver = await launch(engine, PAGE_SPY_SOURCE);
try {
  const ready = { card: [] as number[], floor: [] as number[] };
  const reveal = { card: [] as number[], floor: [] as number[] };

  await driver.goto(demo.merchantUrl);
  for (let i = 0; i < RUNS; i++) {
    ready.card.push(
      await driver.host(
        (frameUrl: string) =>
          new Promise<number>((resolve, reject) => {
            document.querySelector('#bench-card')?.remove();
            const card = document.createElement('cardframe-card') as HTMLElement & { frameUrl: string };
            card.id = 'bench-card';
            card.frameUrl = frameUrl;
            card.setAttribute('fields', 'pan expiry cvc');
            const timer = setTimeout(() => reject(new Error('no cardframe-ready in 20 s')), 20000);
            card.addEventListener('cardframe-ready', () => {
              clearTimeout(timer);
              resolve(performance.now() - start);
            }, { once: true });
            const start = performance.now();
            document.body.append(card);
          }),
        demo.frameUrl,
      ),
    );
  }
  await driver.host(() => document.querySelector('#bench-card')?.remove());

  // Reveal: the host has the issuer's ciphertext (its /api/card response
  // ended, by resource timing) → the frame's reveal event; the click is the
  // driver's, outside the timing.
  await driver.host(() => {
    const w = window as unknown as { __benchRevealed: number[] };
    w.__benchRevealed = [];
    document.querySelector('#card')!.addEventListener('cardframe-reveal', () => {
      const calls = performance.getEntriesByType('resource').filter((entry) => new URL(entry.name).pathname === '/api/card') as PerformanceResourceTiming[];
      w.__benchRevealed.push(performance.now() - calls[calls.length - 1]!.responseEnd);
    });
  });
  for (let i = 0; i < RUNS; i++) {
    await driver.click('#card', 'button', 'Reveal');
    const deadline = Date.now() + 20000;
    // WebDriver returns a missing entry as null, Puppeteer as undefined.
    let got: number | null | undefined;
    while (got == null && Date.now() < deadline) {
      got = await driver.host((n: number) => (window as unknown as { __benchRevealed: number[] }).__benchRevealed[n] ?? null, i);
      if (got == null) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    if (got == null) throw new Error('no cardframe-reveal');
    reveal.card.push(got);
    await driver.click('#card', 'button', 'Hide');
  }

  // The floors, on a floor-server page embedding the floor page from another site (127.0.0.1 vs localhost).
  const floorHost = floor.url;
  const floorFrame = floor.url.replace('127.0.0.1', 'localhost');
  await driver.goto(`${floorHost}host`);
  for (let i = 0; i < RUNS; i++) {
    const [load, trip] = await driver.host(
      (url: string, n: number) =>
        new Promise<[number, number]>((resolve, reject) => {
          const frame = document.createElement('iframe');
          const timer = setTimeout(() => reject(new Error('floor frame silent for 20 s')), 20000);
          // Round trips until 25 ms have passed (at least ten): Firefox and WebKit
          // round performance.now() to a millisecond, coarser than one trip.
          const MIN_TRIPS = 10;
          const MIN_MS = 25;
          let loaded = 0;
          let sent = 0;
          let trips = 0;
          addEventListener('message', function on(event) {
            if (event.source !== frame.contentWindow) return;
            if (event.data === 'ready') {
              loaded = performance.now() - start;
              sent = performance.now();
            } else if (++trips >= MIN_TRIPS && performance.now() - sent >= MIN_MS) {
              clearTimeout(timer);
              removeEventListener('message', on);
              frame.remove();
              resolve([loaded, (performance.now() - sent) / trips]);
              return;
            }
            frame.contentWindow!.postMessage(`echo=${n}`, '*');
          });
          const start = performance.now();
          frame.src = `${url}floor-${n}`;
          document.body.append(frame);
        }),
      floorFrame,
      i,
    );
    ready.floor.push(load);
    reveal.floor.push(trip);
  }

  const row = (pair: { card: number[]; floor: number[] }) => ({ cardMs: round(median(pair.card)), floorMs: round(median(pair.floor)), ratio: round(median(pair.card) / median(pair.floor)) });
  const result: EngineBench = { engine: driver.version, ready: row(ready), reveal: row(reveal) };
  console.log(JSON.stringify(result));
} finally {
  await driver.close();
  await demo.close();
  floor.close();
}
