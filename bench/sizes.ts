// Bundle sizes as users download them: minified, then gzip (level 9) and
// brotli (quality 11). Shared by `pnpm bench` and the size budget test.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export interface SizeEntry {
  readonly name: string;
  readonly files: readonly string[];
  readonly raw: number;
  readonly gzip: number;
  readonly brotli: number;
}

const root = join(import.meta.dirname, '..');

function measure(name: string, files: readonly string[]): SizeEntry {
  // Sizes of the files as separately downloaded, summed.
  let raw = 0;
  let gzip = 0;
  let brotli = 0;
  for (const file of files) {
    const bytes = readFileSync(join(root, file));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
    brotli += brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  }
  return { name, files, raw, gzip, brotli };
}

/** The frame's initial download: every script and stylesheet its index.html references. */
function frameInitialFiles(): string[] {
  const html = readFileSync(join(root, 'packages/frame/dist/index.html'), 'utf8');
  return [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => `packages/frame/dist/${m[1]}`);
}

/** Sizes of the built bundles (run `pnpm run build` first). */
export function bundleSizes(): SizeEntry[] {
  return [
    measure('host SDK, script-tag file (cardframe.js, Lit included)', ['packages/sdk/dist/cardframe.js']),
    measure('frame, initial JS + CSS', frameInitialFiles()),
  ];
}

/** Budgets in bytes of gzip; the test run fails above them. */
export const SIZE_BUDGETS: Record<string, number> = {
  'host SDK, script-tag file (cardframe.js, Lit included)': 10 * 1024,
  'frame, initial JS + CSS': 27 * 1024,
};
