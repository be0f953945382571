import { defineConfig } from 'vite';

// The page is served with a CSP without 'unsafe-inline': nothing inline.
export default defineConfig({
  root: import.meta.dirname,
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', modulePreload: { polyfill: false }, assetsInlineLimit: 0 },
});
