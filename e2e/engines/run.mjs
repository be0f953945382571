// The cross-engine e2e suite: e2e/engines/flows.test.ts in Firefox, then in
// WebKit (under xvfb-run, with a WebKitWebDriver for the run), one engine at
// a time so the two browsers never compete for the machine. Prints each
// engine's counts, then `engines: N passed, M failed` for test-all.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const test = ['--test', '--test-reporter=spec', '--test-concurrency=1', 'e2e/engines/flows.test.ts'];
const runs = [
  { engine: 'firefox', command: process.execPath, args: test },
  { engine: 'webkit', command: 'xvfb-run', args: ['-a', process.execPath, 'scripts/with-webkit-driver.mjs', process.execPath, ...test] },
];
const only = process.argv[2];

let passed = 0;
let failed = 0;
const lines = [];
for (const run of runs.filter((r) => !only || r.engine === only)) {
  const output = await new Promise((resolve) => {
    let text = '';
    const child = spawn(run.command, run.args, { cwd: root, env: { ...process.env, CARDFRAME_ENGINE: run.engine }, stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.on('data', (chunk) => {
      text += chunk;
      process.stdout.write(chunk);
    });
    child.on('close', (code) => resolve({ text, code }));
  });
  const count = (pattern) => Number(output.text.match(pattern)?.[1] ?? 0);
  const ok = count(/ℹ pass (\d+)/);
  const bad = count(/ℹ fail (\d+)/) + (output.code !== 0 && count(/ℹ fail (\d+)/) === 0 ? 1 : 0);
  passed += ok;
  failed += bad;
  lines.push(`${run.engine}: ${ok} passed, ${bad} failed`);
}
console.log(`\n${lines.join('\n')}\nengines: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
