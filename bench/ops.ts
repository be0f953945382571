// Throughput loops and rounding shared by the in-page crypto bench, the Node runner and the report.

/** `n` rounded to `digits` decimals, as a number (for the report's figures). */
export function round(n: number, digits = 2): number {
  return Number(n.toFixed(digits));
}

/** Median of a list of numbers. */
export function median(xs: readonly number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
}

/** Operations per second of `op`, run back to back for `ms`. */
export async function opsPerSecond(op: () => unknown, ms: number): Promise<number> {
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < ms) {
    await op();
    n++;
  }
  return (n * 1000) / (performance.now() - start);
}

export interface Comparison {
  readonly api: number;
  readonly raw: number;
  readonly ratio: number;
}

/**
 * Runs cardframe's `api` and the `raw` equivalent side by side for `rounds`
 * rounds, which goes first alternating from round to round; median ops/s of
 * each, and the median of the rounds' own ratios. Each round's pair ran
 * back to back, so a round's ratio is taken under one load of this shared
 * machine: the load that moves both between rounds cancels out.
 */
export async function compare(api: () => unknown, raw: () => unknown, rounds = 11, ms = 250): Promise<Comparison> {
  const a: number[] = [];
  const r: number[] = [];
  const ratios: number[] = [];
  await api();
  await raw();
  for (let i = 0; i < rounds; i++) {
    let apiOps: number;
    let rawOps: number;
    if (i % 2 === 0) {
      apiOps = await opsPerSecond(api, ms);
      rawOps = await opsPerSecond(raw, ms);
    } else {
      rawOps = await opsPerSecond(raw, ms);
      apiOps = await opsPerSecond(api, ms);
    }
    a.push(apiOps);
    r.push(rawOps);
    ratios.push(apiOps / rawOps);
  }
  return { api: median(a), raw: median(r), ratio: median(ratios) };
}

/** A comparison as the report shows it: whole ops/s and a two-decimal ratio. */
export interface OpsRow {
  readonly apiOpsPerSec: number;
  readonly rawOpsPerSec: number;
  readonly ratio: number;
}

/** Each comparison of `table` rounded for the report. */
export function opsRows(table: Record<string, Comparison>): Record<string, OpsRow> {
  return Object.fromEntries(Object.entries(table).map(([k, v]) => [k, { apiOpsPerSec: round(v.api, 0), rawOpsPerSec: round(v.raw, 0), ratio: round(v.ratio) }]));
}
