// `pnpm bench`: production bundles in headless Chromium on loopback. Every
// timing is a median of repeated runs, reported beside a floor measured in
// the same run (this machine is shared and noisy: ratios, not absolutes, are
// the figures to compare). Writes BENCHMARKS.md and bench/results.json.
//
// `--quick` runs fewer iterations; `--no-build` reuses the bundles already
// built (for iterating on the bench itself). `--only=many-cards,time-to-ready`
// runs just those phases (with `--runs=N`, `--counts=1,10,50`, `--variants=group`), prints their
// tables and writes bench/only/ instead (bench/options.ts).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import os from 'node:os';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { startDemo } from '@cardframe/demo';
import { chromiumLaunchOptions, chromiumPath } from '../packages/testing/src/chromium.mjs';
import { buildBundles } from './build.ts';
import { startFloorServer } from './floor-server.ts';
import { instrument } from './instrument.ts';
import { round } from './ops.ts';
import { merchantPageIn, residentFrame, type BenchPage } from './page-actions.ts';
import { cryptoInPage } from './phases/crypto-in-page.ts';
import { issuerToolkitInNode } from './phases/issuer-node.ts';
import { leaks } from './phases/leaks.ts';
import { manyCards } from './phases/many-cards.ts';
import { timeToReady } from './phases/time-to-ready.ts';
import { groupReady } from './phases/group-ready.ts';
import { openUnobservedPage } from './unobserved-page.ts';
import { timeToReveal } from './phases/time-to-reveal.ts';
import { contextWithThirdPartyStorage } from '../e2e/third-party-storage.ts';
import { boundReveal } from './phases/bound-reveal.ts';
import { attachProbes, pss } from './probes.ts';
import { loadBaseline } from './baseline.ts';
import { benchmarksMarkdown, type BenchResults } from './report.ts';
import { SIZE_BUDGETS } from './sizes.ts';
import { engineBenches } from './other-engines.ts';
import { parseBenchOptions, runs } from './options.ts';
import { partialMarkdown, type PartialResults } from './partial-report.ts';

const root = join(import.meta.dirname, '..');
const options = parseBenchOptions(process.argv.slice(2));
const QUICK = options.quick;
const RUNS = options.runs;
const MANY_RUNS = options.manyRuns;
const MANY_COUNTS = options.manyCounts;
const LEAK_CYCLES = QUICK ? 100 : 1000;
const phase = <T>(name: Parameters<typeof runs>[1], measure: () => Promise<T> | T): Promise<T | undefined> => (runs(options, name) ? Promise.resolve(measure()) : Promise.resolve(undefined));

const built = await buildBundles({ reuse: options.reuseBuild });
const floor = await startFloorServer();
const demo = await startDemo({
  // Seed 001's plain flow; the bound-reveal phase starts a bound issuer of its own, with a passkey authenticator on its page.
  binding: 'plain',
  frameConfig: (config) => ({ ...config, flows: { reveal: { ...config.flows.reveal!, maxPerMinute: 1000, autoHideSeconds: 0 } } }),
});
const issuerStats = demo.issuer!.stats;

const browser = await chromium.launch(chromiumLaunchOptions());
const merchantPage = (context: BrowserContext): Promise<Page> => merchantPageIn(context, demo.merchantUrl, demo.frameUrl);
/** A browser context with the bench's settings, and the merchant page open in it. */
async function openMerchantPage(): Promise<{ context: BrowserContext; page: Page }> {
  // The host page's CSP allows frames from the frame origin only; the floor frame needs it lifted.
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 1000 } });
  await context.addInitScript(instrument, { hostOrigin: new URL(demo.merchantUrl).origin, frameOrigin: new URL(demo.frameUrl).origin });
  return { context, page: await merchantPage(context) };
}
const { context, page } = await openMerchantPage();

// The demo page's own frames stay for the whole run, so the frame process does too; one of them gives a CDP session into it.
await page.waitForTimeout(500);
const probes = await attachProbes(browser, context, page, residentFrame(page, demo.frameUrl));
const stage: BenchPage = { page, frameUrl: demo.frameUrl, floorUrl: floor.url, browserPid: probes.browserPid };

