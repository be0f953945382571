import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { SIZE_BUDGETS, bundleSizes } from './sizes.ts';

// Sizes are deterministic for a given build, so they are tested; timings are not (see `pnpm bench`).
for (const entry of bundleSizes()) {
  test(`${entry.name} stays within its gzip budget`, () => {
    const budget = SIZE_BUDGETS[entry.name];
    assert.ok(budget, `no budget for ${entry.name}`);
    assert.ok(entry.files.length > 0, `no files found for ${entry.name}`);
    assert.ok(entry.gzip <= budget, `${entry.name}: ${entry.gzip} B gzip is over its ${budget} B budget`);
  });
}
