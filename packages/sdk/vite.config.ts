import { createHash } from 'node:crypto';
import { defineConfig, mergeConfig, type Plugin } from 'vite';
import shared from '../../vite.config.ts';

/**
 * Writes `<file>.sri` beside each bundle and prints it, so a host page can
 * pin the exact file it loads (`<script integrity="sha384-…">`, PCI DSS 6.4.3).
 */
function subresourceIntegrity(): Plugin {
  return {
    name: 'cardframe-sri',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const integrity = `sha384-${createHash('sha384').update(chunk.code).digest('base64')}`;
        this.emitFile({ type: 'asset', fileName: `${chunk.fileName}.sri`, source: `${integrity}\n` });
        console.log(`${chunk.fileName}  integrity="${integrity}"`);
      }
    },
  };
}

/**
 * Self-contained bundles (nothing else to load) for hosts that load the SDK from a
 * URL: `cardframe.js` for a classic `<script>` tag (it sets
 * `window.cardframe` and registers the elements), `cardframe.mjs` for
 * `<script type="module">` and `import()`.
 */
export default mergeConfig(
  shared,
  defineConfig({
    root: import.meta.dirname,
    plugins: [subresourceIntegrity()],
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      // Library mode keeps ES output unminified unless the bundler is told directly.
      rolldownOptions: { output: { minify: true } },
      lib: { entry: 'src/index.ts', name: 'cardframe', formats: ['iife', 'es'], fileName: (format) => (format === 'iife' ? 'cardframe.js' : 'cardframe.mjs') },
    },
  }),
);
