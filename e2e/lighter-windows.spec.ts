import { readdirSync, readFileSync } from 'node:fs';
import { chromium, expect, test } from '@playwright/test';
import { chromiumLaunchOptions } from '../packages/testing/src/chromium.mjs';
import { BROWSER_UI_FEATURES, lighterWindows } from './lighter-windows.ts';

// The e2e config launches Chromium through lighterWindows (playwright.config.ts).
test.skip(process.platform !== 'linux', 'reads the browser processes from /proc');

/** A process's arguments (a forked renderer writes its whole command line as one, space-separated). */
function commandLine(pid: number): string[] {
  return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/).filter(Boolean);
}

/**
 * The command lines of every process under `root` (Chromium's zygotes and
 * the renderers they fork stay children of the browser process).
 */
function descendants(root: number): string[][] {
  const parents = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parents.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // Gone since it was listed.
    }
  }
  const under = (pid: number): boolean => {
    for (let at = parents.get(pid); at !== undefined && at > 1; at = parents.get(at)) if (at === root) return true;
    return false;
  };
  return [...parents.keys()].filter(under).flatMap((pid) => {
    try {
      return [commandLine(pid)];
    } catch {
      return [];
    }
  });
}

/** Launches Chromium with `options`, opens one context as a test does, and reads its processes. */
async function launched(options: ReturnType<typeof chromiumLaunchOptions>): Promise<{ browserArgs: string[]; topChromeRenderers: number }> {
  const server = await chromium.launchServer(options);
  try {
    const browser = await chromium.connect(server.wsEndpoint());
    const page = await (await browser.newContext()).newPage();
    await page.goto('about:blank');
    // The window's UI pages load once it is shown; give them time to start.
    await page.waitForTimeout(1500);
    const pid = server.process().pid!;
    const topChromeRenderers = descendants(pid).filter((args) => args.includes('--top-chrome-webui')).length;
    await browser.close();
    return { browserArgs: commandLine(pid), topChromeRenderers };
  } finally {
    await server.close();
  }
}

const features = (args: readonly string[]): string[][] => args.filter((arg) => arg.startsWith('--disable-features=')).map((arg) => arg.slice('--disable-features='.length).split(','));

test('the e2e browser turns off everything Playwright turns off, plus the UI pages each window would load', async () => {
  const { browserArgs, topChromeRenderers } = await launched(lighterWindows(chromiumLaunchOptions()));
  const lists = features(browserArgs);
  // Playwright's own switch first, the one lighterWindows wrote last: Chromium reads only the last.
  expect(lists.length).toBeGreaterThanOrEqual(2);
  const playwrights = lists[0]!;
  const effective = lists.at(-1)!;
  expect(playwrights.filter((feature) => !effective.includes(feature)), 'features Playwright turns off that lighterWindows turns back on: add them to PLAYWRIGHT_DISABLED_FEATURES').toEqual([]);
  expect(effective).toEqual(expect.arrayContaining([...BROWSER_UI_FEATURES]));
  expect(topChromeRenderers).toBe(0);
});

test('without lighterWindows a new window does start a renderer for its UI pages, so the check above can see one', async () => {
  const { topChromeRenderers } = await launched(chromiumLaunchOptions());
  expect(topChromeRenderers).toBeGreaterThan(0);
});
