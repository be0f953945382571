// Throughput loops shared by the in-page crypto bench and the Node runner.

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
