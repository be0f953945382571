import { defineConfig, mergeConfig, type Plugin } from 'vite';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import shared from '../../vite.config.ts';
import { buildInventory, INVENTORY_FILE } from './src/deploy/inventory.ts';
import { pinEntry } from './src/deploy/pin-entry.ts';

/**
 * The frame's dynamic imports (PIN entry, jose, OpenPGP, styling, other
 * languages) are each fetched once, when a flow first needs them; whatever a
 * chunk imports in turn is fetched by the browser as it loads it. Vite would
 * wrap every dynamic import in its preload helper (≈0.7 KB gzip in the entry
 * chunk); this swaps the helper for a direct call, so the lazy chunks cost
 * the default bundle nothing.
 */
function noPreloadHelper(): Plugin {
  const id = '\0vite/preload-helper.js';
  return {
    name: 'cardframe:no-preload-helper',
    enforce: 'pre',
    apply: 'build',
    load(source) {
      return source === id ? 'export const __vitePreload = (load) => load();' : undefined;
    },
  };
}

/**
 * The config checker (src/config.ts) is a chunk the frame loads only for a
 * config that was not checked as it was written, such as a fetched
 * `/cardframe.config.json`. The built HTML fetches that file from the start,
 * so it preloads the checker (and the chunks it imports) too, and the check
 * costs no round trip of its own; `inlineFrameConfig` drops these preloads
 * (marked `data-config-checker`) with the file's.
 */
function preloadConfigChecker(): Plugin {
  return {
    name: 'cardframe:preload-config-checker',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, { bundle }) {
        const chunks = Object.values(bundle ?? {}).filter((file) => file.type === 'chunk');
        const checker = chunks.find((chunk) => chunk.facadeModuleId?.endsWith('/src/config.ts'));
        if (!checker) throw new Error('the build has no config checker chunk (src/config.ts)');
        const entry = chunks.find((chunk) => chunk.isEntry)?.fileName;
        const files = [checker.fileName, ...checker.imports.filter((file) => file !== entry)];
        const links = files.map((file) => `<link rel="modulepreload" crossorigin href="/${file}" data-config-checker />`);
        return html.replace(/(\s*)<\/head>/i, (_, indent: string) => `${indent}  <!-- The config checker, for the fetched file: a config written into this page was checked as it was written -->${links.map((link) => `${indent}  ${link}`).join('')}${indent}</head>`);
      },
    },
  };
}

/**
 * After the build is written: pins the HTML's entry script (and any
 * stylesheet) with SRI, then writes the script inventory (every file with its
 * SHA-384, the pinned HTML included) beside it for `cardframe-frame check`.
 */
function inventory(): Plugin {
  let outDir = '';
  return {
    name: 'cardframe:inventory',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    async writeBundle() {
      const before = await buildInventory(outDir);
      const html = join(outDir, 'index.html');
      await writeFile(html, pinEntry(await readFile(html, 'utf8'), (path) => before.files.find((f) => f.path === path)?.integrity));
      await writeFile(join(outDir, INVENTORY_FILE), `${JSON.stringify(await buildInventory(outDir), null, 2)}\n`);
    },
  };
}

/**
 * Every frame fetches what a reveal needs while idle after ready, and each
 * file is a request in every one of a page's frames: on a page of 150 frames
 * in one renderer, six small files cost more than four. Left to itself the
 * bundler makes a file of every set of modules that a different set of
 * chunks shares; these groups join the small ones to what they are always
 * fetched with. The key ring takes base64 (the reveal, JWE and OpenPGP
 * chunks all load the ring); the reveal budget takes the rate limit it is
 * built on (PIN entry and binding load them before ready, so they stay out
 * of the larger reveal chunk). The key-set worker's opener stays a chunk of
 * its own, imported on first use: in the ring's chunk the bundler would need
 * a file of its runtime helpers for it, which is a request again.
 */
const PREFETCH_GROUPS = [
  { name: 'ring-options', test: /\/(crypto\/src\/(base64|capped-body|responsive-timeout|key-ring)|frame\/src\/keys\/(key-set-copies|key-set-messages|broadcast-key-sets|shared-key-sets|ring-options))\.ts$/ },
  { name: 'frame-limits', test: /\/frame\/src\/(keys\/format-loader|keys\/key-rejected|frame-limits|rate-limit)\.ts$/ },
];

export default mergeConfig(
  shared,
  defineConfig({
    root: import.meta.dirname,
    base: '/',
    // The value font stays a file on the frame's origin: the CSP's `font-src 'self'` refuses `data:` URLs.
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      modulePreload: false,
      assetsInlineLimit: (file) => (file.endsWith('.woff2') ? false : undefined),
      rolldownOptions: { output: { codeSplitting: { includeDependenciesRecursively: false, groups: PREFETCH_GROUPS } } },
    },
    plugins: [noPreloadHelper(), preloadConfigChecker(), inventory()],
    // The key-set coordinator (a module SharedWorker) is its own file under assets/, inventoried like the chunks.
    worker: { format: 'es' },
  }),
);
