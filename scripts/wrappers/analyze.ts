// Runs the SDK's manifest analyzer as its build does, on a copy of the
// SDK's sources in a temporary directory (the analyzer also rewrites the
// `customElements` entry of the package.json beside it), so a test can
// compare the committed wrappers with what the elements' sources produce
// now, with or without a build.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Manifest } from './manifest.ts';

const sdk = join(import.meta.dirname, '../../packages/sdk');
/** What the manifest covers, as the build reads it. */
const CONFIG = 'custom-elements-manifest.config.mjs';

let analyzed: Manifest | undefined;

/** The manifest of the SDK's sources as they are now (analyzed once a process; each call gets its own copy). */
export function analyzeSdk(): Manifest {
  analyzed ??= analyze();
  return structuredClone(analyzed);
}

function analyze(): Manifest {
  const work = mkdtempSync(join(tmpdir(), 'cardframe-cem-'));
  try {
    cpSync(join(sdk, 'src'), join(work, 'src'), { recursive: true });
    cpSync(join(sdk, CONFIG), join(work, CONFIG));
    writeFileSync(join(work, 'package.json'), '{}\n');
    execFileSync(join(sdk, 'node_modules/.bin/cem'), ['analyze', '--quiet', '--outdir', '.'], { cwd: work, stdio: 'pipe' });
    return JSON.parse(readFileSync(join(work, 'custom-elements.json'), 'utf8')) as Manifest;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
