// Lets browser tests import React and Vue as the wrappers' users do. React
// ships CommonJS only, so `react` and `react-dom/client` are served from one
// esbuild bundle (one React instance for both); `vue` resolves to its
// self-contained browser build, which needs no `process.env`.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../../..');
// The esbuild the test runner's own esbuild plugin uses: no dependency of ours.
const esbuildRequire = createRequire(createRequire(resolve(root, 'package.json')).resolve('@web/dev-server-esbuild'));
const { build } = esbuildRequire('esbuild');
const requireFrom = (pkg) => createRequire(resolve(root, pkg, 'package.json'));
const reactRequire = requireFrom('packages/react');

const BUNDLE = '/__frameworks__/react-bundle.js';
/** Each bare specifier, the module serving it, and the bundle export it re-exports. */
const REACT_MODULES = {
  react: { path: '/__frameworks__/react.js', from: 'React' },
  'react-dom/client': { path: '/__frameworks__/react-dom-client.js', from: 'ReactDOMClient' },
};

let bundle;
function reactBundle() {
  bundle ??= build({
    stdin: { contents: "export * as React from 'react'; export * as ReactDOMClient from 'react-dom/client';", resolveDir: resolve(root, 'packages/react'), loader: 'js' },
    bundle: true,
    format: 'esm',
    write: false,
    define: { 'process.env.NODE_ENV': '"development"' },
    logLevel: 'silent',
  }).then((result) => result.outputFiles[0].text);
  return bundle;
}

/** An ES module re-exporting every named export of a CommonJS module from the bundle. */
function reexport(specifier, from) {
  // Read in a child process: loading React here would patch the runner's own console.
  const script = `console.log(JSON.stringify(Object.keys(require(${JSON.stringify(reactRequire.resolve(specifier))}))))`;
  const keys = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
  const names = keys.filter((name) => /^[A-Za-z_$][\w$]*$/.test(name) && name !== 'default');
  return `import { ${from} as m } from '${BUNDLE}';\nexport default m;\nexport const { ${names.join(', ')} } = m;\n`;
}

export const frameworksPlugin = {
  name: 'cardframe-frameworks',
  resolveImport({ source }) {
    if (Object.hasOwn(REACT_MODULES, source)) return REACT_MODULES[source].path;
    if (source === 'vue') return `/${relative(root, requireFrom('packages/vue').resolve('vue/dist/vue.runtime.esm-browser.js')).split('\\').join('/')}`;
    return undefined;
  },
  async serve(context) {
    if (context.path === BUNDLE) return { body: await reactBundle(), type: 'js' };
    for (const [specifier, { path, from }] of Object.entries(REACT_MODULES)) {
      if (context.path === path) return { body: reexport(specifier, from), type: 'js' };
    }
    return undefined;
  },
};
