// `node bench/content-floor.ts [--groups=50] [--runs=4]`: how much of the
// many-frames gap is what a field frame shows, and how much is its script.
// Mounts, one after another in each run: the bench's floor (a bare
// cross-origin page that posts one message), a static cross-origin page that
// shows what a masked field frame shows (the masked value and the eye button,
// as markup and CSS, with no script but the same one message), that page
// again with its CSS and the value font as files, and `--groups` groups of
// field frames. Prints each as a ratio to the floor (medians over the runs).
// Uses the bundles the last build left (`pnpm run build`).
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDiagnosticStage } from './diagnostic-stage.ts';
import { median, round } from './ops.ts';
import { GROUP_MEMBERS, mountCards, mountFloor, removeCards, removeFloor, settle } from './page-actions.ts';

const { values } = parseArgs({ options: { groups: { type: 'string', default: '50' }, runs: { type: 'string', default: '4' } } });
const groups = Number(values.groups);
const runs = Number(values.runs);
if (!Number.isInteger(groups) || groups < 1 || !Number.isInteger(runs) || runs < 1) throw new Error('--groups and --runs take whole numbers, 1 or more');
const frames = groups * GROUP_MEMBERS.length;

// The floor's one message, so every page is "ready" by the same test.
const POST = `<script>addEventListener('message', (e) => e.source.postMessage(e.data, '*'));parent.postMessage('ready', '*');</script>`;
// A masked PAN and its eye button, as views/field-view.ts renders them.
const FIELD = `<div class="field"><span class="value">•••• •••• •••• 4242</span><button type="button" aria-label="Show card number"><svg viewBox="0 0 24 24" aria-hidden="true"><path d="M1 12s4-7 11-7 11 7 11 7-4 7-11 7S1 12 1 12z" /><circle cx="12" cy="12" r="3" /></svg></button></div>`;
const RULES = `html,body{margin:0;background:transparent}body{padding:12px}.field{display:flex;align-items:center;gap:.5em;font:16px system-ui}button{display:inline-flex;padding:.2em;border:none;line-height:0}svg{width:1.1em;height:1.1em;fill:none;stroke:currentColor;stroke-width:2}`;
const FONT = `@font-face{font-family:cardframe-value;src:url(/value.woff2) format('woff2');font-display:block}.value{font-family:cardframe-value,monospace}`;
const PAGES: Record<string, string> = {
  '/static': `<!doctype html><title>field</title><style>${RULES}</style>${FIELD}${POST}`,
  '/static-files': `<!doctype html><title>field</title><link rel="stylesheet" href="/field.css">${FIELD}${POST}`,
};
const font = readFileSync(join(import.meta.dirname, '../packages/frame/src/fonts/value-digits.woff2'));
const immutable = 'public, max-age=31536000, immutable';
const server = createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  if (path === '/field.css') return res.writeHead(200, { 'content-type': 'text/css', 'cache-control': immutable }).end(`${RULES}${FONT}`);
  if (path === '/value.woff2') return res.writeHead(200, { 'content-type': 'font/woff2', 'cache-control': immutable }).end(font);
  const page = PAGES[path];
  res.writeHead(page ? 200 : 404, { 'content-type': 'text/html', 'cache-control': 'no-cache' }).end(page ?? '');
});
await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
const staticBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const diagnostic = await openDiagnosticStage();
try {
  const kinds: Record<string, string> = {
    'bare page (the floor)': diagnostic.floor.url,
    'static field, inline CSS': `${staticBase}/static`,
    'static field, CSS and font as files': `${staticBase}/static-files`,
  };
  const times: Record<string, number[]> = {};
  for (let run = 0; run < runs; run++) {
    for (const [kind, url] of Object.entries(kinds)) {
      const stage = diagnostic.stage(url);
      (times[kind] ??= []).push(await mountFloor(stage, frames, `content-floor-${run}`));
      await removeFloor(stage);
      await settle(stage, frames);
    }
    const stage = diagnostic.stage();
    (times[`${groups} groups of field frames`] ??= []).push((await mountCards(stage, groups, 'group')).ms);
    await removeCards(stage);
    await settle(stage, frames);
  }
  const base = median(times['bare page (the floor)']!);
  console.log(`${frames} frames at once, ${runs} runs (medians):\n\n| page | all ready | ratio to the floor |\n| --- | --- | --- |`);
  for (const [kind, ms] of Object.entries(times)) console.log(`| ${kind} | ${round(median(ms))} ms | ${round(median(ms) / base)}× |`);
} finally {
  await diagnostic.close();
  server.close();
}
