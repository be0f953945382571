// What `pnpm bench --only=…` prints: the tables of the phases it ran, in
// short, for comparing runs of a change while working on it. The full
// report (bench/report.ts) is written only by a full run.
import type { OpsRow } from './ops.ts';
import { groupReadySection, type BenchResults } from './report.ts';

/** The results of a partial run: the full run's members for the phases it ran. */
export type PartialResults = Partial<Omit<BenchResults, 'machine'>> & Pick<BenchResults, 'command' | 'date' | 'machine' | 'chromium' | 'runs' | 'manyRuns'> & { phases: string[] };

const table = (head: readonly string[], rows: readonly (readonly unknown[])[]): string =>
  [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.map((cell) => (cell === null || cell === undefined ? '–' : String(cell))).join(' | ')} |`)].join('\n');

const opsTable = (rows: Record<string, OpsRow>): string => table(['operation', 'api ops/s', 'raw ops/s', 'ratio'], Object.entries(rows).map(([name, r]) => [name, r.apiOpsPerSec, r.rawOpsPerSec, r.ratio]));

/** Markdown tables for the phases `results` holds. */
export function partialMarkdown(results: PartialResults): string {
  const out = [
    `# ${results.command}`,
    `${results.date}, ${results.machine.cpus} × ${results.machine.cpu}, load average ${results.machine.loadAverage.join(' / ')} at the end; Chromium ${results.chromium}; medians of ${results.runs} runs (many cards: ${results.manyRuns}).`,
  ];
  const ready = results.timeToReady;
  if (ready) {
    out.push(`## Time to ready: one <cardframe-card>\n\n${table(['card', 'floor', 'ratio'], [[`${ready.cardMs} ms`, `${ready.floorMs} ms`, `${ready.ratio}×`]])}`);
    out.push(table(['mark', 'median since connected', 'step'], ready.split.map((m) => [m.label, `${m.medianMs} ms`, `${m.stepMs} ms`])));
  }
  if (results.groupReady) out.push(groupReadySection(results.groupReady).trim());
  const reveal = results.timeToReveal;
  if (reveal) out.push(`## Time to reveal\n\n${table(['reveal', 'floor', 'ratio'], [[`${reveal.cardMs} ms`, `${reveal.floorMs} ms`, `${reveal.ratio}×`]])}`);
  const bound = results.boundReveal;
  if (bound) out.push(`## Bound reveal\n\n${table(['plain', 'bound', 'ratio'], [[`${bound.plainMs} ms`, `${bound.boundMs} ms`, `${bound.ratio}×`]])}`);
  if (results.crypto) out.push(`## Crypto in page\n\n${opsTable(results.crypto)}`);
  if (results.issuerNode) out.push(`## Issuer toolkit in Node\n\n${opsTable(results.issuerNode)}`);
  if (results.manyCards) {
    out.push(
      `## Many cards\n\n${table(
        ['variant', 'cards', 'all ready', 'floor', 'ready ratio', 'reveal all', 'floor', 'reveal ratio', 'key-set fetches per page (default profile; storage refused)', 'failed frames per run'],
        results.manyCards.map((m) => [m.variant, m.cards, `${m.readyMs} ms`, `${m.floorReadyMs} ms`, `**${m.readyRatio}×**`, `${m.revealAllMs} ms`, `${m.floorRoundTripMs} ms`, `${m.revealAllRatio}×`, `${m.keySetFetchesPerPageDefaultProfile ?? '–'}; ${m.keySetFetchesPerPage}`, m.failedFramesPerRun.join(', ')]),
      )}`,
    );
    out.push(
      `Growth, cost per card at 50 over at 10:\n\n${table(
        ['variant', 'time to ready', 'its floor', 'ready ratio', 'reveal all', 'frame process PSS'],
        (results.manyCardsGrowth ?? []).map((g) => [g.variant, g.readyPerCard50over10, g.floorReadyPerCard50over10, g.readyRatio50over10, g.revealAllPerCard50over10, g.framePssPerCard50over10]),
      )}`,
    );
  }
  if (results.leaks) {
    const leak = (name: string, run: BenchResults['leaks']['card']) => [name, `${run.hostHeapGrowthPerCycleKb} KB`, `${run.frameHeapGrowthPerCycleKb} KB`, `${run.framesBefore} → ${run.framesAfter}`, `${run.openPortsBefore} → ${run.openPortsAfter}`];
    out.push(`## Leaks (${results.leaks.cycles} cycles)\n\n${table(['', 'host heap per cycle', 'frame heap per cycle', 'live iframes', 'open ports'], [leak('card', results.leaks.card), leak('group', results.leaks.group)])}`);
  }
  for (const engine of results.otherEngines ?? []) {
    out.push('error' in engine ? `${engine.engine}: ${engine.error}` : `${engine.engine}: ready ${engine.ready.ratio}×, reveal ${engine.reveal.ratio}× their floors`);
  }
  return `${out.join('\n\n')}\n`;
}
