// `node bench/trace-mount.ts [--groups=50] [--out=DIR]`: where the CPU of a
// many-frame mount goes, process by process. Traces (Chrome tracing) one mount
// of `--groups` groups of three field frames and, just before it, as many bare
// cross-origin iframes (the group-ready floor), and prints each process's busy
// time per frame side by side, with the counts that differ most between the
// two: the host page's rendering updates, its compositor commits, the
// display's redraws, and the requests each frame makes. Tracing slows both
// mounts; compare the two columns, not these times with BENCHMARKS.md. Uses
// the bundles the last build left (`pnpm run build`); writes both traces to
// DIR (default: cardframe-traces in the system's temporary directory).
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page, Request } from '@playwright/test';
import { openDiagnosticStage } from './diagnostic-stage.ts';
import { round } from './ops.ts';
import { mountCards, mountFloor, removeCards, removeFloor, settle } from './page-actions.ts';
import { busyByProcess, countSlices, type ProcessBusy, type TraceEvent } from './trace-summary.ts';

const { values } = parseArgs({ options: { groups: { type: 'string', default: '50' }, out: { type: 'string', default: join(tmpdir(), 'cardframe-traces') } } });
const groups = Number(values.groups);
if (!Number.isInteger(groups) || groups < 1) throw new Error(`--groups=${values.groups}: expected a whole number of groups, 1 or more`);
const frames = groups * 3;
// Top-level tasks (busy time), the compositor and the display compositor (rendering updates, commits, draws).
const CATEGORIES = ['toplevel', 'cc', 'viz'];

const diagnostic = await openDiagnosticStage();
const { browser, demo, floor, page, probes } = diagnostic;
try {
  const stage = diagnostic.stage();

  // Both kinds once untraced first: the frame origin's bundles in the HTTP cache, the floor's process started.
  await mountCards(stage, Math.min(groups, 5), 'group');
  await removeCards(stage);
  await settle(stage, 15);
  await mountFloor(stage, 15, 'warm');
  await removeFloor(stage);
  await settle(stage, 15);

  const floorRequests = requestsFrom(page, floor.url);
  const floorRun = await traced('floor', () => mountFloor(stage, frames, 'traced'));
  floorRequests.stop();
  await removeFloor(stage);
  await settle(stage, frames);
  const oursRequests = requestsFrom(page, demo.frameUrl);
  const oursRun = await traced('ours', async () => (await mountCards(stage, groups, 'group')).ms);
  oursRequests.stop();

  const roles = (busy: readonly ProcessBusy[], frameRenderer: number | undefined): Map<number, string> => {
    const named = new Map<number, string>();
    for (const { pid, name } of busy) {
      if (pid === probes.hostPid) named.set(pid, 'host renderer');
      else if (pid === frameRenderer) named.set(pid, 'frames’ renderer');
      else if (name === 'Browser') named.set(pid, 'browser');
      else if (name === 'GPU Process') named.set(pid, 'GPU');
      else if (name.includes('NetworkService')) named.set(pid, 'network service');
    }
    return named;
  };
  const floorBusy = busyByProcess(floorRun.events);
  // The bare iframes' origin has a renderer of its own: the busiest renderer that is not the host's.
  const floorRenderer = floorBusy.find((p) => p.name === 'Renderer' && p.pid !== probes.hostPid)?.pid;
  const oursBusy = busyByProcess(oursRun.events);
  const floorRoles = roles(floorBusy, floorRenderer);
  const oursRoles = roles(oursBusy, probes.framePid);
  const byRole = (busy: readonly ProcessBusy[], named: Map<number, string>, role: string) => busy.filter((p) => (named.get(p.pid) ?? 'other') === role).reduce((sum, p) => sum + p.busyMs, 0);
  const perFrame = (ms: number) => round(ms / frames, 1);

  const lines = [
    `${groups} groups (${frames} frames) against ${frames} bare iframes, traced: ours ${round(oursRun.ms, 0)} ms, floor ${round(floorRun.ms, 0)} ms to the last one ready.`,
    '',
    '| process | ours: busy per frame | floor: busy per frame | ours / floor |',
    '| --- | --- | --- | --- |',
  ];
  for (const role of ['frames’ renderer', 'host renderer', 'browser', 'GPU', 'network service', 'other']) {
    const ours = byRole(oursBusy, oursRoles, role);
    const bare = byRole(floorBusy, floorRoles, role);
    lines.push(`| ${role} | ${perFrame(ours)} ms | ${perFrame(bare)} ms | ${bare > 0 ? `${round(ours / bare)}×` : '–'} |`);
  }
  const counted = (run: Traced, name: string, pid?: number) => countSlices(run.events, name, pid);
  lines.push(
    '',
    '| count | ours | floor |',
    '| --- | --- | --- |',
    `| host page rendering updates (BeginMainFrame) | ${counted(oursRun, 'ProxyMain::BeginMainFrame', probes.hostPid)} | ${counted(floorRun, 'ProxyMain::BeginMainFrame', probes.hostPid)} |`,
    `| host page compositor commits | ${counted(oursRun, 'ProxyMain::BeginMainFrame::commit', probes.hostPid)} | ${counted(floorRun, 'ProxyMain::BeginMainFrame::commit', probes.hostPid)} |`,
    `| display redraws (Display::DrawAndSwap) | ${counted(oursRun, 'Display::DrawAndSwap')} | ${counted(floorRun, 'Display::DrawAndSwap')} |`,
    `| requests per frame | ${round(oursRequests.paths.length / frames)} | ${round(floorRequests.paths.length / frames)} |`,
    `| what our frames requested | ${[...new Set(oursRequests.paths)].join(', ')} | |`,
  );
  mkdirSync(values.out, { recursive: true });
  writeFileSync(join(values.out, 'ours.json'), JSON.stringify({ traceEvents: oursRun.events }));
  writeFileSync(join(values.out, 'floor.json'), JSON.stringify({ traceEvents: floorRun.events }));
  console.log(`${lines.join('\n')}\n\nTraces (open in Perfetto or chrome://tracing): ${values.out}/ours.json, ${values.out}/floor.json`);
} finally {
  await diagnostic.close();
}

interface Traced {
  readonly ms: number;
  readonly events: TraceEvent[];
}

/** Runs `mount` under Chrome tracing; its time to ready and the trace's events. */
async function traced(what: string, mount: () => Promise<number>): Promise<Traced> {
  await browser.startTracing(undefined, { categories: CATEGORIES });
  let ms: number;
  try {
    ms = await mount();
  } catch (error) {
    await browser.stopTracing();
    throw error;
  }
  const trace = await browser.stopTracing();
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  if (!events.length) throw new Error(`the ${what} trace is empty`);
  return { ms, events };
}

/** The paths of the requests the page's iframes make to `origin` until `stop()`. */
function requestsFrom(page: Page, origin: string): { readonly paths: string[]; stop(): void } {
  const paths: string[] = [];
  const listener = (request: Request): void => {
    if (request.frame() !== page.mainFrame() && request.url().startsWith(new URL(origin).origin)) paths.push(new URL(request.url()).pathname);
  };
  page.on('request', listener);
  return { paths, stop: () => void page.off('request', listener) };
}
