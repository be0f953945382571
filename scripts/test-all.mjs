// Every check, in order: typecheck, unit tests in Node, the production build,
// component and crypto tests in Chromium, then in Firefox and WebKit side by
// side, end-to-end tests across two origins (with @cardframe/testing's own
// tests), the cross-engine e2e suite in Firefox and WebKit, and the example
// integrator's suite.
// Each runs to the end even if an earlier one failed, then one closing line
// sums them up.
import { spawn } from 'node:child_process';

function playwrightCount(out) {
  return { passed: last(out, /^\s*(\d+) passed/m), failed: last(out, /^\s*(\d+) failed/m) + last(out, /^\s*(\d+) flaky/m) };
}

const steps = [
  { name: 'typecheck', command: 'tsc', args: ['-p', 'tsconfig.json'] },
  {
    name: 'unit (node)',
    command: 'node',
    // Two files at a time: Node runs one on two cores, which leaves a core idle while a file waits on its servers.
    args: ['--test', '--test-concurrency=2', '--test-reporter=spec', 'packages/*/test/*.test.ts', 'packages/*/test/node/**/*.test.ts'],
    count: (out) => ({ passed: last(out, /ℹ pass (\d+)/), failed: last(out, /ℹ fail (\d+)/) }),
  },
  { name: 'build', command: 'pnpm', args: ['run', 'build'] },
  {
    name: 'sizes, bench and packages',
    command: 'node',
    args: ['--test', '--test-reporter=spec', 'bench/size-budget.test.ts', 'bench/options.test.ts', 'bench/trace-summary.test.ts', 'scripts/test/packages.test.ts', 'scripts/test/import-cycles.test.ts'],
    count: (out) => ({ passed: last(out, /ℹ pass (\d+)/), failed: last(out, /ℹ fail (\d+)/) }),
  },
  browserStep('chromium'),
  // Firefox and MiniBrowser each run one test file at a time and keep about one
  // core of two busy, so the two share the machine (Chromium, two files at a
  // time, fills it alone; all three at once starve the tests that time things).
  { together: [browserStep('firefox'), browserStep('webkit')] },
  {
    name: 'e2e (playwright)',
    command: 'playwright',
    args: ['test'],
    count: playwrightCount,
  },
  {
    name: 'e2e (firefox, webkit)',
    command: 'node',
    args: ['e2e/engines/run.mjs'],
    count: (out) => ({ passed: last(out, /^engines: (\d+) passed/m), failed: last(out, /^engines: \d+ passed, (\d+) failed/m) }),
  },
  {
    // An integrator's app tested only through the published @cardframe/testing and @cardframe/sdk.
    name: 'example (playwright)',
    command: 'pnpm',
    args: ['--dir', 'examples/wallet', 'run', 'test'],
    count: playwrightCount,
  },
];

function browserStep(engine) {
  return {
    name: `browser (${engine})`,
    // WebKit's MiniBrowser needs an X display and a WebKitWebDriver for the run.
    command: engine === 'webkit' ? 'xvfb-run' : 'web-test-runner',
    args: engine === 'webkit' ? ['-a', 'node', 'scripts/with-webkit-driver.mjs', 'web-test-runner'] : [],
    env: { CARDFRAME_ENGINE: engine },
    count: (out) => ({ passed: last(out, /(\d+) passed, \d+ failed/), failed: last(out, /\d+ passed, (\d+) failed/) }),
  };
}

function last(text, pattern) {
  const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  const matches = [...text.matchAll(global)];
  return matches.length ? Number(matches[matches.length - 1][1]) : 0;
}

/** Runs one step; its output is streamed as it comes, or only kept (`quiet`) while another step runs beside it. */
function runStep(step, quiet = false) {
  return new Promise((resolve) => {
    const started = Date.now();
    let output = '';
    const child = spawn(step.command, step.args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0', ...step.env } });
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (!quiet) process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
      if (!quiet) process.stderr.write(chunk);
    });
    child.on('close', (code) => resolve({ code, output, seconds: (Date.now() - started) / 1000 }));
    child.on('error', (error) => resolve({ code: 1, output: String(error), seconds: 0 }));
  });
}

/**
 * The lines that name a failed test (web-test-runner's ❌ under its file,
 * Playwright's ✘, node:test's ✖), so the summary at the end of a long log
 * says which test failed, not only how many.
 */
function failedTests(plain) {
  const names = new Set();
  let file = '';
  for (const line of plain.split('\n')) {
    const text = line.trim();
    if (/^\S+\.(?:test|spec)\.[cm]?[jt]s:$/.test(text)) file = text.slice(0, -1);
    else if (/^(?:❌|✘|✖)/.test(text) && !/failing tests:$/.test(text)) names.add(text.startsWith('❌') && file ? `${file} ${text}` : text);
  }
  return [...names].slice(0, 20);
}

/** Runs steps side by side, then prints each one's output whole, in order, so the log reads as if they ran in turn. */
async function runTogether(group) {
  console.log(`\n=== ${group.map((step) => step.name).join(' and ')}, side by side (output follows when each ends) ===`);
  const results = await Promise.all(group.map((step) => runStep(step, true)));
  return group.map((step, i) => {
    console.log(`\n=== ${step.name} ===`);
    process.stdout.write(results[i].output);
    return [step, results[i]];
  });
}

const started = Date.now();
const runs = [];
for (const entry of steps) {
  if (entry.together) {
    runs.push(...(await runTogether(entry.together)));
    continue;
  }
  console.log(`\n=== ${entry.name} ===`);
  runs.push([entry, await runStep(entry)]);
}
let passed = 0;
let failed = 0;
const summary = [];
const failures = [];
for (const [step, { code, output, seconds }] of runs) {
  const plain = output.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
  const counts = step.count ? step.count(plain) : { passed: 0, failed: 0 };
  // A step that exits non-zero fails even if its output named no failing test.
  if (code !== 0 && counts.failed === 0) counts.failed = 1;
  passed += counts.passed;
  failed += counts.failed;
  summary.push(`${code === 0 ? 'ok  ' : 'FAIL'}  ${step.name.padEnd(20)} ${step.count ? `${counts.passed} passed, ${counts.failed} failed` : ''}  (${seconds.toFixed(1)} s)`);
  if (code !== 0) failures.push(...failedTests(plain).map((name) => `  ${step.name}: ${name}`));
}

console.log(`\n=== summary ===\n${summary.join('\n')}\n`);
if (failures.length > 0) console.log(`failed:\n${failures.join('\n')}\n`);
console.log(`cardframe: ${passed} passed, ${failed} failed (${((Date.now() - started) / 60000).toFixed(1)} min)`);
process.exit(failed === 0 ? 0 : 1);
