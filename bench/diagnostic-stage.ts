// The stage the bench's diagnostic scripts (trace-mount.ts, content-floor.ts)
// measure on: the floor server, the demo, one Chromium, and the merchant page
// open in a context with the bench's settings.
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { startDemo, type Demo } from '@cardframe/demo';
import { chromiumLaunchOptions } from '../packages/testing/src/chromium.mjs';
import { startFloorServer, type FloorServer } from './floor-server.ts';
import { merchantPageIn, residentFrame, type BenchPage } from './page-actions.ts';
import { attachProbes, type Probes } from './probes.ts';

export interface DiagnosticStage {
  readonly floor: FloorServer;
  readonly demo: Demo;
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
  readonly probes: Probes;
  /** The bench page with the floor at `floorUrl` (default: the floor server's). */
  stage(floorUrl?: string): BenchPage;
  close(): Promise<void>;
}

/** Starts the floor server, the demo and Chromium, and opens the merchant page (the frame process found through its own frames). */
export async function openDiagnosticStage(): Promise<DiagnosticStage> {
  const floor = await startFloorServer();
  const demo = await startDemo({ binding: 'plain' });
  const browser = await chromium.launch(chromiumLaunchOptions());
  const close = async (): Promise<void> => {
    await browser.close();
    floor.close();
    await demo.close();
  };
  try {
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 1000 } });
    const page = await merchantPageIn(context, demo.merchantUrl, demo.frameUrl);
    await page.waitForTimeout(500);
    const probes = await attachProbes(browser, context, page, residentFrame(page, demo.frameUrl));
    const stage = (floorUrl = floor.url): BenchPage => ({ page, frameUrl: demo.frameUrl, floorUrl, browserPid: probes.browserPid });
    return { floor, demo, browser, context, page, probes, stage, close };
  } catch (error) {
    await close();
    throw error;
  }
}
