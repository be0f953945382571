import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseBenchOptions, runs } from './options.ts';

test('a plain pnpm bench runs every phase with the full run counts', () => {
  const options = parseBenchOptions([]);
  assert.equal(options.only, undefined);
  assert.deepEqual([options.runs, options.manyRuns, options.manyCounts, options.variants], [21, 10, [1, 10, 50], ['card', 'group']]);
  assert.equal(runs(options, 'leaks'), true);
});

test('--only runs just the phases it names, with --runs, --counts and --variants', () => {
  const options = parseBenchOptions(['--only=many-cards,group-ready', '--runs=4', '--counts=1,50', '--variants=group', '--no-build']);
  assert.deepEqual([...options.only!], ['many-cards', 'group-ready']);
  assert.equal(runs(options, 'many-cards'), true);
  assert.equal(runs(options, 'time-to-ready'), false);
  assert.deepEqual([options.runs, options.manyRuns, options.manyCounts, options.variants, options.reuseBuild], [4, 4, [1, 50], ['group'], true]);
});

test('an unknown phase, a bad count, or a run-count option without --only is refused before anything runs', () => {
  assert.throws(() => parseBenchOptions(['--only=many-card']), /no phase "many-card"/);
  assert.throws(() => parseBenchOptions(['--only=leaks', '--runs=0']), /positive whole numbers/);
  assert.throws(() => parseBenchOptions(['--only=many-cards', '--variants=cards']), /--variants takes card and group/);
  assert.throws(() => parseBenchOptions(['--runs=3']), /go with --only/);
});
