// The built frame served by real nginx and real Caddy (Debian's packages),
// each started here on a loopback port with the config `cardframe-frame
// headers` wrote; the demo's merchant page embeds it and reveals, and
// `cardframe-frame check` passes, then names a removed header and a chunk
// changed by one byte.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { startDemo, type Demo } from '@cardframe/demo';
import { loopbackUrl, type HostPage } from './fixtures.ts';
import { addCards, sessionSetRequests } from './key-set-requests.ts';
import { contextWithThirdPartyStorage } from './third-party-storage.ts';

const CLI = fileURLToPath(new URL('../packages/frame/src/deploy/cli.ts', import.meta.url));
/** The built frame (`pnpm run build`). */
const FRAME_DIST = fileURLToPath(new URL('../packages/frame/dist', import.meta.url));

function cli(...args: string[]): { code: number | null; output: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

interface FrameOrigin {
  readonly name: 'nginx' | 'caddy';
  /** Which command runs it, and whether it is installed. */
  readonly binary: string;
  /** The main config that includes the generated one, and the command that runs it in the foreground. */
  start(dir: string, generated: string): ChildProcess;
}

const ORIGINS: FrameOrigin[] = [
  {
    name: 'nginx',
    binary: 'nginx',
    start(dir, generated) {
      writeFileSync(
        join(dir, 'nginx.conf'),
        `daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
events {}
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  include ${generated};
}
`,
      );
      return spawn('nginx', ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', 'stderr'], { stdio: ['ignore', 'ignore', 'pipe'] });
    },
  },
  {
    name: 'caddy',
    binary: 'caddy',
    start(dir, generated) {
      writeFileSync(join(dir, 'Caddyfile'), `{\n\tadmin off\n\tauto_https off\n\tstorage file_system ${dir}/caddy-data\n}\nimport ${generated}\n`);
      const env = { ...process.env, HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir };
      return spawn('caddy', ['run', '--config', join(dir, 'Caddyfile'), '--adapter', 'caddyfile'], { stdio: ['ignore', 'ignore', 'pipe'], env });
    },
  },
];

for (const origin of ORIGINS) {
  test.describe(`the frame served by ${origin.name}`, () => {
    test.describe.configure({ mode: 'serial' });
    const installed = spawnSync(origin.binary, [origin.name === 'nginx' ? '-v' : 'version'], { stdio: 'ignore' }).status === 0;
    test.skip(!installed, `${origin.name} is not installed (npm test's setup installs it)`);

    let demo: Demo;
    let dir: string;
    let site: string;
    let frameUrl: string;
    let server: ChildProcess | undefined;
    let serverLog = '';

    const generate = (): string => {
      const out = join(dir, `frame.${origin.name}`);
      const listen = origin.name === 'nginx' ? `127.0.0.1:${new URL(frameUrl).port}` : frameUrl.replace(/\/$/, '');
      const result = cli('headers', '--target', origin.name, '--config', join(dir, 'cardframe.config.json'), '--root', site, '--listen', listen, '--out', out);
      expect(result.code, result.output).toBe(0);
      return out;
    };

    const restart = async (generated: string): Promise<void> => {
      await stop();
      serverLog = '';
      server = origin.start(dir, generated);
      server.stderr!.on('data', (chunk: Buffer) => (serverLog += chunk.toString()));
      await expect
        .poll(async () => fetch(frameUrl).then((r) => r.status, () => 0), { message: `${origin.name} did not start: ${serverLog}`, timeout: 15_000 })
        .toBe(200);
    };

    const stop = async (): Promise<void> => {
      if (!server || server.exitCode !== null) return;
      const exited = new Promise((resolve) => server!.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    };

    test.beforeAll(async () => {
      frameUrl = `http://127.0.0.1:${await freePort()}/`;
      // Seed 001's plain flow: this suite is about where the frame is served, not about passkeys.
      demo = await startDemo({ frameUrl, binding: 'plain' });
      dir = mkdtempSync(join(tmpdir(), `cardframe-${origin.name}-`));
      // The server's workers may run as another user: they must be able to read the site.
      chmodSync(dir, 0o755);
      site = join(dir, 'site');
      cpSync(FRAME_DIST, site, { recursive: true });
      // What the operator deploys: the demo's frame config, served by the origin and kept beside the build for check.
      writeFileSync(join(dir, 'cardframe.config.json'), JSON.stringify(demo.config, null, 2));
      cpSync(join(dir, 'cardframe.config.json'), join(site, 'cardframe.config.json'));
      await restart(generate());
    });

    test.afterAll(async () => {
      await stop();
      await demo?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    const check = (): { code: number | null; output: string } =>
      cli('check', frameUrl, '--config', join(dir, 'cardframe.config.json'), '--inventory', join(site, 'cardframe.inventory.json'));

    test('the merchant page embeds it and the cardholder reveals the card', async ({ page }) => {
      const errors: string[] = [];
      page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
      await page.goto(demo.merchantUrl);
      const frame = page.frameLocator('#card iframe');
      await expect(frame.locator('[data-field=pan]')).toHaveText('•••• •••• •••• ••••');
      await frame.getByRole('button', { name: /Reveal/ }).click();
      await expect(frame.locator('[data-field=pan]')).toHaveText('4242 4242 4242 4242');
      // The same headers as the demo's own frame server, which sends frameSecurityHeaders(config).
      // The demo's own frame has a host name Node cannot resolve: it is reached on loopback.
      const [served, reference] = await Promise.all([fetch(frameUrl), fetch(loopbackUrl(demo.frame.url))]);
      for (const name of ['content-security-policy', 'permissions-policy', 'cross-origin-resource-policy', 'x-content-type-options', 'referrer-policy']) {
        expect(served.headers.get(name), name).toBe(reference.headers.get(name));
      }
      // CSP or SRI refusals show up as console errors in Chromium.
      expect(errors).toEqual([]);
    });

    test('the key-set coordinator is served with the frame headers and a script type, and the frames share one key-set fetch through it', async () => {
      const worker = readdirSync(join(site, 'assets')).find((name) => /^share-worker-[\w-]+\.js$/.test(name))!;
      const [served, reference] = await Promise.all([fetch(new URL(`/assets/${worker}`, frameUrl)), fetch(loopbackUrl(demo.frame.url))]);
      expect(served.status).toBe(200);
      expect(served.headers.get('content-type')).toMatch(/^(application|text)\/javascript\b/);
      for (const name of ['content-security-policy', 'cross-origin-resource-policy', 'x-content-type-options', 'referrer-policy']) {
        expect(served.headers.get(name), name).toBe(reference.headers.get(name));
      }
      // A profile that lets the cross-site frames start the SharedWorker at all.
      const context = await contextWithThirdPartyStorage();
      try {
        const page = await context.newPage();
        const errors: string[] = [];
        page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
        const host = { page, demo } as unknown as HostPage;
        const before = sessionSetRequests(host);
        await page.goto(demo.merchantUrl);
        await expect(page.frameLocator('#card iframe').locator('[data-field=pan]')).toHaveText('•••• •••• •••• ••••');
        await addCards(host, 4);
        const frame = page.locator('#shared-2').locator('iframe').contentFrame();
        await frame.getByRole('button', { name: /Reveal/ }).click();
        await expect(frame.locator('[data-field=pan]')).toHaveText('4242 4242 4242 4242');
        expect(sessionSetRequests(host) - before).toBe(1);
        expect(errors).toEqual([]);
      } finally {
        await context.dispose();
      }
    });

    test('check passes against the deployment', () => {
      const result = check();
      expect(result.output).toContain('the deployment matches its config and inventory');
      expect(result.code).toBe(0);
    });

    test('check fails, naming it, when a header is removed', async () => {
      const generated = generate();
      writeFileSync(generated, readFileSync(generated, 'utf8').split('\n').filter((line) => !line.includes('Permissions-Policy')).join('\n'));
      await restart(generated);
      const result = check();
      expect(result.code).toBe(1);
      expect(result.output).toMatch(/header \/index\.html: Permissions-Policy is missing|header \/: Permissions-Policy is missing/);
      await restart(generate());
      expect(check().code).toBe(0);
    });

    test('check fails, naming the file, when a served chunk is changed by one byte', () => {
      const chunk = readdirSync(join(site, 'assets')).find((name) => name.startsWith('pin-flow-') && name.endsWith('.js'))!;
      const path = join(site, 'assets', chunk);
      const bytes = readFileSync(path);
      bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 1;
      writeFileSync(path, bytes);
      const result = check();
      expect(result.code).toBe(1);
      expect(result.output).toContain(`file /assets/${chunk}: SHA-384`);
      expect(result.output).toMatch(/1 difference\(s\)/);
    });
  });
}
