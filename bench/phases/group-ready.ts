// Time to ready of groups: `<cardframe-group>`s of pan, expiry and cvc (three
// frames each) mounted at once, against as many bare cross-origin iframes
// measured in the same run; and where that time goes, mark by mark, for the
// first, the median and the last of the frames to reach each mark.
import type { Frame, Page } from '@playwright/test';
import { median, round } from '../ops.ts';
import { floorRoundTrips, framesOf, GROUP_MEMBERS, mountCards, mountFloor, quiet, removeCards, settle, type BenchPage } from '../page-actions.ts';
import type { UnobservedPage } from '../unobserved-page.ts';
import { mainThreadCpuMs, processTreeCpuMs } from '../probes.ts';
import { step } from '../progress.ts';

/** Every occurrence of each mark in one run, in ms since the groups were appended (host clock). */
type Occurrences = Record<string, number[]>;

/** The marks of a group mount; the frame's marks are one per frame, the host's one per frame element. */
export const GROUP_MARKS: Record<string, string> = {
  'cf:each:iframe-created': 'host: SDK creates the iframe',
  'frame:navigation-start': 'frame: navigation starts',
  'frame:html-received': 'frame: HTML received',
  'frame:script-css-received': 'frame: script and CSS received',
  'frame:dom-interactive': 'frame: HTML parsed (module script starts)',
  'frame:scripts-run': 'frame: module script evaluated (DOMContentLoaded)',
  'frame:load-event': 'frame: load event done',
  'cf:each:iframe-load': 'host: iframe load event',
  'cf:each:connect-posted': 'host: connect posted',
  'frame:connect-received': 'frame: connect received',
  'frame:configure-received': 'frame: configure received',
  'frame:group-channel': "frame: group's channel opened",
  'frame:progress-sent': 'frame: progress (loading) posted',
  'cf:each:progress-received': 'host: progress received',
  'frame:ready-sent': 'frame: ready posted',
  'cf:each:ready-received': 'host: ready received on the port',
  'cf:each:member-ready': 'host: member element fires cardframe-ready',
  'cf:each:configure-answered': 'host: configure answered',
  'cf:ready': 'host: every member ready (whenReady resolved)',
};

/** One mark across the frames of a mount: medians over the runs of when the first, the median and the last frame reached it. */
export interface GroupMark {
  mark: string;
  label: string;
  /** Times the mark occurred in one run (frames or elements that reached it), median over the runs. */
  count: number;
  firstMs: number;
  medianMs: number;
  lastMs: number;
}

export interface GroupReadyRow {
  groups: number;
  runs: number;
  frames: number;
  readyMs: number;
  floorMs: number;
  ratio: number;
  failedPerRun: number[];
  /** The codes the failed frames of each run gave, as `ERR_FRAME_TIMEOUT×3` (empty where none failed). */
  failedCodesPerRun: string[][];
  /** Main-thread CPU time of the frames' renderer (all frames of the frame origin share it) from the append to every member ready, per frame; null where it could not be read. */
  frameCpuMsPerFrame: number | null;
  /** The same for the host page's renderer. */
  hostCpuMsPerFrame: number | null;
  /**
   * CPU time of the whole browser (every process: browser, GPU, network,
   * host and frame renderers) from the append to every member ready, per
   * frame; null where it could not be read.
   */
  browserCpuMsPerFrame: number | null;
  /** The same for the floor: from appending the bare iframes to every one loaded, their renderer included. */
  floorBrowserCpuMsPerFrame: number | null;
  split: GroupMark[];
}

/** The same mount in a browser with no debugger on the page's frames (bench/unobserved-page.ts): time only. */
export type UnobservedGroupRow = Pick<GroupReadyRow, 'groups' | 'runs' | 'frames' | 'readyMs' | 'floorMs' | 'ratio' | 'failedPerRun'>;

export interface GroupReady {
  rows: GroupReadyRow[];
  /** Absent from runs made before it was measured. */
  unobserved?: UnobservedGroupRow[];
}

