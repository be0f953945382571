// Writes the React and Vue wrappers' generated modules from the SDK's
// custom-elements manifest (packages/sdk/dist/custom-elements.json, or the
// path given). The SDK build runs it right after `cem analyze`; the files
// are committed so the workspace runs from source without a build.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { wrapperBases, wrapperElements, type Manifest } from './manifest.ts';
import { reactSource } from './react.ts';
import { vueElementsSource, vueEventsSource } from './vue.ts';

const root = join(import.meta.dirname, '../..');

/** Each generated file, by its path from the repository root, with its text for this manifest. */
export function wrapperFiles(manifest: Manifest): Record<string, string> {
  const elements = wrapperElements(manifest);
  return {
    'packages/react/src/generated/elements.ts': reactSource(elements),
    'packages/vue/src/generated/events.ts': vueEventsSource(elements),
    'packages/vue/src/generated/elements.ts': vueElementsSource(elements, wrapperBases(manifest)),
  };
}

if (import.meta.main) {
  const manifest = JSON.parse(readFileSync(process.argv[2] ?? join(root, 'packages/sdk/dist/custom-elements.json'), 'utf8')) as Manifest;
  for (const [path, text] of Object.entries(wrapperFiles(manifest))) writeFileSync(join(root, path), text);
}
