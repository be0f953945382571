// A Chromium the bench drives over a bare DevTools pipe, attached to its one
// page and nothing else, so the frames in that page run with no debugger on
// them, as on a cardholder's machine. Playwright attaches to every
// out-of-process iframe (its network, page and runtime domains and a
// utility world in each), and what that costs our frames beyond bare ones
// shows only against a browser that does not.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../packages/testing/src/chromium.mjs';

/** The page, the browser's process (for the quiet wait) and how to close it all. */
export interface UnobservedPage {
  /** Runs a function in the page, like Playwright's `page.evaluate`: its source and a JSON argument. */
  readonly page: Pick<Page, 'evaluate'>;
  readonly browserPid: number | undefined;
  /** Ends the browser and, once it has exited, removes its profile. */
  close(): Promise<void>;
}

interface Reply {
  readonly id?: number;
  readonly result?: Record<string, unknown>;
  readonly error?: { readonly message?: string };
}

/** Chromium's own switches that Playwright also passes, so the two browsers differ only in who watches the frames. */
const AS_PLAYWRIGHT = ['--disable-background-timer-throttling', '--disable-renderer-backgrounding', '--disable-backgrounding-occluded-windows', '--disable-ipc-flooding-protection', '--hide-scrollbars', '--mute-audio'];

/**
 * Starts a headless Chromium with the bench's executable and switches, opens
 * `url` in it with the page's CSP lifted (the floor's iframes come from
 * another origin), and waits `settleMs` for the page's own frames.
 */
export async function openUnobservedPage(url: string, settleMs = 1500): Promise<UnobservedPage> {
  const { executablePath, args } = chromiumLaunchOptions();
  if (!executablePath) throw new Error('no system Chromium for the unobserved page');
  const profile = mkdtempSync(join(tmpdir(), 'cardframe-bench-'));
  // fd 3 carries commands to Chromium, fd 4 its replies, each message ending in a NUL.
  const child = spawn(executablePath, [...(args ?? []), ...AS_PLAYWRIGHT, '--headless', '--remote-debugging-pipe', '--window-size=1280,1000', `--user-data-dir=${profile}`, 'about:blank'], { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] });
  const commands = child.stdio[3] as NodeJS.WritableStream;
  const replies = child.stdio[4] as NodeJS.ReadableStream;
  const waiting = new Map<number, (reply: Reply) => void>();
  let buffered = '';
  replies.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    for (let end = buffered.indexOf('\0'); end >= 0; end = buffered.indexOf('\0')) {
      const reply = JSON.parse(buffered.slice(0, end)) as Reply;
      buffered = buffered.slice(end + 1);
      if (reply.id === undefined) continue;
      waiting.get(reply.id)?.(reply);
      waiting.delete(reply.id);
    }
  });
  // A browser that exits fails what waits on it instead of leaving the bench hanging.
  child.on('exit', (code) => {
    for (const answer of waiting.values()) answer({ error: { message: `Chromium exited (${code})` } });
    waiting.clear();
  });
  let next = 0;
  const send = (method: string, params: object = {}, sessionId?: string): Promise<Record<string, unknown>> => {
    const id = ++next;
    commands.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    return new Promise((resolve, reject) => waiting.set(id, (reply) => (reply.error ? reject(new Error(`${method}: ${reply.error.message ?? 'failed'}`)) : resolve(reply.result ?? {}))));
  };
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const close = async (): Promise<void> => {
    child.kill();
    await exited;
    rmSync(profile, { recursive: true, force: true, maxRetries: 5 });
  };
  try {
    const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = (await send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string };
    await send('Page.enable', {}, sessionId);
    await send('Page.setBypassCSP', { enabled: true }, sessionId);
    await send('Page.navigate', { url }, sessionId);
    await new Promise((done) => setTimeout(done, settleMs));
    const evaluate = async (fn: unknown, arg?: unknown): Promise<unknown> => {
      const expression = `(${String(fn)})(${arg === undefined ? '' : JSON.stringify(arg)})`;
      const { result, exceptionDetails } = (await send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true }, sessionId)) as { result?: { value?: unknown }; exceptionDetails?: { exception?: { description?: string }; text?: string } };
      if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text ?? 'evaluate failed');
      return result?.value;
    };
    return { page: { evaluate: evaluate as Page['evaluate'] }, browserPid: child.pid, close };
  } catch (error) {
    await close();
    throw error;
  }
}
