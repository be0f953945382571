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
import { chromium, type Page } from '@playwright/test';
import { compactDecrypt } from 'jose';
import { importIssuerEncryptionKey, sealJwe } from '@cardframe/crypto';
import { startDemo } from '@cardframe/demo';
import { generatePinKey, openEncryptedPin, unwrapSessionId } from '@cardframe/issuer';
import { chromiumLaunchOptions, chromiumPath } from '../scripts/chromium.mjs';
import { compare, median } from './ops.ts';
import { bundleSizes, SIZE_BUDGETS } from './sizes.ts';

const root = join(import.meta.dirname, '..');
const QUICK = process.argv.includes('--quick');
const RUNS = QUICK ? 7 : 21;
const LEAK_CYCLES = QUICK ? 100 : 1000;
const round = (n: number, digits = 2): number => Number(n.toFixed(digits));

function step(name: string): void {
  console.log(`[bench] ${name}`);
}

// ---------------------------------------------------------------- build
step('building production bundles');
execFileSync('pnpm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
execFileSync('pnpm', ['exec', 'vite', 'build', '--config', 'bench/vite.config.ts'], { cwd: root, stdio: 'inherit' });
const sizes = bundleSizes();

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
const browser = await chromium.launch(chromiumLaunchOptions());
// The host page's CSP allows frames from the frame origin only; the floor frame needs it lifted.
const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 1000 } });
const page = await context.newPage();
await page.goto(demo.merchantUrl);
const cdp = await context.newCDPSession(page);

async function heapUsed(): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize;
}

/** Mounts a card that fetches through the merchant backend, recording when its callback resolves. */
async function mountCards(target: Page, count: number): Promise<number> {
  return target.evaluate(
    async ([frameUrl, n]) => {
      const start = performance.now();
      const cards = Array.from({ length: n as number }, (_, i) => {
        const card = document.createElement('cardframe-card') as HTMLElement & { frameUrl: string; fetchCardData: (id: string) => Promise<string>; fields: string[] };
        card.className = 'bench-card';
        card.id = `bench-${i}`;
        card.fields = ['pan', 'expiry', 'cvc'];
        card.fetchCardData = async (sessionId) => {
          const body = await (await fetch('/api/card', { headers: { sessionid: sessionId } })).text();
          (window as unknown as { __resolved: Record<string, number> }).__resolved[card.id] = performance.now();
          return body;
        };
        return card;
      });
      (window as unknown as { __resolved: Record<string, number> }).__resolved = {};
      await Promise.all(
        cards.map((card) => {
          const ready = new Promise((resolve) => card.addEventListener('cardframe-ready', resolve, { once: true }));
          card.frameUrl = frameUrl as string;
          document.body.append(card);
          return ready;
        }),
      );
      return performance.now() - start;
    },
    [demo.frameUrl, count] as const,
  );
}

/** Live cardframe iframes in the page (page.frames() lags behind removals). */
function liveFrames(target: Page): Promise<number> {
  return target.evaluate(() => [...document.querySelectorAll('cardframe-card, cardframe-pin')].filter((el) => el.shadowRoot?.querySelector('iframe')).length);
}

async function removeCards(target: Page): Promise<void> {
  await target.evaluate(() => document.querySelectorAll('.bench-card').forEach((card) => card.remove()));
}

/** Clicks Reveal in a card's frame and resolves with ms from its callback resolving to the reveal event. */
async function revealCard(target: Page, id: string): Promise<number> {
  const revealed = target.evaluate(
    (cardId) =>
      new Promise<number>((resolve) => {
        document.getElementById(cardId)!.addEventListener('cardframe-reveal', () => resolve(performance.now() - (window as unknown as { __resolved: Record<string, number> }).__resolved[cardId]!), { once: true });
      }),
    id,
  );
  await target.frameLocator(`#${id} iframe`).getByRole('button', { name: /Reveal/ }).click();
  return revealed;
}

// ---------------------------------------------------------------- time to ready
step(`time to ready: ${RUNS} runs, interleaved with the floor`);
const ready = { card: [] as number[], floor: [] as number[] };
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
  ready.card.push(await mountCards(page, 1));
  await removeCards(page);
}

