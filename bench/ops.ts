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

/** Alternates cardframe's `api` and the `raw` equivalent for `rounds` rounds; median ops/s of each and their ratio. */
export async function compare(api: () => unknown, raw: () => unknown, rounds = 5, ms = 250): Promise<Comparison> {
  const a: number[] = [];
  const r: number[] = [];
  await api();
  await raw();
  for (let i = 0; i < rounds; i++) {
    a.push(await opsPerSecond(api, ms));
    r.push(await opsPerSecond(raw, ms));
  }
  return { api: median(a), raw: median(r), ratio: median(a) / median(r) };
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
