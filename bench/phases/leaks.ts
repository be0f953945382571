// Leaks: many mount → reveal → remove cycles of one card and of one group,
// sampling heaps, live frames and open ports as they go.
import type { BenchWindow } from '../instrument.ts';
import { round } from '../ops.ts';
import { liveFrames, mountOk, removeCards, revealCard, type BenchPage, type Variant } from '../page-actions.ts';
import type { Probes } from '../probes.ts';
import { step } from '../progress.ts';
import type { IssuerStats } from './many-cards.ts';

export interface LeakSample {
  cycle: number;
  heapKb: number;
  frameHeapKb: number;
  frames: number;
  playwrightFrames: number;
  openPorts: number;
  portsCreated: number;
  portsClosed: number;
}

/** What changed from the first sample to the last. */
export interface LeakSummary {
  hostHeapGrowthKb: number;
  hostHeapGrowthPerCycleKb: number;
  frameHeapGrowthKb: number;
  frameHeapGrowthPerCycleKb: number;
  framesBefore: number;
  framesAfter: number;
  portsCreated: number;
  portsClosed: number;
  openPortsBefore: number;
  openPortsAfter: number;
}

export type LeakRun = { samples: LeakSample[] } & LeakSummary & { issuerRequests: number };

export interface Leaks {
  cycles: number;
  card: LeakRun;
  group: LeakRun;
}

async function leakRun(stage: BenchPage, probes: Probes, variant: Variant, cycles: number): Promise<LeakSample[]> {
  const { page } = stage;
  const samples: LeakSample[] = [];
  const sample = async (cycle: number): Promise<void> => {
    const ports = await page.evaluate(() => (window as unknown as BenchWindow).__ports);
    const heap = await probes.memory();
    samples.push({
      cycle,
      heapKb: round(heap.hostJs / 1024, 0),
      frameHeapKb: round(heap.frameJs / 1024, 0),
      frames: await liveFrames(stage),
      playwrightFrames: page.frames().length - 1,
      openPorts: ports.created - ports.closed,
      portsCreated: ports.created,
      portsClosed: ports.closed,
    });
  };
  await sample(0);
  for (let cycle = 1; cycle <= cycles; cycle++) {
    if (variant === 'card') {
      await mountOk(stage, 1);
      await revealCard(stage, 'bench-0');
      await removeCards(stage, 'remove');
    } else {
      await mountOk(stage, 1, 'group');
      const revealed = page.evaluate(
        (at) =>
          new Promise<void>((resolve, reject) => {
            const pan = document.querySelector('#bench-0 cardframe-pan')!;
            // A reveal that fails or never comes stops the bench with a reason instead of hanging it.
            const timer = setTimeout(() => reject(new Error(`no cardframe-reveal in cycle ${at} within 20 s`)), 20_000);
            pan.addEventListener('cardframe-error', (event) => {
              clearTimeout(timer);
              reject(new Error(`cycle ${at}: ${(event as CustomEvent<{ code: string }>).detail.code} instead of a reveal`));
            }, { once: true });
            pan.addEventListener('cardframe-reveal', () => {
              clearTimeout(timer);
              resolve();
            }, { once: true });
          }),
        cycle,
      );
      await page.frameLocator('#bench-0 cardframe-pan iframe').getByRole('button', { name: /Show card number/ }).click();
      await revealed;
      await removeCards(stage, 'destroy');
    }
    if (cycle % (cycles / 4) === 0) await sample(cycle);
  }
  return samples;
}

function leakSummary(samples: readonly LeakSample[], cycles: number): LeakSummary {
  const first = samples[0]!;
  const last = samples[samples.length - 1]!;
  return {
    hostHeapGrowthKb: last.heapKb - first.heapKb,
    hostHeapGrowthPerCycleKb: round((last.heapKb - first.heapKb) / cycles, 3),
    frameHeapGrowthKb: last.frameHeapKb - first.frameHeapKb,
    frameHeapGrowthPerCycleKb: round((last.frameHeapKb - first.frameHeapKb) / cycles, 3),
    framesBefore: first.frames,
    framesAfter: last.frames,
    portsCreated: last.portsCreated - first.portsCreated,
    portsClosed: last.portsClosed - first.portsClosed,
    openPortsBefore: first.openPorts,
    openPortsAfter: last.openPorts,
  };
}

export async function leaks(stage: BenchPage, probes: Probes, issuerStats: IssuerStats, cycles: number): Promise<Leaks> {
  step(`leaks: ${cycles} mount/reveal/remove cycles of a <cardframe-card>`);
  const requestsBeforeLeaks = issuerStats.cardRequests;
  const card = await leakRun(stage, probes, 'card', cycles);
  step(`leaks: ${cycles} mount/reveal/destroy() cycles of a <cardframe-group> of three fields`);
  const requestsBetween = issuerStats.cardRequests;
  const group = await leakRun(stage, probes, 'group', cycles);
  return {
    cycles,
    card: { samples: card, ...leakSummary(card, cycles), issuerRequests: requestsBetween - requestsBeforeLeaks },
    group: { samples: group, ...leakSummary(group, cycles), issuerRequests: issuerStats.cardRequests - requestsBetween },
  };
}
