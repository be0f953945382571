import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from '@cardframe/test-env';
import { buildInventory, parseInventory } from '../../src/deploy/inventory.ts';
import { pinEntry, referencedPaths } from '../../src/deploy/pin-entry.ts';

const HTML = `<!doctype html><html><head>
<link rel="preload" href="/cardframe.config.json" as="fetch" crossorigin="anonymous" />
<script type="module" crossorigin src="/assets/index-1.js"></script>
<link rel="stylesheet" crossorigin href="/assets/index-1.css">
<link rel="modulepreload" href="/assets/jwe-1.js" />
</head><body></body></html>`;

describe('frame script inventory', () => {
  it('lists every file of a build with its SHA-384 and kind, lazy chunks and fonts included, but not the deployment config or the package\'s Node library', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'cardframe-dist-'));
    mkdirSync(join(dist, 'assets'));
    mkdirSync(join(dist, 'lib'));
    // lib/ is the published package's Node code, beside the site but never loaded by it.
    const files = { 'index.html': HTML, 'assets/index-1.js': 'import("./jwe-1.js")', 'assets/jwe-1.js': 'export {}', 'assets/index-1.css': 'p{}', 'assets/f.woff2': 'font', 'cardframe.config.json': '{}', 'lib/config.js': 'export {}' };
    for (const [path, text] of Object.entries(files)) writeFileSync(join(dist, path), text);
    const inventory = await buildInventory(dist);
    expect(inventory.files.map((f) => [f.path, f.kind])).to.deep.equal([
      ['/assets/f.woff2', 'font'],
      ['/assets/index-1.css', 'style'],
      ['/assets/index-1.js', 'script'],
      ['/assets/jwe-1.js', 'script'],
      ['/index.html', 'html'],
    ]);
    const jwe = inventory.files.find((f) => f.path === '/assets/jwe-1.js')!;
    expect(jwe.integrity).to.equal(`sha384-${createHash('sha384').update('export {}').digest('base64')}`);
    expect(parseInventory(JSON.stringify(inventory))).to.deep.equal(inventory);
  });

  it('refuses an inventory file without version 1 and SHA-384 entries', () => {
    for (const text of ['{}', '{"version":1,"files":[{"path":"/a.js","integrity":"sha256-abc"}]}', '{"version":2,"files":[]}']) {
      expect(() => parseInventory(text), text).to.throw(/not a cardframe inventory/);
    }
  });

  it('pins the entry script, stylesheets and modulepreloads with the integrity of the built files, and leaves the config preload alone', () => {
    const pinned = pinEntry(HTML, (path) => `sha384-${path}`);
    expect(pinned).to.contain('<script type="module" crossorigin src="/assets/index-1.js" integrity="sha384-/assets/index-1.js"></script>');
    expect(pinned).to.contain('<link rel="stylesheet" crossorigin href="/assets/index-1.css" integrity="sha384-/assets/index-1.css">');
    expect(pinned).to.contain('<link rel="modulepreload" href="/assets/jwe-1.js" integrity="sha384-/assets/jwe-1.js">');
    expect(pinned).to.contain('<link rel="preload" href="/cardframe.config.json" as="fetch" crossorigin="anonymous" />');
    expect(referencedPaths(pinned)).to.deep.equal(['/cardframe.config.json', '/assets/index-1.js', '/assets/index-1.css', '/assets/jwe-1.js']);
  });

  it('refuses HTML with inline script or style, or a script the build does not have', () => {
    expect(() => pinEntry('<script>alert(1)</script>', () => 'x')).to.throw(/inline/);
    expect(() => pinEntry('<style>p{}</style>', () => 'x')).to.throw(/inline/);
    expect(() => pinEntry('<p style="color:red">', () => 'x')).to.throw(/inline/);
    expect(() => pinEntry('<script type="module" src="/assets/gone.js"></script>', () => undefined)).to.throw(/gone\.js/);
  });
});
