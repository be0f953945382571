// Time to reveal: the host callback resolves (ciphertext in hand) → the
// frame's `reveal` event; the floor is one message round trip. One frame is
// revealed and hidden again each run, so its Reveal is clicked inside the
// frame (see revealCard).
import { median, round } from '../ops.ts';
import { floorRoundTrip, mountOk, removeCards, revealCard, type BenchPage } from '../page-actions.ts';
import { step } from '../progress.ts';

export interface TimeToReveal {
  cardMs: number;
  floorMs: number;
  ratio: number;
}

export async function timeToReveal(stage: BenchPage, runs: number): Promise<TimeToReveal> {
  const { page } = stage;
  step(`time to reveal: ${runs} runs`);
  await mountOk(stage, 1);
  const reveal = { card: [] as number[], floor: [] as number[] };
  for (let i = 0; i < runs; i++) {
    reveal.card.push(await revealCard(stage, 'bench-0', 'script'));
    await page.evaluate(() => (document.getElementById('bench-0') as HTMLElement & { hide(): Promise<void> }).hide());
    reveal.floor.push(await floorRoundTrip(stage, `echo=${i}`));
  }
  await removeCards(stage);
  return { cardMs: round(median(reveal.card)), floorMs: round(median(reveal.floor)), ratio: round(median(reveal.card) / median(reveal.floor)) };
}
