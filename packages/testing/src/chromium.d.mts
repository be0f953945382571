import type { LaunchOptions } from '@playwright/test';

/**
 * The Chromium to test with: `CARDFRAME_CHROMIUM`, then `CHROMIUM_PATH`,
 * then a system install; undefined means Playwright's own browser.
 */
export function chromiumPath(env?: NodeJS.ProcessEnv): string | undefined;

/** `launchOptions` for a Playwright config: the system Chromium, when there is one, and flags for closed networks and no GPU. */
export function chromiumLaunchOptions(env?: NodeJS.ProcessEnv): LaunchOptions;
