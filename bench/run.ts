// `pnpm bench`: production bundles in headless Chromium on loopback. Every
// timing is a median of repeated runs, reported beside a floor measured in
// the same run (this machine is shared and noisy: ratios, not absolutes, are
// the figures to compare). Writes BENCHMARKS.md and bench/results.json.
//
// `--quick` runs fewer iterations; `--no-build` reuses the bundles already
// built (for iterating on the bench itself).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import os from 'node:os';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { startDemo } from '@cardframe/demo';
import { chromiumLaunchOptions, chromiumPath } from '../packages/testing/src/chromium.mjs';
import { buildBundles } from './build.ts';
import { startFloorServer } from './floor-server.ts';
import { instrument } from './instrument.ts';
import { round } from './ops.ts';
import type { BenchPage } from './page-actions.ts';
import { cryptoInPage } from './phases/crypto-in-page.ts';
import { issuerToolkitInNode } from './phases/issuer-node.ts';
import { leaks } from './phases/leaks.ts';
import { manyCards } from './phases/many-cards.ts';
import { timeToReady } from './phases/time-to-ready.ts';
import { timeToReveal } from './phases/time-to-reveal.ts';
import { boundReveal } from './phases/bound-reveal.ts';
import { attachProbes, pss } from './probes.ts';
import { loadBaseline } from './baseline.ts';
import { benchmarksMarkdown, type BenchResults } from './report.ts';
import { SIZE_BUDGETS } from './sizes.ts';
import { engineBenches } from './other-engines.ts';

const root = join(import.meta.dirname, '..');
const QUICK = process.argv.includes('--quick');
const RUNS = QUICK ? 7 : 21;
const MANY_RUNS = QUICK ? 3 : 10;
const MANY_COUNTS = [1, 10, 50] as const;
const LEAK_CYCLES = QUICK ? 100 : 1000;

const built = await buildBundles({ reuse: process.argv.includes('--no-build') });
const floor = await startFloorServer();
const demo = await startDemo({
  // Seed 001's plain flow; the bound-reveal phase starts a bound issuer of its own, with a passkey authenticator on its page.
  binding: 'plain',
  frameConfig: (config) => ({ ...config, flows: { reveal: { ...config.flows.reveal!, maxPerMinute: 1000, autoHideSeconds: 0 } } }),
});
const issuerStats = demo.issuer!.stats;

const browser = await chromium.launch(chromiumLaunchOptions());
/** A browser context with the bench's settings, and the merchant page open in it once the demo's own frames are there. */
async function openMerchantPage(): Promise<{ context: BrowserContext; page: Page }> {
  // The host page's CSP allows frames from the frame origin only; the floor frame needs it lifted.
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 1000 } });
  await context.addInitScript(instrument, { hostOrigin: new URL(demo.merchantUrl).origin, frameOrigin: new URL(demo.frameUrl).origin });
  const page = await context.newPage();
  await page.goto(demo.merchantUrl);
  await page.waitForFunction((url) => [...document.querySelectorAll('*')].some((el) => el.shadowRoot?.querySelector(`iframe[src^="${url}"]`)), demo.frameUrl);
  return { context, page };
}
const { context, page } = await openMerchantPage();
const stage: BenchPage = { page, frameUrl: demo.frameUrl, floorUrl: floor.url };

// The demo page's own frames stay for the whole run, so the frame process does too; one of them gives a CDP session into it.
await page.waitForTimeout(500);
const residentFrame = page.frames().find((frame) => frame !== page.mainFrame() && frame.url().startsWith(demo.frameUrl))!;
const probes = await attachProbes(browser, context, page, residentFrame);

const ready = await timeToReady(stage, RUNS);
const reveal = await timeToReveal(stage, RUNS);
const bound = await boundReveal(browser, stage, RUNS);
const cryptoResults = await cryptoInPage(stage);
const freshPage = async () => {
  const fresh = await openMerchantPage();
  return { stage: { ...stage, page: fresh.page }, close: () => fresh.context.close() };
};
const { many, growth } = await manyCards(stage, probes, issuerStats, { runs: MANY_RUNS, counts: MANY_COUNTS, freshPage });
const leakResults = await leaks(stage, probes, issuerStats, LEAK_CYCLES);
const issuerNode = await issuerToolkitInNode();

const chromiumVersion = browser.version();
await browser.close();
await demo.close();
floor.close();
const otherEngines = engineBenches(RUNS);

const results: BenchResults = {
  command: `pnpm bench${QUICK ? ' --quick' : ''}`,
  date: new Date().toISOString(),
  machine: { os: `${os.type()} ${os.release()}`, cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', memoryGb: round(os.totalmem() / 2 ** 30, 1), loadAverage: os.loadavg().map((n) => round(n)) },
  node: process.version,
  chromium: chromiumVersion,
  chromiumPath: chromiumPath() ?? "Playwright's own",
  quick: QUICK,
  runs: RUNS,
  manyRuns: MANY_RUNS,
  sizes: built.sizes.map((s) => ({ ...s, budget: SIZE_BUDGETS[s.name] })),
  otherSizes: built.otherSizes,
  timeToReady: ready,
  timeToReveal: reveal,
  boundReveal: bound,
  otherEngines,
  crypto: cryptoResults,
  issuerNode,
  processes: { hostRendererPid: probes.hostPid ?? null, frameRendererPid: probes.framePid ?? null, frameSharesHostProcess: probes.frameSharesHostProcess, pssAvailable: pss(process.pid) !== undefined },
  manyCards: many,
  manyCardsGrowth: growth,
  leaks: leakResults,
};
writeFileSync(join(import.meta.dirname, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
const md = benchmarksMarkdown(results, loadBaseline());
writeFileSync(join(root, 'BENCHMARKS.md'), md);
console.log(md);
