import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The built frame app (`dist/` of this package: `index.html` and its assets),
 * the static site an issuer deploys on the frame origin. Found from this
 * module, so it works in the workspace (src/) and from an installed package
 * (dist/lib/) alike. Throws if the app has not been built.
 */
export function frameAppDir(): string {
  // The package root is the first folder up with a package.json; neither src/ nor dist/lib/ has one.
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('@cardframe/frame: package root not found');
    dir = parent;
  }
  const dist = join(dir, 'dist');
  if (!existsSync(join(dist, 'index.html'))) throw new Error(`the frame app is not built (${dist}): run \`pnpm run build\` first`);
  return dist;
}
