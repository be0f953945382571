import { defineConfig, mergeConfig, type Plugin } from 'vite';
import shared from '../../vite.config.ts';

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

export default mergeConfig(
  shared,
  defineConfig({
    root: import.meta.dirname,
    base: '/',
    // The value font stays a file on the frame's origin: the CSP's `font-src 'self'` refuses `data:` URLs.
    build: { outDir: 'dist', emptyOutDir: true, modulePreload: false, assetsInlineLimit: (file) => (file.endsWith('.woff2') ? false : undefined) },
    plugins: [noPreloadHelper()],
  }),
);