/** The navigation and resource timing of one frame document, and its marks, on its own clock. */
async function frameTimes(frame: Frame): Promise<{ origin: number; times: Record<string, number | undefined> } | undefined> {
  return frame
    .evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      if (!nav) return undefined;
      const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
      const initial = resources.filter((r) => /\.(js|css)$/.test(new URL(r.name).pathname) && r.startTime <= nav.domInteractive);
      return {
        origin: performance.timeOrigin,
        times: {
          'frame:navigation-start': 0,
          'frame:html-received': nav.responseEnd,
          'frame:script-css-received': initial.length ? Math.max(...initial.map((r) => r.responseEnd)) : undefined,
          'frame:dom-interactive': nav.domInteractive || undefined,
          'frame:scripts-run': nav.domContentLoadedEventStart || undefined,
          'frame:load-event': nav.loadEventEnd || undefined,
          ...Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name.replace('cf:', 'frame:'), m.startTime])),
        } as Record<string, number | undefined>,
      };
    })
    .catch(() => undefined);
}

/** Every mark of the last mount, host and frames, since the host's `cf:connected`. */
async function occurrences(page: Page): Promise<Occurrences> {
  const host = await page.evaluate(() => ({ origin: performance.timeOrigin, marks: performance.getEntriesByType('mark').map((m) => [m.name, m.startTime] as const) }));
  const connected = host.marks.find(([name]) => name === 'cf:connected')?.[1] ?? 0;
  const out: Occurrences = {};
  for (const [name, at] of host.marks) (out[name] ??= []).push(at - connected);
  for (const frame of await framesOf(page, GROUP_MEMBERS)) {
    const inFrame = await frameTimes(frame);
    if (!inFrame) continue;
    for (const [name, at] of Object.entries(inFrame.times)) if (at !== undefined) (out[name] ??= []).push(at + inFrame.origin - host.origin - connected);
  }
  return out;
}

/**
 * `groups` groups at a time, `runs` times, each run after its floor: as many
 * bare cross-origin iframes as the groups have frames, all loaded.
 */
async function groupRow(stage: BenchPage, pids: RendererPids, groups: number, runs: number): Promise<GroupReadyRow> {
  const { page } = stage;
  const frames = groups * GROUP_MEMBERS.length;
  const ready: number[] = [];
  const floor: number[] = [];
  const failedPerRun: number[] = [];
  const failedCodesPerRun: string[][] = [];
  const timelines: Occurrences[] = [];
  const cpu = { frame: [] as number[], host: [] as number[], browser: [] as number[], floorBrowser: [] as number[] };
  const used = (read: () => number | undefined, before: number | undefined, into: number[]): void => {
    const after = read();
    if (after !== undefined && before !== undefined) into.push(after - before);
  };
  const frameCpu = () => mainThreadCpuMs(pids.frame);
  const hostCpu = () => mainThreadCpuMs(pids.host);
  const browserCpu = () => processTreeCpuMs(pids.browser);
  for (let run = 0; run < runs; run++) {
    const floorStart = browserCpu();
    floor.push(await mountFloor(stage, frames, `group-ready-${groups}-${run}`));
    used(browserCpu, floorStart, cpu.floorBrowser);
    await floorRoundTrips(stage);
    await settle(stage, frames);
    await page.evaluate(() => performance.clearMarks());
    const before = { frame: frameCpu(), host: hostCpu(), browser: browserCpu() };
    const mounted = await mountCards(stage, groups, 'group');
    used(frameCpu, before.frame, cpu.frame);
    used(hostCpu, before.host, cpu.host);
    used(browserCpu, before.browser, cpu.browser);
    ready.push(mounted.ms);
    failedPerRun.push(mounted.failed);
    failedCodesPerRun.push(mounted.failedCodes);
    timelines.push(await occurrences(page));
    await removeCards(stage, 'destroy');
    await settle(stage, frames);
  }
  const split = Object.entries(GROUP_MARKS)
    .map(([mark, label]) => {
      const seen = timelines.map((t) => [...(t[mark] ?? [])].sort((a, b) => a - b)).filter((times) => times.length > 0);
      if (seen.length === 0) return undefined;
      return {
        mark,
        label,
        count: round(median(seen.map((times) => times.length))),
        firstMs: round(median(seen.map((times) => times[0]!))),
        medianMs: round(median(seen.map((times) => median(times)))),
        lastMs: round(median(seen.map((times) => times.at(-1)!))),
      };
    })
    .filter((m): m is GroupMark => m !== undefined)
    .sort((x, y) => x.medianMs - y.medianMs);
  const perFrame = (times: number[]): number | null => (times.length ? round(median(times) / frames) : null);
  return {
    groups,
    runs,
    frames,
    readyMs: round(median(ready)),
    floorMs: round(median(floor)),
    ratio: round(median(ready) / median(floor)),
    failedPerRun,
    failedCodesPerRun,
    frameCpuMsPerFrame: perFrame(cpu.frame),
    hostCpuMsPerFrame: perFrame(cpu.host),
    browserCpuMsPerFrame: perFrame(cpu.browser),
    floorBrowserCpuMsPerFrame: perFrame(cpu.floorBrowser),
    split,
  };
}

