// `npm start` and `npm test` on a fresh machine (Node 20 + npm is enough):
// make sure pnpm, the workspace's dependencies (Node 24 among them) and, for
// tests, the browsers and servers they drive exist; then hand over to pnpm, which runs the rest on
// Node 24. Plain JavaScript on purpose: it runs before anything is installed.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumPath } from '../packages/testing/src/chromium.mjs';
import { firefoxPath, hasXvfbRun, webkitPaths } from './engines.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const mode = process.argv[2];
if (mode !== 'demo' && mode !== 'test') {
  console.error('usage: node scripts/setup.mjs demo|test');
  process.exit(2);
}

const say = (message) => console.log(`[cardframe] ${message}`);

// Each step prints one line: what it does, then how long it took. A step's
// own output is kept back and shown only when it fails, so what is printed
// is what needs reading.
let stepStarted = 0;
function begin(message) {
  process.stdout.write(`[cardframe] ${message}…`);
  stepStarted = Date.now();
}
function done() {
  console.log(` ${((Date.now() - stepStarted) / 1000).toFixed(1)} s`);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', ...options });
  if (result.status !== 0) {
    console.log('');
    process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? `${result.error.message}\n` : ''}`);
  }
  return result.status === 0;
}

function must(command, args, what) {
  if (!run(command, args)) {
    console.error(`[cardframe] ${what} failed: ${command} ${args.join(' ')}`);
    process.exit(1);
  }
}

const works = (command) => spawnSync(command, ['--version'], { stdio: 'ignore' }).status === 0;

// 1. pnpm: global install where allowed, else a project-local copy.
let pnpm = 'pnpm';
if (!works(pnpm)) {
  const local = join(root, '.tools', 'node_modules', '.bin', 'pnpm');
  if (existsSync(local)) {
    pnpm = local;
  } else {
    begin('installing pnpm');
    if (!run('npm', ['install', '--global', '--loglevel=error', 'pnpm@12']) || !works('pnpm')) {
      must('npm', ['install', '--no-save', '--loglevel=error', '--prefix', join(root, '.tools'), 'pnpm@12'], 'installing pnpm locally');
      pnpm = local;
    }
    done();
  }
}

// 2. The workspace (lockfile as committed; pnpm freezes it when CI is set).
// pnpm itself may run on an older system Node than the Node 24 the workspace
// brings (and runs everything on): its engine warnings would be about the
// wrong Node, so only errors are shown.
begin('installing dependencies');
must(pnpm, ['install', '--loglevel=error'], 'pnpm install');
done();

// 3. What the tests drive besides Node, from the system's packages: one
// table, so one `apt-get update` and one install cover whatever is missing.
const SYSTEM_TOOLS = [
  { what: 'Chromium', present: () => Boolean(chromiumPath()), packages: ['chromium'], required: true },
  // The gpg interop test skips itself (and says so) where gpg is missing.
  { what: 'GnuPG', present: () => works('gpg'), packages: ['gnupg'], required: false },
  { what: 'Redis', present: () => works('redis-server'), packages: ['redis-server'], required: true },
  // The component tests and the cross-engine e2e suite run in Firefox and WebKit too (docs/browsers.md).
  { what: 'Firefox ESR', present: () => Boolean(firefoxPath()), packages: ['firefox-esr'], required: true },
  { what: 'WebKitGTK', present: () => Boolean(webkitPaths()) && hasXvfbRun(), packages: ['webkit2gtk-driver', 'xvfb', 'xauth'], required: true },
  // The deployment e2e serves the built frame with each of these and their generated configs.
  { what: 'nginx', present: () => spawnSync('nginx', ['-v'], { stdio: 'ignore' }).status === 0, packages: ['nginx'], required: true },
  { what: 'Caddy', present: () => spawnSync('caddy', ['version'], { stdio: 'ignore' }).status === 0, packages: ['caddy'], required: true },
];

if (mode === 'test') {
  const missing = SYSTEM_TOOLS.filter((tool) => !tool.present());
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (missing.length > 0 && process.platform === 'linux' && isRoot && works('apt-get')) {
    begin(`installing ${missing.map((tool) => tool.what).join(', ')} from the system's packages`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    must('apt-get', ['update', '-qq'], 'apt-get update');
    const packages = missing.flatMap((tool) => tool.packages);
    if (!run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { env })) run('apt-get', ['install', '-y', '-qq', ...packages], { env });
    done();
  } else if (missing.some((tool) => tool.what === 'Chromium')) {
    begin("installing Playwright's Chromium (set CHROMIUM_PATH to use a browser you already have)");
    must(pnpm, ['exec', 'playwright', 'install', 'chromium'], 'playwright install chromium');
    done();
    // Playwright finds its own browser; the system check would still say missing.
    SYSTEM_TOOLS[0].present = () => true;
  }
  for (const tool of SYSTEM_TOOLS.filter((t) => !t.present())) {
    if (tool.required) {
      console.error(`\n[cardframe] ${tool.what} is needed for the tests: install ${tool.packages.join(' ')} from your system's packages`);
      process.exit(1);
    }
    say(`${tool.what} could not be installed; the tests that need it will say so`);
  }
}

// 4. Hand over: build the frame, SDK and demo apps, then start the demo; or run every test.
if (mode === 'demo') {
  begin('building the frame, the SDK and the demo');
  must(pnpm, ['run', '--silent', 'build'], 'pnpm run build');
  done();
  say('starting the demo');
}
const result = spawnSync(pnpm, mode === 'demo' ? ['exec', 'node', 'demo/src/start.ts'] : ['run', '--silent', 'test:all'], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
