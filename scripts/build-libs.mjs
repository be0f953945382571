// Builds the publishable packages as plain ESM with type declarations:
// packages/<name>/dist/lib/**/*.{js,d.ts}, from the same sources the workspace
// runs directly. `publishConfig` in each package.json points `exports` there
// when the package is packed; in the workspace, `exports` stay on src.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
export const LIBRARIES = ['protocol', 'crypto', 'sdk', 'react', 'vue', 'issuer', 'frame', 'sandbox', 'testing'];
/** Libraries that run in Node and so see Node's types. */
const NODE_LIBRARIES = new Set(['issuer', 'frame', 'sandbox', 'testing']);
/**
 * The frame is an app built by Vite; only the modules its package exports
 * for Node (deployment config, headers, test ids, where the built app is,
 * the deployment kit and its `cardframe-frame` command)
 * become a library.
 */
const ENTRIES = { frame: ['config.ts', 'headers.ts', 'test-ids.ts', 'app-dir.ts', 'deploy/index.ts', 'deploy/cli.ts'] };

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

const work = mkdtempSync(join(tmpdir(), 'cardframe-libs-'));
try {
  for (const name of LIBRARIES) {
    const dir = join(root, 'packages', name);
    const outDir = join(dir, 'dist/lib');
    rmSync(outDir, { recursive: true, force: true });
    const config = join(work, `${name}.json`);
    writeFileSync(
      config,
      JSON.stringify({
        extends: join(root, 'tsconfig.base.json'),
        compilerOptions: { noEmit: false, declaration: true, rewriteRelativeImportExtensions: true, rootDir: join(dir, 'src'), outDir, types: NODE_LIBRARIES.has(name) ? ['node'] : [], typeRoots: [join(root, 'node_modules/@types')] },
        ...(ENTRIES[name] ? { files: ENTRIES[name].map((file) => join(dir, 'src', file)) } : { include: [join(dir, 'src')] }),
      }),
    );
    execFileSync(join(root, 'node_modules/.bin/tsc'), ['-p', config], { cwd: root, stdio: 'inherit' });
    // Plain JavaScript modules (with their hand-written declarations) are shipped as they are.
    for (const file of files(join(dir, 'src')).filter((f) => f.endsWith('.mjs') || f.endsWith('.d.mts'))) {
      copyFileSync(file, join(outDir, file.slice(join(dir, 'src').length)));
    }
    // Declarations keep the sources' `.ts` specifiers; published ones name the `.js` files beside them.
    for (const file of files(outDir).filter((f) => f.endsWith('.d.ts'))) {
      const text = readFileSync(file, 'utf8');
      writeFileSync(file, text.replace(/((?:from|import)\s*\(?\s*['"])(\.{1,2}\/[^'"]+)\.ts(['"])/g, '$1$2.js$3'));
    }
    console.log(`packages/${name}/dist/lib`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