/** How many groups to mount at once, and how many times. */
export interface GroupCount {
  readonly groups: number;
  readonly runs: number;
}

/** The browser's process and the renderer processes of the host page and of the frame origin (bench/probes.ts), where found. */
export interface RendererPids {
  readonly browser: number | undefined;
  readonly host: number | undefined;
  readonly frame: number | undefined;
}

/** `groups` groups at a time, `runs` times, each after its floor, on a page whose frames no debugger watches; the browser goes quiet between mounts. */
async function unobservedRow({ page, browserPid }: UnobservedPage, frameUrl: string, floorUrl: string, groups: number, runs: number): Promise<UnobservedGroupRow> {
  const target = { page, frameUrl, floorUrl };
  const frames = groups * GROUP_MEMBERS.length;
  const ready: number[] = [];
  const floor: number[] = [];
  const failedPerRun: number[] = [];
  for (let run = 0; run < runs; run++) {
    await quiet(browserPid);
    floor.push(await mountFloor(target, frames, `unobserved-${groups}-${run}`));
    await floorRoundTrips(target);
    await quiet(browserPid);
    const mounted = await mountCards(target, groups, 'group');
    ready.push(mounted.ms);
    failedPerRun.push(mounted.failed);
    await removeCards(target, 'destroy');
  }
  return { groups, runs, frames, readyMs: round(median(ready)), floorMs: round(median(floor)), ratio: round(median(ready) / median(floor)), failedPerRun };
}

/** Where to measure the unobserved rows: a page of the merchant site opened in a browser of its own, and what to mount on it. */
export interface Unobserved {
  readonly open: () => Promise<UnobservedPage>;
  readonly counts: readonly GroupCount[];
}

export async function groupReady(stage: BenchPage, pids: RendererPids, counts: readonly GroupCount[], unobserved?: Unobserved): Promise<GroupReady> {
  step(`group ready: ${counts.map((c) => `${c.groups} × ${c.runs} runs`).join(', ')} of groups of ${GROUP_MEMBERS.join(', ')}, each after its floor`);
  const rows: GroupReadyRow[] = [];
  for (const { groups, runs } of counts) rows.push(await groupRow(stage, pids, groups, runs));
  if (!unobserved) return { rows };
  step(`group ready with no debugger on the frames: ${unobserved.counts.map((c) => `${c.groups} × ${c.runs} runs`).join(', ')}`);
  const browser = await unobserved.open();
  try {
    const unobservedRows: UnobservedGroupRow[] = [];
    for (const { groups, runs } of unobserved.counts) unobservedRows.push(await unobservedRow(browser, stage.frameUrl, stage.floorUrl, groups, runs));
    return { rows, unobserved: unobservedRows };
  } finally {
    await browser.close();
  }
}