// ---------------------------------------------------------------- time to reveal
step(`time to reveal: ${RUNS} runs`);
await mountCards(page, 1);
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
          addEventListener(
            'message',
            function onReady(event) {
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
            },
          );
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
step('many cards: 1, 10, 50');
const many: { cards: number; readyMs: number; revealAllMs: number; framesPerCard: number; hostHeapPerCardKb: number }[] = [];
for (const count of [1, 10, 50]) {
  const framesBefore = await liveFrames(page);
  const heapBefore = await heapUsed();
  const readyMs = await mountCards(page, count);
  const framesPerCard = ((await liveFrames(page)) - framesBefore) / count;
  const start = Date.now();
  for (let i = 0; i < count; i++) await revealCard(page, `bench-${i}`);
  const revealAllMs = Date.now() - start;
  const heapAfter = await heapUsed();
  many.push({ cards: count, readyMs: round(readyMs), revealAllMs, framesPerCard, hostHeapPerCardKb: round((heapAfter - heapBefore) / count / 1024, 1) });
  await removeCards(page);
}

// ---------------------------------------------------------------- leaks
step(`leaks: ${LEAK_CYCLES} mount/reveal/destroy cycles`);
await page.evaluate(() => {
  const w = window as unknown as { __ports: { created: number; closed: number } };
  w.__ports = { created: 0, closed: 0 };
  const Original = MessageChannel;
  window.MessageChannel = class extends Original {
    constructor() {
      super();
      w.__ports.created++;
    }
  };
  const close = MessagePort.prototype.close;
  MessagePort.prototype.close = function () {
    w.__ports.closed++;
    close.call(this);
  };
});
const leakSamples: { cycle: number; heapKb: number; frames: number; openPorts: number }[] = [];
const sample = async (cycle: number): Promise<void> => {
  const ports = await page.evaluate(() => (window as unknown as { __ports: { created: number; closed: number } }).__ports);
  leakSamples.push({ cycle, heapKb: round((await heapUsed()) / 1024, 0), frames: await liveFrames(page), openPorts: ports.created - ports.closed });
};
await sample(0);
for (let cycle = 1; cycle <= LEAK_CYCLES; cycle++) {
  await mountCards(page, 1);
  await revealCard(page, 'bench-0');
  await removeCards(page);
  if (cycle % (LEAK_CYCLES / 4) === 0) await sample(cycle);
}

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
  date: new Date().toISOString(),
  machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', memoryGb: round(os.totalmem() / 2 ** 30, 1), loadAverage: os.loadavg().map((n) => round(n)) },
  node: process.version,
  chromium: chromiumVersion,
  chromiumPath: chromiumPath() ?? "Playwright's own",
  quick: QUICK,
  runs: RUNS,
  sizes: sizes.map((s) => ({ ...s, budget: SIZE_BUDGETS[s.name] })),
  timeToReady: { cardMs: round(median(ready.card)), floorMs: round(median(ready.floor)), ratio: round(median(ready.card) / median(ready.floor)) },
  timeToReveal: { cardMs: round(median(reveal.card)), floorMs: round(median(reveal.floor)), ratio: round(median(reveal.card) / median(reveal.floor)) },
  crypto: Object.fromEntries(Object.entries(cryptoResults).map(([k, v]) => [k, { apiOpsPerSec: round(v.api, 0), rawOpsPerSec: round(v.raw, 0), ratio: round(v.ratio) }])),
  issuerNode: Object.fromEntries(Object.entries(nodeResults).map(([k, v]) => [k, { apiOpsPerSec: round(v.api, 0), rawOpsPerSec: round(v.raw, 0), ratio: round(v.ratio) }])),
  manyCards: many,
  leaks: leakSamples,
};
writeFileSync(join(import.meta.dirname, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);

const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;
const first = leakSamples[0]!;
const lastSample = leakSamples[leakSamples.length - 1]!;
const md = `# Benchmarks

Produced by \`pnpm bench\`${QUICK ? ' --quick' : ''} on ${results.date.slice(0, 10)}: ${results.machine.cpus} × ${results.machine.cpu}, ${results.machine.memoryGb} GB, load average ${results.machine.loadAverage.join(' / ')} at the end;
Node ${results.node}, Chromium ${results.chromium} (${results.chromiumPath}). Every timing is the median of ${RUNS} runs, shown beside a floor measured in the same run;
this machine is shared, so compare ratios, not milliseconds. Raw numbers: \`bench/results.json\`.

## Size (min, then compressed; budgets fail \`npm test\`)

| bundle | raw | gzip | brotli | gzip budget |
| --- | --- | --- | --- | --- |
${results.sizes.map((s) => `| ${s.name} | ${kb(s.raw)} | ${kb(s.gzip)} | ${kb(s.brotli)} | ${kb(s.budget ?? 0)} |`).join('\n')}

Lazy chunks: none yet (the PIN and key-pair code ship in the initial frame bundle). Wrappers: none yet.

## Time to ready

Element connected → frame ready to reveal, against a bare cross-origin iframe whose page posts one message on load.

| | median |
| --- | --- |
| \`<cardframe-card>\` ready | ${results.timeToReady.cardMs} ms |
| floor | ${results.timeToReady.floorMs} ms |
| **ratio** | **${results.timeToReady.ratio}×** (target ≤ 1.25×) |

## Time to reveal

Host callback resolves (ciphertext in hand) → the frame's \`reveal\` event, sent once the values are rendered. Floor: one message round trip to a cross-origin frame.

| | median |
| --- | --- |
| reveal | ${results.timeToReveal.cardMs} ms (target ≤ 10 ms) |
| floor (message round trip) | ${results.timeToReveal.floorMs} ms |
| **ratio** | **${results.timeToReveal.ratio}×** |
| of which crypto (field open, in-page) | ${round(1000 / (results.crypto['field open (AES-128-GCM)']?.apiOpsPerSec ?? 1) * 2, 3)} ms for two fields |

## Crypto overhead (cardframe's API vs jose / WebCrypto directly, same page)

| operation | cardframe ops/s | raw ops/s | ratio (target ≥ 0.9) |
| --- | --- | --- | --- |
${Object.entries(results.crypto).map(([k, v]) => `| ${k} | ${v.apiOpsPerSec} | ${v.rawOpsPerSec} | ${v.ratio} |`).join('\n')}

Issuer toolkit in Node (vs raw jose / node:crypto):

| operation | toolkit ops/s | raw ops/s | ratio |
| --- | --- | --- | --- |
${Object.entries(results.issuerNode).map(([k, v]) => `| ${k} | ${v.apiOpsPerSec} | ${v.rawOpsPerSec} | ${v.ratio} |`).join('\n')}

## Many cards

| cards | all ready | reveal all (one click each, automation included) | frames per card | host heap per card |
| --- | --- | --- | --- | --- |
${results.manyCards.map((m) => `| ${m.cards} | ${m.readyMs} ms | ${m.revealAllMs} ms | ${m.framesPerCard} | ${m.hostHeapPerCardKb} KB |`).join('\n')}

## Leaks (${LEAK_CYCLES} mount → reveal → destroy cycles)

| cycle | host heap after GC | live cardframe iframes (the demo page's own four stay) | open ports |
| --- | --- | --- | --- |
${leakSamples.map((s) => `| ${s.cycle} | ${s.heapKb} KB | ${s.frames} | ${s.openPorts} |`).join('\n')}

Heap growth over ${LEAK_CYCLES} cycles: ${lastSample.heapKb - first.heapKb} KB (${round((lastSample.heapKb - first.heapKb) / LEAK_CYCLES, 2)} KB per cycle); frames ${first.frames} → ${lastSample.frames}; open ports ${first.openPorts} → ${lastSample.openPorts}.

## Where the time goes

Not yet measured with timing marks; this is what the frame does beyond each floor. Ready: the
floor is a page load and one message; the frame also fetches its config from its own origin,
imports the issuer's key set (a JWKS fetch to the issuer on first configure), and completes the
connect → configure → ready handshake. Reveal: the floor is one message round trip; the frame parses
the issuer JSON, opens two AES-GCM fields (the crypto line above: a few hundredths of a millisecond)
and renders once before it reports. Splitting the ready time into these parts with timing marks is
the next step.
`;
writeFileSync(join(root, 'BENCHMARKS.md'), md);
console.log(md);
