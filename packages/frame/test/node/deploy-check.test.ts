// checkDeployment against a real HTTP server serving a small build with the
// frame's headers; each test breaks one thing and expects it named.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from '@cardframe/test-env';
import { checkDeployment, type Difference } from '../../src/deploy/check.ts';
import { buildInventory } from '../../src/deploy/inventory.ts';
import { pinEntry } from '../../src/deploy/pin-entry.ts';
import { frameResponseRules } from '../../src/deploy/response-rules.ts';
import { inlineFrameConfig } from '../../src/deploy/inline-config.ts';
import { deployConfig } from './deploy-fixture.ts';

const CLI = join(import.meta.dirname, '../../src/deploy/cli.ts');

interface Site {
  readonly url: string;
  readonly dist: string;
  headers: Record<string, string>;
  close(): Promise<void>;
}

async function serve(): Promise<Site> {
  const dist = mkdtempSync(join(tmpdir(), 'cardframe-check-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'assets/index-1.js'), 'import("./pgp-1.js")');
  writeFileSync(join(dist, 'assets/pgp-1.js'), 'export const pgp = 1;');
  writeFileSync(join(dist, 'index.html'), '<!doctype html><script type="module" src="/assets/index-1.js"></script>');
  const inventory = await buildInventory(dist);
  writeFileSync(join(dist, 'index.html'), pinEntry(readFileSync(join(dist, 'index.html'), 'utf8'), (p) => inventory.files.find((f) => f.path === p)?.integrity));
  writeFileSync(join(dist, 'cardframe.config.json'), JSON.stringify(deployConfig));
  const site: Site = {
    url: '',
    dist,
    headers: { ...frameResponseRules(deployConfig).headers },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer((req, res) => {
    const path = req.url === '/' ? '/index.html' : req.url!;
    try {
      const body = readFileSync(join(dist, path));
      res.writeHead(200, site.headers).end(body);
    } catch {
      res.writeHead(404, site.headers).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(site, { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` });
}

async function check(site: Site): Promise<Difference[]> {
  return checkDeployment(site.url, { config: deployConfig, inventory: await buildInventory(site.dist) });
}

describe('checking a deployed frame', () => {
  it('finds nothing when the served files and headers are the build and its config', async () => {
    const site = await serve();
    try {
      expect(await check(site)).to.deep.equal([]);
    } finally {
      await site.close();
    }
  });

  it('names a header that is missing or differs, on every path that serves it so', async () => {
    const site = await serve();
    try {
      const inventory = await buildInventory(site.dist);
      delete site.headers['Permissions-Policy'];
      site.headers['Content-Security-Policy'] = "default-src 'none'";
      const differences = await checkDeployment(site.url, { config: deployConfig, inventory });
      expect(differences.filter((d) => d.kind === 'header' && d.path === '/assets/pgp-1.js').map((d) => d.message.split(' ').slice(0, 2).join(' '))).to.deep.equal(['Content-Security-Policy differs:', 'Permissions-Policy is']);
      expect(differences.filter((d) => d.message.startsWith('Permissions-Policy is missing'))).to.have.length(4);
    } finally {
      await site.close();
    }
  });

  it('names a lazy chunk changed by one byte, a file the inventory has but the site does not, and a script the HTML loads that the inventory does not know', async () => {
    const site = await serve();
    try {
      const inventory = await buildInventory(site.dist);
      writeFileSync(join(site.dist, 'assets/pgp-1.js'), 'export const pgp = 2;');
      writeFileSync(join(site.dist, 'index.html'), `${readFileSync(join(site.dist, 'index.html'), 'utf8')}<script src="/assets/skimmer.js"></script>`);
      const missing = { ...inventory, files: [...inventory.files, { path: '/assets/de-1.js', kind: 'script' as const, integrity: inventory.files[0]!.integrity, bytes: 1 }] };
      const differences = await checkDeployment(site.url, { config: deployConfig, inventory: missing });
      const named = differences.map((d) => `${d.kind} ${d.path}`);
      expect(named).to.include.members(['file /assets/pgp-1.js', 'file /assets/skimmer.js', 'file /', 'file /assets/de-1.js']);
      expect(differences.find((d) => d.path === '/assets/pgp-1.js')!.message).to.match(/^SHA-384 sha384-\S+ is not the inventory's sha384-/);
      expect(differences.find((d) => d.path === '/assets/de-1.js')!.message).to.equal('is not served (HTTP 404)');
      expect(differences.find((d) => d.path === '/assets/skimmer.js')!.message).to.equal('is loaded by the HTML but not in the inventory');
    } finally {
      await site.close();
    }
  });

  it('names a served config whose host origins are not the expected ones', async () => {
    const site = await serve();
    try {
      writeFileSync(join(site.dist, 'cardframe.config.json'), JSON.stringify({ ...deployConfig, allowedHostOrigins: ['https://evil.example'] }));
      const differences = await check(site);
      expect(differences).to.deep.include({ kind: 'config', path: '/cardframe.config.json', message: 'allows host origins https://evil.example, expected https://app.shop.example https://shop.example' });
    } finally {
      await site.close();
    }
  });

  it('passes on a site whose config `cardframe-frame inline-config` wrote into the HTML (inventory rewritten), with no config file served', async () => {
    const site = await serve();
    try {
      const configFile = join(site.dist, '..', `${site.dist.split('/').pop()}.config.json`);
      writeFileSync(configFile, JSON.stringify(deployConfig));
      rmSync(join(site.dist, 'cardframe.config.json'));
      const run = spawnSync(process.execPath, [CLI, 'inline-config', '--dist', site.dist, '--config', configFile], { encoding: 'utf8' });
      expect(run.status, run.stderr).to.equal(0);
      expect(readFileSync(join(site.dist, 'index.html'), 'utf8')).to.contain('<script type="application/json" id="cardframe-config" data-checked-sha256="');
      const inventory = JSON.parse(readFileSync(join(site.dist, 'cardframe.inventory.json'), 'utf8'));
      expect(await checkDeployment(site.url, { config: deployConfig, inventory })).to.deep.equal([]);
      // The inventory written before the config went in no longer matches the HTML.
      rmSync(join(site.dist, 'cardframe.inventory.json'));
      const stale = await checkDeployment(site.url, { config: deployConfig, inventory: { ...inventory, files: inventory.files.map((f: { path: string }) => (f.path === '/index.html' ? { ...f, integrity: `sha384-${'A'.repeat(64)}` } : f)) } });
      expect(stale.map((d) => `${d.kind} ${d.path}`)).to.deep.equal(['file /']);
    } finally {
      await site.close();
    }
  });

  it('names an inline config that is not the expected one, and checks it rather than a config file also served', async () => {
    const site = await serve();
    try {
      const html = join(site.dist, 'index.html');
      writeFileSync(html, await inlineFrameConfig(readFileSync(html, 'utf8'), { ...deployConfig, allowedHostOrigins: ['https://evil.example'] }));
      const differences = await check(site);
      expect(differences).to.deep.include({ kind: 'config', path: '/ #cardframe-config', message: 'allows host origins https://evil.example, expected https://app.shop.example https://shop.example' });
      expect(differences.filter((d) => d.kind === 'config')).to.have.length(1);
    } finally {
      await site.close();
    }
  });

  it('names an inline config changed since inline-config checked it: the frame would check it again at every load', async () => {
    const site = await serve();
    try {
      const html = join(site.dist, 'index.html');
      const written = await inlineFrameConfig(readFileSync(html, 'utf8'), deployConfig);
      // The same config, spaced out by hand: still valid and still the expected one, but not the text that was checked.
      writeFileSync(html, written.replace(/("allowedHostOrigins":)/, '$1 '));
      const differences = await check(site);
      expect(differences.filter((d) => d.kind === 'config')).to.deep.equal([
        { kind: 'config', path: '/ #cardframe-config', message: 'was not written by inline-config or changed since (its digest does not match), so the frame checks it again at every load' },
      ]);
    } finally {
      await site.close();
    }
  });
});
