import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export { after, afterEach, before, beforeEach, describe, it } from 'node:test';

/** `../shared/vectors` beside the project root, or `CARDFRAME_VECTORS`. */
const vectorsDir = process.env['CARDFRAME_VECTORS'] ?? fileURLToPath(new URL('../../../../shared/vectors/', import.meta.url));

/** Reads and parses a JSON file under the shared vectors folder, e.g. `wycheproof/aes_gcm_test.json`. */
export async function readVector<T = unknown>(name: string): Promise<T> {
  return JSON.parse(await readFile(`${vectorsDir}/${name}`, 'utf8')) as T;
}

export const runtime = 'node' as const;

export { nodeOracle as seedOracle } from './seed-oracle.ts';
export type { SeedOracle } from './seed-oracle.ts';

export { rejectionCode, thrownCode } from './error-code.ts';
