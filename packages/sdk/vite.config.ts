import { defineConfig, mergeConfig } from 'vite';
import shared from '../../vite.config.ts';

/** One self-contained ESM file (Lit included) for hosts that load the SDK with a script tag. */
export default mergeConfig(
  shared,
  defineConfig({
    root: import.meta.dirname,
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      // Library mode keeps ES output unminified unless the bundler is told directly.
      rolldownOptions: { output: { minify: true } },
      lib: { entry: 'src/index.ts', formats: ['es'], fileName: () => 'cardframe.js' },
    },
  }),
);
