/** Firefox (ESR) to test with: `CARDFRAME_FIREFOX`, then a system install. */
export function firefoxPath(env?: NodeJS.ProcessEnv): string | undefined;
/** WebKitGTK's WebDriver and the MiniBrowser it drives, when both are installed. */
export function webkitPaths(env?: NodeJS.ProcessEnv): { driver: string; browser: string } | undefined;
/** Whether `xvfb-run` is there (MiniBrowser has no headless mode). */
export function hasXvfbRun(): boolean;
/** W3C capabilities for a WebKitWebDriver session on MiniBrowser (classic WebDriver only). */
export function webkitCapabilities(browser: string): Record<string, unknown>;
/** puppeteer-core launch options for the system Firefox over WebDriver BiDi. */
export function firefoxLaunchOptions(env?: NodeJS.ProcessEnv): { browser: 'firefox'; executablePath: string; headless: true; extraPrefsFirefox: Record<string, unknown> };
