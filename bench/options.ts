// What `pnpm bench` was asked to run: every phase (the default, which
// regenerates BENCHMARKS.md and bench/results.json), or only some of them.

/** The phases of a run, in the order a full run measures them. */
export const PHASES = ['time-to-ready', 'group-ready', 'time-to-reveal', 'bound-reveal', 'crypto', 'many-cards', 'leaks', 'issuer-node', 'other-engines'] as const;
export type Phase = (typeof PHASES)[number];

export interface BenchOptions {
  readonly quick: boolean;
  readonly reuseBuild: boolean;
  /** Undefined for a full run; else the phases asked for, which are all that run. */
  readonly only: ReadonlySet<Phase> | undefined;
  /** Runs of the timing phases, and of the many-cards phase. */
  readonly runs: number;
  readonly manyRuns: number;
  /** Cards the many-cards phase mounts at once, one count after another. */
  readonly manyCounts: readonly number[];
  /** The many-cards variants to measure. */
  readonly variants: readonly ('card' | 'group')[];
  /** Where a partial run writes its results (never BENCHMARKS.md or bench/results.json). */
  readonly out: string | undefined;
}

function valueOf(argv: readonly string[], name: string): string | undefined {
  const prefix = `--${name}=`;
  return argv.find((arg) => arg.startsWith(prefix))?.slice(prefix.length);
}

function positive(text: string, name: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} takes positive whole numbers, not "${text}"`);
  return n;
}

/**
 * Reads `--quick`, `--no-build`, `--only=phase[,phase…]`, `--runs=N` (every
 * timing phase, many cards included), `--counts=1,10,50`, `--variants=card,group`
 * and `--out=file`. These only go with `--only`, so a full run
 * always measures what BENCHMARKS.md says it does.
 */
export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  const quick = argv.includes('--quick');
  const onlyArg = valueOf(argv, 'only');
  const only = onlyArg === undefined ? undefined : new Set(onlyArg.split(',').filter(Boolean));
  for (const phase of only ?? []) if (!(PHASES as readonly string[]).includes(phase)) throw new Error(`--only: no phase "${phase}" (phases: ${PHASES.join(', ')})`);
  if (only?.size === 0) throw new Error(`--only names no phase (phases: ${PHASES.join(', ')})`);
  const runsArg = valueOf(argv, 'runs');
  const countsArg = valueOf(argv, 'counts');
  const variantsArg = valueOf(argv, 'variants');
  const out = valueOf(argv, 'out');
  if (!only && (runsArg !== undefined || countsArg !== undefined || variantsArg !== undefined || out !== undefined)) throw new Error('--runs, --counts, --variants and --out go with --only: a full run keeps its own numbers');
  const variants = variantsArg === undefined ? (['card', 'group'] as const) : variantsArg.split(',');
  for (const variant of variants) if (variant !== 'card' && variant !== 'group') throw new Error(`--variants takes card and group, not "${variant}"`);
  const runs = runsArg === undefined ? undefined : positive(runsArg, 'runs');
  return {
    quick,
    reuseBuild: argv.includes('--no-build'),
    only: only as ReadonlySet<Phase> | undefined,
    runs: runs ?? (quick ? 7 : 21),
    manyRuns: runs ?? (quick ? 3 : 10),
    variants: variants as readonly ('card' | 'group')[],
    manyCounts: countsArg === undefined ? [1, 10, 50] : countsArg.split(',').map((n) => positive(n, 'counts')),
    out,
  };
}

/** Whether `phase` runs. */
export function runs(options: BenchOptions, phase: Phase): boolean {
  return !options.only || options.only.has(phase);
}
