// Before and after: this run beside the run kept in bench/baseline.json (the
// previous full `pnpm bench`, raw results as written then). Both runs
// measured their own floors, so the ratios compare; the milliseconds come
// from different loads and are shown only to place the marks.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ManyCardsRow } from './phases/many-cards.ts';
import type { TimeToReady } from './phases/time-to-ready.ts';
import type { SizeEntry } from './sizes.ts';

/** The fields of a results.json the comparison reads (an older run may lack the newer many-cards members). */
export interface BaselineResults {
  readonly date: string;
  readonly runs: number;
  readonly manyRuns: number;
  readonly sizes: readonly SizeEntry[];
  readonly timeToReady: TimeToReady;
  readonly manyCards: readonly ManyCardsRow[];
}

/** bench/baseline.json, or undefined where there is none. */
export function loadBaseline(): BaselineResults | undefined {
  try {
    return JSON.parse(readFileSync(join(import.meta.dirname, 'baseline.json'), 'utf8')) as BaselineResults;
  } catch {
    return undefined;
  }
}

const dash = (n: number | null | undefined): string => (n === undefined || n === null || Number.isNaN(n) ? '–' : String(n));
const kb = (n: number | undefined): string => (n === undefined ? '–' : `${(n / 1024).toFixed(1)} KB`);

/** The "Before and after" section of BENCHMARKS.md. */
export function beforeAfterSection(results: BaselineResults, before: BaselineResults): string {
  const size = (r: BaselineResults, name: string) => r.sizes.find((s) => s.name === name)?.gzip;
  const marks = [...results.timeToReady.split.map((m) => m.mark), ...before.timeToReady.split.map((m) => m.mark)].filter((mark, i, all) => all.indexOf(mark) === i);
  const mark = (r: BaselineResults, name: string) => r.timeToReady.split.find((m) => m.mark === name);
  const many = (r: BaselineResults, variant: string, cards: number) => r.manyCards.find((m) => m.variant === variant && m.cards === cards);
  const failed = (row: BaselineResults['manyCards'][number] | undefined): string =>
    row ? `${row.failedFramesPerRun.reduce((a, b) => a + b, 0)} over ${row.failedFramesPerRun.length} runs` : '–';
  const rows = results.manyCards.map((m) => ({ after: m, before: many(before, m.variant, m.cards) }));
  return `## Before and after

This run beside the previous full run (\`bench/baseline.json\`, ${before.date.slice(0, 10)}, ${before.runs} runs, many cards ${before.manyRuns} runs).
Each run measured its own floor on a shared machine, so compare the ratios and the sizes; milliseconds are from different loads.

| | before | after |
| --- | --- | --- |
${results.sizes
  .slice(0, 2)
  .map((s) => `| ${s.name}, gzip | ${kb(size(before, s.name))} | ${kb(s.gzip)} |`)
  .join('\n')}
| one \`<cardframe-card>\` ready, ratio to its floor | ${before.timeToReady.ratio}× | ${results.timeToReady.ratio}× |
${rows
  .map(
    ({ after, before: b }) =>
      `| ${after.cards} × ${after.variant === 'card' ? '`<cardframe-card>`' : 'group'}: ready ratio; reveal-all ratio; failed frames | ${b ? `${b.readyRatio}×; ${b.revealAllRatio}×; ${failed(b)}` : '–'} | ${after.readyRatio}×; ${after.revealAllRatio}×; ${failed(after)} |`,
  )
  .join('\n')}

Where the time goes to one card's ready, before and after (median ms since the element was connected; "–": the run has no such mark):

| mark | before | after |
| --- | --- | --- |
${marks.map((name) => `| ${(mark(results, name) ?? mark(before, name))!.label} | ${dash(mark(before, name)?.medianMs)} | ${dash(mark(results, name)?.medianMs)} |`).join('\n')}

`;
}
