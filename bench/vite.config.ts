import { defineConfig, mergeConfig } from 'vite';
import shared from '../vite.config.ts';

/** The in-page crypto benchmark as one ESM file. */
export default mergeConfig(
  shared,
  defineConfig({
    root: import.meta.dirname,
    logLevel: 'warn',
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      lib: { entry: 'crypto-page.ts', formats: ['es'], fileName: () => 'crypto-page.js' },
    },
  }),
);
