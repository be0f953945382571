import { readFileSync } from 'node:fs';
import { chromium, expect, test } from '@playwright/test';
import { chromiumLaunchOptions } from '../packages/testing/src/chromium.mjs';
import { processTable, processTreeOf } from '../bench/probes.ts';
import { BROWSER_UI_FEATURES, disabledFeatureSwitches, lighterWindows } from './lighter-windows.ts';

// The e2e config launches Chromium through lighterWindows (playwright.config.ts).
test.skip(process.platform !== 'linux', 'reads the browser processes from /proc');

/** A process's arguments (a forked renderer writes its whole command line as one, space-separated). */
function commandLine(pid: number): string[] {
  return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/).filter(Boolean);
}

/** The command lines of every process under `root`, the browser process. */
function descendants(root: number): string[][] {
  return processTreeOf(processTable() ?? new Map(), root)
    .filter((pid) => pid !== root)
    .flatMap((pid) => {
      try {
        return [commandLine(pid)];
      } catch {
        return []; // gone since it was listed
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

test('the e2e browser turns off everything Playwright turns off, plus the UI pages each window would load', async () => {
  const { browserArgs, topChromeRenderers } = await launched(lighterWindows(chromiumLaunchOptions()));
  const lists = disabledFeatureSwitches(browserArgs);
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
