import type { LaunchOptions } from '@playwright/test';

/**
 * The features Playwright 1.65 turns off in every Chromium it launches (its
 * one `--disable-features` switch). Chromium reads only the last switch of a
 * name, so a second one would turn these back on: any list given here must
 * hold them too. e2e/lighter-windows.spec.ts fails, naming the missing ones,
 * when an upgraded Playwright turns off more.
 */
export const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
] as const;

/**
 * Chromium's browser UI pages that each new window loads (Playwright opens a
 * headless window per browser context, so one per test): the omnibox popup
 * and the preloaded top-of-window WebUI, a renderer of their own that costs
 * about 0.4 s of CPU per window on 2 cores, half of what an empty context
 * costs. No test sees a window's own UI.
 */
export const BROWSER_UI_FEATURES = ['WebUIOmniboxPopup', 'WebUIOmniboxFullPopup', 'WebUIOmniboxAimPopup', 'PreloadTopChromeWebUI'] as const;

const DISABLE_FEATURES = '--disable-features=';

/** The feature list of each `--disable-features` switch in `args`, in order. */
export function disabledFeatureSwitches(args: readonly string[]): string[][] {
  return args.filter((arg) => arg.startsWith(DISABLE_FEATURES)).map((arg) => arg.slice(DISABLE_FEATURES.length).split(','));
}

/** `options` with Chromium's per-window UI pages turned off, and everything Playwright turns off still off. */
export function lighterWindows(options: LaunchOptions): LaunchOptions {
  const args = options.args ?? [];
  const features = [...new Set([...PLAYWRIGHT_DISABLED_FEATURES, ...disabledFeatureSwitches(args).flat(), ...BROWSER_UI_FEATURES])];
  return { ...options, args: [...args.filter((arg) => !arg.startsWith(DISABLE_FEATURES)), `${DISABLE_FEATURES}${features.join(',')}`] };
}
