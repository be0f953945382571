import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { SIZE_BUDGETS, bundleSizes, wrapperSizes } from './sizes.ts';

// Sizes are deterministic for a given build, so they are tested; timings are not (see `pnpm bench`).
// The wrappers are bundled here, in memory, so the test measures what it just built.
for (const entry of [...bundleSizes(), ...(await wrapperSizes())]) {
  test(`${entry.name} stays within its gzip budget`, () => {
    const budget = SIZE_BUDGETS[entry.name];
    assert.ok(budget, `no budget for ${entry.name}`);
    assert.ok(entry.files.length > 0, `no files found for ${entry.name}`);
    assert.ok(entry.gzip <= budget, `${entry.name}: ${entry.gzip} B gzip is over its ${budget} B budget`);
  });
}

test('the frame downloads OpenPGP.js only as a separate chunk, never in its initial files', () => {
  const assets = join(import.meta.dirname, '../packages/frame/dist/assets');
  const chunks = readdirSync(assets).filter((name) => /^pgp-[\w-]+\.js$/.test(name));
  assert.equal(chunks.length, 1, 'one OpenPGP chunk in the frame build');
  // A string only OpenPGP.js has: it must be in that chunk and nowhere in what index.html loads.
  const marker = 'Maximum decompressed message size exceeded';
  assert.ok(readFileSync(join(assets, chunks[0]!), 'utf8').includes(marker));
  const initial = bundleSizes().find((entry) => entry.name.startsWith('frame'))!;
  for (const file of initial.files) {
    assert.ok(!file.includes(chunks[0]!), `${file} is loaded up front`);
    assert.ok(!readFileSync(join(import.meta.dirname, '..', file), 'utf8').includes(marker), `${file} holds OpenPGP code`);
  }
});

test('the frame\'s initial files hold no jose and no reveal code: both are chunks fetched after ready', () => {
  const assets = join(import.meta.dirname, '../packages/frame/dist/assets');
  const chunk = (prefix: string): string => {
    const names = readdirSync(assets).filter((name) => new RegExp(`^${prefix}-[\\w-]+\\.js$`).test(name));
    assert.equal(names.length, 1, `one ${prefix} chunk in the frame build`);
    return names[0]!;
  };
  // Strings only jose's errors, the reveal's reading of the issuer's answer and its steps from a click on have.
  const markers = [
    { chunk: chunk('key'), marker: 'ERR_JOSE_' },
    { chunk: chunk('reveal-actions'), marker: 'encryptedPan' },
    { chunk: chunk('reveal-actions'), marker: 'hidden while revealing' },
  ];
  const initial = bundleSizes().find((entry) => entry.name.startsWith('frame'))!;
  for (const { chunk: name, marker } of markers) {
    assert.ok(readFileSync(join(assets, name), 'utf8').includes(marker), `${name} holds ${marker}`);
    for (const file of initial.files) {
      assert.ok(!file.includes(name), `${file} is loaded up front`);
      assert.ok(!readFileSync(join(import.meta.dirname, '..', file), 'utf8').includes(marker), `${file} holds ${marker}`);
    }
  }
});

test('the key-set coordinator is a worker file of its own, and neither it nor the code that starts it is in the frame\'s initial files', () => {
  const assets = join(import.meta.dirname, '../packages/frame/dist/assets');
  const workers = readdirSync(assets).filter((name) => /^share-worker-[\w-]+\.js$/.test(name));
  assert.equal(workers.length, 1, 'one coordinator script in the frame build');
  const worker = readFileSync(join(assets, workers[0]!), 'utf8');
  // Self-contained: a module worker under `default-src 'none'`-strict headers imports nothing.
  assert.ok(!/\bimport\b[\s\S]*?\bfrom\b|import\(/.test(worker), 'the coordinator script imports nothing');
  const initial = bundleSizes().find((entry) => entry.name.startsWith('frame'))!;
  for (const file of initial.files) {
    const text = readFileSync(join(import.meta.dirname, '..', file), 'utf8');
    assert.ok(!text.includes(workers[0]!), `${file} names the coordinator script`);
    // The worker's name, only in the chunk that starts it.
    assert.ok(!text.includes('cardframe-key-sets'), `${file} starts the coordinator`);
  }
});

test('the frame\'s initial files hold every view a frame renders before ready, so no view is a chunk on that path', () => {
  const assets = join(import.meta.dirname, '../packages/frame/dist/assets');
  const initial = bundleSizes().find((entry) => entry.name.startsWith('frame'))!;
  const text = initial.files.map((file) => readFileSync(join(import.meta.dirname, '..', file), 'utf8')).join('\n');
  // Each view registers its element under its tag name, a string no other view has.
  for (const tag of ['cardframe-card-view', 'cardframe-field-view', 'cardframe-copy-view']) assert.ok(text.includes(tag), `the initial files define ${tag}`);
  assert.deepEqual(readdirSync(assets).filter((name) => /^(field|copy|card)-view-[\w-]+\.js$/.test(name)), [], 'no view chunk in the frame build');
});

test('the frame renders its views with lit-html alone: no file of its build holds Lit\'s ReactiveElement, and English\'s PIN texts come with PIN entry', () => {
  const assets = join(import.meta.dirname, '../packages/frame/dist/assets');
  // ReactiveElement registers its version under this name; the host SDK, a Lit element, has it.
  const marker = 'reactiveElementVersions';
  assert.ok(readFileSync(join(import.meta.dirname, '../packages/sdk/dist/cardframe.js'), 'utf8').includes(marker), 'the marker names ReactiveElement');
  for (const name of readdirSync(assets).filter((file) => file.endsWith('.js'))) {
    assert.ok(!readFileSync(join(assets, name), 'utf8').includes(marker), `${name} holds ReactiveElement`);
  }
  const pinText = 'Confirm new PIN';
  const pinFlow = readdirSync(assets).filter((name) => /^pin-flow-[\w-]{8}\.js$/.test(name));
  assert.equal(pinFlow.length, 1, 'one PIN entry chunk');
  assert.ok(readFileSync(join(assets, pinFlow[0]!), 'utf8').includes(pinText), 'the PIN chunk holds the English PIN texts');
  const initial = bundleSizes().find((entry) => entry.name.startsWith('frame'))!;
  for (const file of initial.files) assert.ok(!readFileSync(join(import.meta.dirname, '..', file), 'utf8').includes(pinText), `${file} holds the PIN texts`);
});

test('the config checker is a chunk of its own: a frame with its config written into the HTML never loads it, and the HTML as built preloads it for the fetched file', () => {
  const assets = join(import.meta.dirname, '../packages/frame/dist/assets');
  const names = readdirSync(assets).filter((name) => /^config-[\w-]+\.js$/.test(name));
  assert.equal(names.length, 1, 'one config checker chunk in the frame build');
  // A message only the checker has.
  const marker = 'allowedHostOrigins must be a non-empty array';
  assert.ok(readFileSync(join(assets, names[0]!), 'utf8').includes(marker));
  const [inline, fetched] = bundleSizes().filter((entry) => entry.name.startsWith('frame'));
  for (const file of inline!.files) assert.ok(!readFileSync(join(import.meta.dirname, '..', file), 'utf8').includes(marker), `${file} holds the config checker`);
  assert.ok(fetched!.files.some((file) => file.endsWith(names[0]!)), 'the built HTML preloads the checker');
});
