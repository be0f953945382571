import { defineConfig } from 'vite';

/**
 * Build settings every cardframe bundle shares; packages/frame and
 * packages/sdk extend it with their own entry points. Nothing is inlined
 * into HTML (the frame's CSP allows scripts and styles from 'self' only).
 */
export default defineConfig({
  build: {
    target: 'es2022',
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    reportCompressedSize: false,
    sourcemap: false,
  },
  esbuild: {
    legalComments: 'none',
  },
});
