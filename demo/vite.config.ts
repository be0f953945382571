import { resolve } from 'node:path';
import { defineConfig, mergeConfig } from 'vite';
import shared from '../vite.config.ts';

/** The React and Vue host pages, built to demo/dist and served by the merchant server under /react/ and /vue/. */
export default mergeConfig(
  shared,
  defineConfig({
    root: resolve(import.meta.dirname, 'apps'),
    base: '/',
    oxc: { jsx: { runtime: 'automatic' } },
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      outDir: resolve(import.meta.dirname, 'dist'),
      emptyOutDir: true,
      rolldownOptions: {
        input: { react: resolve(import.meta.dirname, 'apps/react/index.html'), vue: resolve(import.meta.dirname, 'apps/vue/index.html') },
      },
    },
  }),
);
