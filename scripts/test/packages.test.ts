// What integrators install: each publishable package packed as npm would
// publish it (after `pnpm run build`), then a consumer project type-checked
// against the packed declarations only.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

const root = join(import.meta.dirname, '../..');
const LIBRARIES = ['protocol', 'crypto', 'sdk', 'react', 'vue', 'issuer'];
const work = mkdtempSync(join(tmpdir(), 'cardframe-pack-'));
after(() => rmSync(work, { recursive: true, force: true }));

interface PackedManifest {
  name: string;
  exports: Record<string, string | { types: string; default: string }>;
  dependencies?: Record<string, string>;
  customElements?: string;
}

function pack(name: string): string {
  const out = join(work, name);
  mkdirSync(out, { recursive: true });
  const tarball = execFileSync('pnpm', ['pack', '--pack-destination', out], { cwd: join(root, 'packages', name), encoding: 'utf8' })
    .trim()
    .split('\n')
    .pop()!;
  execFileSync('tar', ['-xzf', tarball, '-C', out]);
  return join(out, 'package');
}

const packed = new Map(LIBRARIES.map((name) => [name, pack(name)]));

for (const [name, dir] of packed) {
  test(`@cardframe/${name} packs with ESM and declarations behind every export, and no workspace: ranges`, () => {
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackedManifest;
    for (const [key, target] of Object.entries(manifest.exports)) {
      for (const file of typeof target === 'string' ? [target] : [target.types, target.default]) {
        assert.ok(existsSync(join(dir, file)), `${manifest.name} export ${key}: ${file} is not in the package`);
      }
    }
    for (const [dep, range] of Object.entries(manifest.dependencies ?? {})) assert.doesNotMatch(range, /^workspace:/, `${dep} still says ${range}`);
    if (name === 'sdk') {
      const elements = JSON.parse(readFileSync(join(dir, manifest.customElements!), 'utf8')) as { modules: { declarations?: { tagName?: string }[] }[] };
      const tags = elements.modules.flatMap((m) => m.declarations ?? []).flatMap((d) => (d.tagName ? [d.tagName] : []));
      assert.deepEqual(tags.sort(), ['cardframe-card', 'cardframe-copy', 'cardframe-cvc', 'cardframe-expiry', 'cardframe-field', 'cardframe-group', 'cardframe-pan', 'cardframe-pin', 'cardframe-toggle']);
    }
  });
}

test('a consumer type-checks against the packed SDK, and its types catch a wrong field and a wrong event detail', () => {
  const app = join(work, 'consumer');
  mkdirSync(join(app, 'node_modules/@cardframe'), { recursive: true });
  mkdirSync(join(app, 'node_modules/@lit'), { recursive: true });
  // Copies, not links: resolution must start from inside the installed package, as it would after `npm install`.
  for (const name of ['protocol', 'sdk']) cpSync(packed.get(name)!, join(app, 'node_modules/@cardframe', name), { recursive: true });
  cpSync(realpathSync(join(root, 'packages/sdk/node_modules/@lit/reactive-element')), join(app, 'node_modules/@lit/reactive-element'), { recursive: true, dereference: true });
  writeFileSync(
    join(app, 'app.ts'),
    `import { mountCard, type CardframeGroup, type FieldName } from '@cardframe/sdk';
const group = document.createElement('cardframe-group') satisfies CardframeGroup;
group.fetchCardData = (sessionId: string) => fetch('/api/card', { headers: { sessionid: sessionId } });
group.addEventListener('cardframe-copy', (event) => {
  const field: FieldName = event.detail.field;
  // @ts-expect-error the copy event never carries the value
  void event.detail.value;
  return field;
});
// @ts-expect-error not a field
const wrong: FieldName = 'iban';
void wrong;
void mountCard(document.body, { frameUrl: 'https://frame.example/', fetchCardData: async () => '{}' });
`,
  );
  writeFileSync(
    join(app, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'preserve', moduleResolution: 'bundler', strict: true, noEmit: true, lib: ['ES2023', 'DOM', 'DOM.Iterable'], types: [] }, files: ['app.ts'] }),
  );
  execFileSync(join(root, 'node_modules/.bin/tsc'), ['-p', join(app, 'tsconfig.json')], { encoding: 'utf8' });
});
