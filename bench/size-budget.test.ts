import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';
import { SIZE_BUDGETS, bundleSizes, wrapperSizes } from './sizes.ts';

const ASSETS = join(import.meta.dirname, '../packages/frame/dist/assets');
/** A file of the build, by its path from the repository root (as `bundleSizes()` names them). */
const read = (file: string): string => readFileSync(join(import.meta.dirname, '..', file), 'utf8');
// Measured once: each measurement compresses every file of the bundle.
const bundles = bundleSizes();
/** The frame's bundles: its config written into its HTML, and fetched (the static deploy). */
const [inlineFrame, fetchedFrame] = bundles.filter((entry) => entry.name.startsWith('frame'));
/** The frame's initial files, with the config written into its HTML. */
const initialFrameFiles = (): readonly string[] => inlineFrame!.files;

/** The name of the one frame chunk `<prefix>-<hash>.js`. */
function frameChunk(prefix: string): string {
  const names = readdirSync(ASSETS).filter((name) => new RegExp(`^${prefix}-[\\w-]+\\.js$`).test(name));
  assert.equal(names.length, 1, `one ${prefix} chunk in the frame build`);
  return names[0]!;
}

/** `marker`, a string only that code has, is in chunk `name` and in none of the frame's initial files, which do not load the chunk up front either. */
function assertOnlyInChunk(name: string, marker: string): void {
  assert.ok(readFileSync(join(ASSETS, name), 'utf8').includes(marker), `${name} holds ${marker}`);
  for (const file of initialFrameFiles()) {
    assert.ok(!file.includes(name), `${file} is loaded up front`);
    assert.ok(!read(file).includes(marker), `${file} holds ${marker}`);
  }
}

// Sizes are deterministic for a given build, so they are tested; timings are not (see `pnpm bench`).
// The wrappers are bundled here, in memory, so the test measures what it just built.
for (const entry of [...bundles, ...(await wrapperSizes())]) {
  test(`${entry.name} stays within its gzip budget`, () => {
    const budget = SIZE_BUDGETS[entry.name];
    assert.ok(budget, `no budget for ${entry.name}`);
    assert.ok(entry.files.length > 0, `no files found for ${entry.name}`);
    assert.ok(entry.gzip <= budget, `${entry.name}: ${entry.gzip} B gzip is over its ${budget} B budget`);
  });
}

test('the frame downloads OpenPGP.js only as a separate chunk, never in its initial files', () => {
  // A string only OpenPGP.js has.
  assertOnlyInChunk(frameChunk('pgp'), 'Maximum decompressed message size exceeded');
});

test('the frame\'s initial files hold no jose and no reveal code: both are chunks fetched after ready', () => {
  // Strings only jose's errors, the reveal's reading of the issuer's answer and its steps from a click on have.
  assertOnlyInChunk(frameChunk('key'), 'ERR_JOSE_');
  assertOnlyInChunk(frameChunk('reveal-actions'), 'encryptedPan');
  assertOnlyInChunk(frameChunk('reveal-actions'), 'hidden while revealing');
});

