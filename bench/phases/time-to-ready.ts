// Time to ready: element connected → frame ready to reveal, one card at a
// time, interleaved with the floor; and where that time goes, mark by mark.
import type { Page } from '@playwright/test';
import { median, round } from '../ops.ts';
import { floorLoad, framesOf, mountOk, removeCards, type BenchPage } from '../page-actions.ts';
import { step } from '../progress.ts';

/** One run's marks on the host's clock (ms since the host page's time origin). */
type Timeline = Record<string, number>;

/** The marks of the last single-card mount: the host's, and the frame's converted to the host's clock. */
async function readyTimeline(page: Page): Promise<Timeline> {
  const host = await page.evaluate(() => ({ origin: performance.timeOrigin, marks: Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])) }));
  const [frame] = await framesOf(page, ['cardframe-card']);
  const inFrame = await frame!.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    // What the HTML asks for is requested while it is parsed; chunks fetched after ready start later.
    const initial = resources.filter((r) => !/\.js$/.test(r.name) || r.startTime <= nav.domInteractive);
    const end = (test: (name: string) => boolean, among = resources): number | undefined => {
      const ends = among.filter((r) => test(new URL(r.name).pathname)).map((r) => r.responseEnd);
      return ends.length ? Math.max(...ends) : undefined;
    };
    const start = (test: (name: string) => boolean): number | undefined => resources.find((r) => test(new URL(r.name).pathname))?.startTime;
    return {
      origin: performance.timeOrigin,
      times: {
        'frame:navigation-start': 0,
        'frame:html-received': nav.responseEnd,
        'frame:script-css-received': end((path) => /\.(js|css)$/.test(path), initial),
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
  'frame:ready-sent': 'frame: ready posted (view rendered; the reveal chunk and keys load after it)',
  'cf:ready': 'host: ready event',
  'cf:configure-answered': 'host: configure answered',
};

/** One mark of the split: its median time since the element was connected, and the step from the mark before. */
export interface ReadyMark {
  mark: string;
  label: string;
  medianMs: number | null;
  runs: number;
  stepMs: number;
}

export interface TimeToReady {
  cardMs: number;
  floorMs: number;
  ratio: number;
  split: ReadyMark[];
}

export async function timeToReady(stage: BenchPage, runs: number): Promise<TimeToReady> {
  const { page } = stage;
  step(`time to ready: ${runs} runs, interleaved with the floor`);
  const ready = { card: [] as number[], floor: [] as number[], timelines: [] as Timeline[] };
  for (let i = 0; i < runs; i++) {
    ready.floor.push(await floorLoad(stage, `run=${i}`));
    await page.evaluate(() => performance.clearMarks());
    ready.card.push(await mountOk(stage, 1));
    ready.timelines.push(await readyTimeline(page));
    await removeCards(stage);
  }
  // Each mark in time order; where the frame does things in parallel, by median.
  const split = Object.entries(READY_MARKS)
    .map(([mark, label]) => {
      const offsets = ready.timelines.filter((t) => t[mark] !== undefined && t['cf:connected'] !== undefined).map((t) => t[mark]! - t['cf:connected']!);
      return { mark, label, medianMs: offsets.length ? round(median(offsets)) : null, runs: offsets.length };
    })
    .filter((m) => m.medianMs !== null)
    .sort((x, y) => x.medianMs! - y.medianMs!)
    .map((m, i, all) => ({ ...m, stepMs: i === 0 ? 0 : round(m.medianMs! - all[i - 1]!.medianMs!) }));
  return { cardMs: round(median(ready.card)), floorMs: round(median(ready.floor)), ratio: round(median(ready.card) / median(ready.floor)), split };
}
