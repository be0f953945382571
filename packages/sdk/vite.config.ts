import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { build, defineConfig, mergeConfig, type Plugin, type UserConfig } from 'vite';
import shared from '../../vite.config.ts';

/** The file a script-tag page loads beside `cardframe.js` once a frame is ready: the checks and callbacks of the frame's requests. */
const REQUESTS_FILE = 'cardframe-requests.js';

const integrityOf = (code: string): string => `sha384-${createHash('sha384').update(code).digest('base64')}`;

/** Settings every bundle of this package shares: minified, as users download it. */
const bundleSettings = (format: 'iife' | 'es', entry: string, fileName: string, extra: UserConfig = {}): UserConfig =>
  mergeConfig(
    mergeConfig(shared, {
      configFile: false,
      root: import.meta.dirname,
      logLevel: 'warn',
      build: {
        outDir: 'dist',
        emptyOutDir: false,
        // Library mode keeps ES output unminified unless the bundler is told directly.
        rolldownOptions: { output: { minify: true, codeSplitting: false } },
        lib: { entry, name: 'cardframe', formats: [format], fileName: () => fileName },
      },
    }),
    extra,
  );

/**
 * Builds load-requests.ts's variant `load-requests.<variant>.ts` in its place:
 * `script` (a classic script pinned by its hash, for the script-tag file) or
 * `whole` (bundled in, for the one-file ESM build).
 */
function requestsLoader(variant: 'script' | 'whole'): Plugin {
  const loader = fileURLToPath(new URL('src/load-requests.ts', import.meta.url));
  return {
    name: 'cardframe-requests-loader',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved?.id === loader ? loader.replace(/\.ts$/, `.${variant}.ts`) : null;
    },
  };
}

/** One bundle built in memory: its code. */
async function bundleCode(config: UserConfig): Promise<string> {
  const output = await build({ ...config, build: { ...config.build, write: false } });
  const chunks = (Array.isArray(output) ? output : [output]).flatMap((result) => ('output' in result ? result.output : [])).filter((file) => file.type === 'chunk');
  if (chunks.length !== 1) throw new Error(`expected one chunk, got ${chunks.length}`);
  return chunks[0]!.code;
}

/**
 * The script-tag build's two files and the ESM file. `cardframe.js` carries
 * what every page needs up to its frames' ready; the checks and host
 * callbacks of the frame's requests (which come only after ready) are
 * `cardframe-requests.js`, which `cardframe.js` loads beside itself with the
 * SRI hash written in here (load-requests.script.ts). `cardframe.mjs` is
 * built whole, as one file: a module has nowhere to pin a second file's hash.
 * Each file gets `<file>.sri` beside it, so a host page can pin the exact file
 * it loads (`<script integrity="sha384-…">`, PCI DSS 6.4.3).
 */
function cardframeBundles(): Plugin {
  const files = new Map<string, string>();
  return {
    name: 'cardframe-bundles',
    async config() {
      files.set(REQUESTS_FILE, await bundleCode(bundleSettings('iife', 'src/requests.script.ts', REQUESTS_FILE)));
      files.set('cardframe.mjs', await bundleCode(bundleSettings('es', 'src/index.ts', 'cardframe.mjs', { plugins: [requestsLoader('whole')] })));
      return {
        define: {
          __CARDFRAME_REQUESTS_FILE__: JSON.stringify(REQUESTS_FILE),
          __CARDFRAME_REQUESTS_INTEGRITY__: JSON.stringify(integrityOf(files.get(REQUESTS_FILE)!)),
        },
      };
    },
    generateBundle(_options, bundle) {
      for (const [fileName, source] of files) this.emitFile({ type: 'asset', fileName, source });
      const chunks = Object.values(bundle).flatMap((file) => (file.type === 'chunk' ? [[file.fileName, file.code] as const] : []));
      for (const [fileName, code] of [...chunks, ...files]) {
        const integrity = integrityOf(code);
        this.emitFile({ type: 'asset', fileName: `${fileName}.sri`, source: `${integrity}\n` });
        console.log(`${fileName}  integrity="${integrity}"`);
      }
    },
  };
}

export default mergeConfig(
  shared,
  defineConfig({
    root: import.meta.dirname,
    // The script-tag file loads the request half as a classic script pinned by its hash, not with import().
    plugins: [cardframeBundles(), requestsLoader('script')],
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      // `window.cardframe` is a plain object: no Symbol.toStringTag marking it a module namespace.
      rolldownOptions: { output: { minify: true, generatedCode: { symbols: false } } },
      lib: { entry: 'src/index.ts', name: 'cardframe', formats: ['iife'], fileName: () => 'cardframe.js' },
    },
  }),
);