test('the key-set coordinator is a worker file of its own, and neither it nor the code that starts it is in the frame\'s initial files', () => {
  const worker = frameChunk('share-worker');
  // Self-contained: a module worker under `default-src 'none'`-strict headers imports nothing.
  assert.ok(!/\bimport\b[\s\S]*?\bfrom\b|import\(/.test(readFileSync(join(ASSETS, worker), 'utf8')), 'the coordinator script imports nothing');
  for (const file of initialFrameFiles()) {
    const text = read(file);
    assert.ok(!text.includes(worker), `${file} names the coordinator script`);
    // The worker's name, only in the chunk that starts it.
    assert.ok(!text.includes('cardframe-key-sets'), `${file} starts the coordinator`);
  }
});

test('the frame\'s initial files hold every view a frame renders before ready, so no view is a chunk on that path', () => {
  const text = initialFrameFiles().map(read).join('\n');
  // Each view registers its element under its tag name, a string no other view has.
  for (const tag of ['cardframe-card-view', 'cardframe-field-view', 'cardframe-copy-view']) assert.ok(text.includes(tag), `the initial files define ${tag}`);
  assert.deepEqual(readdirSync(ASSETS).filter((name) => /^(field|copy|card)-view-[\w-]+\.js$/.test(name)), [], 'no view chunk in the frame build');
});

test('neither the host SDK nor any file of the frame holds Lit\'s ReactiveElement (the frame renders with lit-html alone), and English\'s PIN texts come with PIN entry', () => {
  // ReactiveElement registers its version under this name.
  const marker = 'reactiveElementVersions';
  const fromLit = createRequire(join(import.meta.dirname, '../packages/frame/package.json')).resolve('lit');
  const reactiveElement = createRequire(fromLit).resolve('@lit/reactive-element');
  assert.ok(readFileSync(reactiveElement, 'utf8').includes(marker), 'the marker names ReactiveElement');
  for (const file of ['packages/sdk/dist/cardframe.js', 'packages/sdk/dist/cardframe.mjs']) assert.ok(!read(file).includes(marker), `${file} holds ReactiveElement`);
  for (const name of readdirSync(ASSETS).filter((file) => file.endsWith('.js'))) {
    assert.ok(!readFileSync(join(ASSETS, name), 'utf8').includes(marker), `${name} holds ReactiveElement`);
  }
  assertOnlyInChunk(frameChunk('pin-flow'), 'Confirm new PIN');
});

test('the host SDK\'s script-tag file holds no request checks or host callbacks, and pins the hash of the request file it loads', () => {
  const main = read('packages/sdk/dist/cardframe.js');
  const requests = read('packages/sdk/dist/cardframe-requests.js');
  // Strings only the request checks (an OpenPGP message's armor) and the host callbacks' runner have.
  for (const marker of ['BEGIN PGP MESSAGE', 'must return a Response']) {
    assert.ok(requests.includes(marker), `cardframe-requests.js holds ${marker}`);
    assert.ok(!main.includes(marker), `cardframe.js holds ${marker}`);
  }
  const integrity = `sha384-${createHash('sha384').update(requests).digest('base64')}`;
  assert.ok(main.includes(integrity), 'cardframe.js pins the request file it loads');
});

test('the config checker is a chunk of its own: a frame with its config written into the HTML never loads it, and the HTML as built preloads it for the fetched file', () => {
  const checker = frameChunk('config');
  // A message only the checker has.
  assertOnlyInChunk(checker, 'allowedHostOrigins must be a non-empty array');
  assert.ok(fetchedFrame!.files.some((file) => file.endsWith(checker)), 'the built HTML preloads the checker');
});

test('what a frame prefetches for a reveal after ready is four files: the reveal chunk, the two it imports, and the key-set worker\'s opener', () => {
  // Every file a chunk imports statically, and what those import, leaving out the initial files (loaded already).
  const initial = new Set(initialFrameFiles().map((file) => file.split('/').pop()!));
  const closure = new Set<string>();
  const visit = (name: string): void => {
    if (initial.has(name) || closure.has(name)) return;
    closure.add(name);
    for (const [, imported] of readFileSync(join(ASSETS, name), 'utf8').matchAll(/\bfrom\s*["']\.\/([\w-]+\.js)["']/g)) visit(imported!);
  };
  visit(frameChunk('reveal-actions'));
  // The first key set opens the coordinator: its opener (the only file that names the worker) comes on top.
  const opener = frameChunk('open-share-worker');
  assert.ok(readFileSync(join(ASSETS, opener), 'utf8').includes('cardframe-key-sets'), `${opener} opens the coordinator`);
  visit(opener);
  // Each file is a request in every frame of a page.
  assert.equal(closure.size, 4, `the reveal prefetch is ${closure.size} files: ${[...closure].join(', ')}`);
});