const ready = await phase('time-to-ready', () => timeToReady(stage, RUNS));
// One group's three frames many times, and fifty groups (150 frames) as often as the many-cards runs; the same with no debugger on the frames.
const groupCounts = [{ groups: 1, runs: RUNS }, { groups: 50, runs: MANY_RUNS }];
const group = await phase('group-ready', () =>
  groupReady(stage, { browser: probes.browserPid, host: probes.hostPid, frame: probes.framePid }, groupCounts, { open: () => openUnobservedPage(demo.merchantUrl), counts: groupCounts }),
);
const reveal = await phase('time-to-reveal', () => timeToReveal(stage, RUNS));
const bound = await phase('bound-reveal', () => boundReveal(browser, stage, RUNS));
const cryptoResults = await phase('crypto', () => cryptoInPage(stage));
const freshPage = async () => {
  const fresh = await openMerchantPage();
  return { stage: { ...stage, page: fresh.page }, close: () => fresh.context.close() };
};
// Key-set fetches are also counted in a profile like a default one: the bench's contexts refuse cross-site frames storage, and with it the worker the frames share key sets through.
const freshDefaultProfilePage = async () => {
  const context = await contextWithThirdPartyStorage();
  return { stage: { ...stage, page: await merchantPage(context) }, close: () => context.dispose() };
};
const manyResults = await phase('many-cards', () => manyCards(stage, probes, issuerStats, { runs: MANY_RUNS, counts: MANY_COUNTS, variants: options.variants, freshPage, freshDefaultProfilePage }));
const leakResults = await phase('leaks', () => leaks(stage, probes, issuerStats, LEAK_CYCLES));
const issuerNode = await phase('issuer-node', () => issuerToolkitInNode());

const chromiumVersion = browser.version();
await browser.close();
await demo.close();
floor.close();
const otherEngines = await phase('other-engines', () => engineBenches(RUNS));

const machine = { os: `${os.type()} ${os.release()}`, cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', memoryGb: round(os.totalmem() / 2 ** 30, 1), loadAverage: os.loadavg().map((n) => round(n)) };
if (options.only) {
  // A partial run leaves BENCHMARKS.md and bench/results.json as the last full run wrote them.
  const partial: PartialResults = {
    command: `pnpm bench ${process.argv.slice(2).join(' ')}`,
    date: new Date().toISOString(),
    machine,
    chromium: chromiumVersion,
    runs: RUNS,
    manyRuns: MANY_RUNS,
    phases: [...options.only],
    ...(ready ? { timeToReady: ready } : {}),
    ...(group ? { groupReady: group } : {}),
    ...(reveal ? { timeToReveal: reveal } : {}),
    ...(bound ? { boundReveal: bound } : {}),
    ...(cryptoResults ? { crypto: cryptoResults } : {}),
    ...(manyResults ? { manyCards: manyResults.many, manyCardsGrowth: manyResults.growth } : {}),
    ...(leakResults ? { leaks: leakResults } : {}),
    ...(issuerNode ? { issuerNode } : {}),
    ...(otherEngines ? { otherEngines } : {}),
  };
  const out = options.out ?? join(import.meta.dirname, 'only', `${partial.date.replace(/[:.]/g, '-')}_${partial.phases.join('+')}.json`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(partial, null, 2)}\n`);
  console.log(partialMarkdown(partial));
  console.log(`[bench] results of this partial run: ${out}`);
  process.exit(0);
}

const results: BenchResults = {
  command: `pnpm bench${QUICK ? ' --quick' : ''}`,
  date: new Date().toISOString(),
  machine,
  node: process.version,
  chromium: chromiumVersion,
  chromiumPath: chromiumPath() ?? "Playwright's own",
  quick: QUICK,
  runs: RUNS,
  manyRuns: MANY_RUNS,
  sizes: built.sizes.map((s) => ({ ...s, budget: SIZE_BUDGETS[s.name] })),
  otherSizes: built.otherSizes,
  timeToReady: ready!,
  groupReady: group!,
  timeToReveal: reveal!,
  boundReveal: bound!,
  otherEngines: otherEngines!,
  crypto: cryptoResults!,
  issuerNode: issuerNode!,
  processes: { hostRendererPid: probes.hostPid ?? null, frameRendererPid: probes.framePid ?? null, frameSharesHostProcess: probes.frameSharesHostProcess, pssAvailable: pss(process.pid) !== undefined },
  manyCards: manyResults!.many,
  manyCardsGrowth: manyResults!.growth,
  leaks: leakResults!,
};
writeFileSync(join(import.meta.dirname, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
const md = benchmarksMarkdown(results, loadBaseline());
writeFileSync(join(root, 'BENCHMARKS.md'), md);
console.log(md);
