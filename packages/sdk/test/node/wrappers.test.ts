// The React and Vue components are generated from the SDK's
// custom-elements manifest: the committed files must be what the elements'
// sources produce now, and an element or event added to a manifest must
// reach both wrappers.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { analyzeSdk } from '../../../../scripts/wrappers/analyze.ts';
import { wrapperFiles } from '../../../../scripts/wrappers/generate.ts';
import { withExtraElement } from '../../../../scripts/wrappers/test-manifest.ts';

const root = join(import.meta.dirname, '../../../..');
const REACT = 'packages/react/src/generated/elements.ts';
const VUE_ELEMENTS = 'packages/vue/src/generated/elements.ts';
const VUE_EVENTS = 'packages/vue/src/generated/events.ts';

test('the committed React components are what the SDK manifest generates (run `pnpm run build` and commit when this fails)', () => {
  assert.equal(readFileSync(join(root, REACT), 'utf8'), wrapperFiles(analyzeSdk())[REACT]);
});

test('a new element and a new event in the manifest become a React component with an on* handler', () => {
  const text = wrapperFiles(withExtraElement(analyzeSdk()))[REACT]!;
  assert.match(text, /export const CardframeBalance = createComponent\(\{ tagName: 'cardframe-balance', elementClass: CardframeBalanceElement, react: React, events: \w+ \}\);/);
  assert.match(text, /CardframeBalance as CardframeBalanceElement,/);
  // The new event reaches the element's family table (the reveal elements), beside the events it already had.
  const table = /const revealElementEvents = \{([^}]*)\};/.exec(text)?.[1] ?? '';
  assert.match(table, /onRefresh: on\('cardframe-refresh'\)/);
  assert.match(table, /onCopy: on\('cardframe-copy'\)/);
});

test('the committed Vue components and event list are what the SDK manifest generates (run `pnpm run build` and commit when this fails)', () => {
  const files = wrapperFiles(analyzeSdk());
  for (const file of [VUE_ELEMENTS, VUE_EVENTS]) assert.equal(readFileSync(join(root, file), 'utf8'), files[file], file);
});

test('a new element and a new event in the manifest become a Vue component with its props, and an emitted event', () => {
  const files = wrapperFiles(withExtraElement(analyzeSdk()));
  assert.match(files[VUE_ELEMENTS]!, /export const CardframeBalance = wrap\('cardframe-balance', \{ \.\.\.revealElementProps, currency: String \}\);/);
  assert.match(files[VUE_EVENTS]!, /export const EVENT_NAMES = \[[^\]]*'refresh'[^\]]*\]/);
  assert.match(files[VUE_EVENTS]!, /'copy'/);
});

test('a property of a type Vue has no runtime type for stops the generator instead of reaching Vue untyped', () => {
  const manifest = withExtraElement(analyzeSdk());
  const balance = manifest.modules.at(-1)!.declarations![0]!;
  balance.members![0]!.type = { text: 'Money | undefined' };
  assert.throws(() => wrapperFiles(manifest), /no Vue runtime type for property currency: Money/);
});
