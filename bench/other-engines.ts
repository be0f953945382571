import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { EngineBench } from './engines.ts';
import { firefoxPath, webkitPaths } from '../scripts/engines.mjs';
import { step } from './progress.ts';

const root = join(import.meta.dirname, '..');

/**
 * Time to ready and to reveal in Firefox and WebKit (bench/engines.ts), one
 * engine at a time after the Chromium phases so they never share the CPU.
 * An engine that is not installed, or whose run fails, is reported as such.
 */
export function engineBenches(runs: number): (EngineBench | { engine: string; error: string })[] {
  const out: (EngineBench | { engine: string; error: string })[] = [];
  for (const engine of ['firefox', 'webkit'] as const) {
    if (engine === 'firefox' ? !firefoxPath() : !webkitPaths()) {
      out.push({ engine, error: 'not installed' });
      continue;
    }
    step(`time to ready and reveal in ${engine}: ${runs} runs`);
    const bench = [join(root, 'bench/engines.ts'), engine, String(runs)];
    const run =
      engine === 'firefox'
        ? spawnSync(process.execPath, bench, { cwd: root, encoding: 'utf8' })
        : spawnSync('xvfb-run', ['-a', process.execPath, join(root, 'scripts/with-webkit-driver.mjs'), process.execPath, ...bench], { cwd: root, encoding: 'utf8' });
    const line = run.stdout.trim().split('\n').pop() ?? '';
    try {
      out.push(JSON.parse(line) as EngineBench);
    } catch {
      out.push({ engine, error: `exit ${run.status}: ${run.stderr.trim().split('\n').slice(-1)[0] ?? ''}` });
    }
  }
  return out;
}
