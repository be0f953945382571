// No package imports itself in a circle: within each package's src/ (static,
// type-only and dynamic relative imports), and between the workspace
// packages (their @cardframe/* dependencies). A cycle makes load order and
// lazy chunks depend on who is imported first.
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';

const root = join(import.meta.dirname, '../..');
const packagesDir = join(root, 'packages');
const packages = readdirSync(packagesDir).filter((name) => existsSync(join(packagesDir, name, 'package.json')));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|mts|js|mjs)$/.test(name) && !name.endsWith('.d.ts') && !name.endsWith('.d.mts') ? [path] : [];
  });
}

const IMPORT = /(?:\bimport\s*(?:type\s+)?(?:[^'"]*?\sfrom\s*)?|\bexport\s+(?:type\s+)?[^'"]*?\sfrom\s*|\bimport\s*\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g;

/** The first cycle found in a graph, as the list of its nodes, or undefined. */
export function findCycle(graph: ReadonlyMap<string, readonly string[]>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === 'done') return undefined;
    if (state.get(node) === 'open') return [...stack.slice(stack.indexOf(node)), node];
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

test('the cycle finder finds a cycle and passes a tree', () => {
  assert.deepEqual(findCycle(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']]])), ['a', 'b', 'c', 'a']);
  assert.equal(findCycle(new Map([['a', ['b', 'c']], ['b', ['c']], ['c', []]])), undefined);
});

for (const name of packages) {
  const src = join(packagesDir, name, 'src');
  if (!existsSync(src)) continue;
  test(`@cardframe/${name}: no import cycle among its modules`, () => {
    const graph = new Map<string, string[]>();
    for (const file of sources(src)) {
      const text = readFileSync(file, 'utf8');
      const targets = [...text.matchAll(IMPORT)].map((match) => resolve(dirname(file), match[1]!)).filter((target) => target.startsWith(src));
      graph.set(file, targets);
    }
    const cycle = findCycle(graph);
    assert.equal(cycle, undefined, `import cycle: ${cycle?.map((file) => file.slice(src.length + 1)).join(' → ')}`);
  });
}

test('the workspace packages depend on each other without a cycle', () => {
  const graph = new Map<string, string[]>();
  for (const name of packages) {
    const manifest = JSON.parse(readFileSync(join(packagesDir, name, 'package.json'), 'utf8')) as { name: string; dependencies?: Record<string, string>; peerDependencies?: Record<string, string> };
    graph.set(manifest.name, Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies }).filter((dep) => dep.startsWith('@cardframe/')));
  }
  const cycle = findCycle(graph);
  assert.equal(cycle, undefined, `package cycle: ${cycle?.join(' → ')}`);
});
