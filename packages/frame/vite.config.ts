import { defineConfig, mergeConfig } from 'vite';
import shared from '../../vite.config.ts';

export default mergeConfig(
  shared,
  defineConfig({
    root: import.meta.dirname,
    base: '/',
    build: { outDir: 'dist', emptyOutDir: true },
  }),
);
