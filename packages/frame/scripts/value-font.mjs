// Makes src/fonts/value-digits.woff2: IBM Plex Mono Regular (SIL Open Font
// License 1.1, from @fontsource/ibm-plex-mono) cut down to what a card value
// is drawn with (digits, space, `/`, the mask dot). Run after changing the
// character set: `pnpm exec node packages/frame/scripts/value-font.mjs`.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import subsetFont from 'subset-font';

export const VALUE_CHARACTERS = '0123456789 /•';

const require = createRequire(import.meta.url);
const source = readFileSync(require.resolve('@fontsource/ibm-plex-mono/files/ibm-plex-mono-latin-400-normal.woff2'));
const subset = await subsetFont(source, VALUE_CHARACTERS, { targetFormat: 'woff2' });
writeFileSync(new URL('../src/fonts/value-digits.woff2', import.meta.url), subset);
console.log(`value-digits.woff2: ${subset.length} bytes`);
