import { defineConfig, mergeConfig, type Plugin } from 'vite';
import shared from '../../vite.config.ts';

/**
 * The frame's one dynamic import is the OpenPGP chunk, which depends only on
 * the entry chunk that is already loaded: there is nothing to preload. Vite
 * still wraps every dynamic import in its preload helper (≈0.7 KB gzip in the
 * entry chunk); this swaps the helper for a direct call, so enabling lazy
 * OpenPGP costs the default bundle nothing.
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
    build: { outDir: 'dist', emptyOutDir: true, modulePreload: false },
    plugins: [noPreloadHelper()],
  }),
);
