import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { step } from './progress.ts';
import { bundleSizes, otherSizes, wrapperSizes, type SizeEntry } from './sizes.ts';

const root = join(import.meta.dirname, '..');

/** What the build leaves to measure: the budgeted bundles, and the files built but not budgeted. */
export interface BuiltSizes {
  readonly sizes: SizeEntry[];
  readonly otherSizes: SizeEntry[];
}

/**
 * Builds the production bundles (unless `reuse`, for iterating on the bench
 * itself) and the in-page crypto bench, and measures what users download.
 */
export async function buildBundles({ reuse }: { reuse: boolean }): Promise<BuiltSizes> {
  if (!reuse) {
    step('building production bundles');
    execFileSync('pnpm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  }
  execFileSync('pnpm', ['exec', 'vite', 'build', '--config', 'bench/vite.config.ts'], { cwd: root, stdio: 'inherit' });
  return { sizes: [...bundleSizes(), ...(await wrapperSizes())], otherSizes: otherSizes() };
}
