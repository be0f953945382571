import { spawnSync } from 'node:child_process';
import puppeteer, { type Browser, type ElementHandle, type Frame, type Page } from 'puppeteer-core';
import { remote } from 'webdriverio';
import { firefoxLaunchOptions, firefoxPath, webkitCapabilities, webkitPaths } from '../../scripts/engines.mjs';

export type EngineName = 'firefox' | 'webkit';

/** A function run in a page: serialised by the driver, so it uses nothing outside its own body. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type PageFunction<A extends unknown[], T> = (...args: A) => T | Promise<T>;

/**
 * One browser driven from outside, the way a cardholder uses it: scripts
 * run in the host page or inside a card's cross-origin frame, and clicks and
 * keystrokes are the driver's own (trusted) input.
 */
export interface EngineDriver {
  readonly engine: EngineName;
  /** Browser name and version, for the report. */
  readonly version: string;
  goto(url: string): Promise<void>;
  /** Runs `fn` in the host page. */
  host<A extends unknown[], T>(fn: PageFunction<A, T>, ...args: A): Promise<T>;
  /** Runs `fn` in the frame of the cardframe element `selector`. */
  inFrame<A extends unknown[], T>(selector: string, fn: PageFunction<A, T>, ...args: A): Promise<T>;
  /** A trusted click on the first element in that frame (shadow roots included) matching `css` and, if given, whose text matches `text`. */
  click(selector: string, css: string, text?: string): Promise<void>;
  /** Console lines of the host page and its frames, where the driver can read them (not WebKit's classic WebDriver). */
  onConsole?(listener: (line: string) => void): void;
  /** Types `value` into the matching element in that frame, as keystrokes. */
  type(selector: string, css: string, value: string, label?: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Finds an element by CSS across open shadow roots, optionally by its text
 * or aria-label. Runs in the page; the drivers return the element itself so
 * their own click lands on it.
 */
function findDeep(css: string, text: string | null, label: string | null): Element | null {
  const roots: (Document | ShadowRoot)[] = [document];
  for (let i = 0; i < roots.length; i++) {
    for (const element of roots[i]!.querySelectorAll('*')) if (element.shadowRoot) roots.push(element.shadowRoot);
  }
  for (const root of roots) {
    for (const element of root.querySelectorAll(css)) {
      if (text !== null && !new RegExp(text).test(element.textContent ?? '')) continue;
      if (label !== null) {
        const id = element.id;
        const labelled = element.getAttribute('aria-label') ?? (id ? (root.querySelector(`label[for="${id}"]`)?.textContent ?? '') : '');
        if (labelled.trim() !== label) continue;
      }
      return element;
    }
  }
  return null;
}

async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined>, timeoutMs = 15000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

class FirefoxDriver implements EngineDriver {
  readonly engine = 'firefox' as const;
  readonly version: string;
  readonly #browser: Browser;
  readonly #page: Page;

  constructor(browser: Browser, page: Page, version: string) {
    this.#browser = browser;
    this.#page = page;
    this.version = version;
  }

  static async launch(preload: string): Promise<FirefoxDriver> {
    const browser = await puppeteer.launch(firefoxLaunchOptions());
    const page = await browser.newPage();
    // Before any of the host's scripts, as @cardframe/testing's Playwright fixtures install it.
    await page.evaluateOnNewDocument(preload);
    return new FirefoxDriver(browser, page, await browser.version());
  }

  async goto(url: string): Promise<void> {
    await this.#page.goto(url, { waitUntil: 'load' });
  }

  onConsole(listener: (line: string) => void): void {
    this.#page.on('console', (message) => listener(message.text()));
  }

  host<A extends unknown[], T>(fn: PageFunction<A, T>, ...args: A): Promise<T> {
    return this.#page.evaluate(fn as never, ...(args as unknown as never[])) as Promise<T>;
  }

  async #frame(selector: string): Promise<Frame> {
    return waitFor(`the frame of ${selector}`, async () => {
      const handle = (await this.#page.evaluateHandle((target: string) => document.querySelector(target)?.shadowRoot?.querySelector('iframe') ?? null, selector)).asElement();
      const frame = await (handle as ElementHandle<HTMLIFrameElement> | null)?.contentFrame();
      return frame && frame.url().startsWith('http') ? frame : null;
    });
  }

  async inFrame<A extends unknown[], T>(selector: string, fn: PageFunction<A, T>, ...args: A): Promise<T> {
    return (await this.#frame(selector)).evaluate(fn as never, ...(args as unknown as never[])) as Promise<T>;
  }

  async #element(selector: string, css: string, text?: string, label?: string) {
    const frame = await this.#frame(selector);
    return waitFor(`${css} in ${selector}`, async () => {
      const handle = await frame.evaluateHandle(findDeep, css, text ?? null, label ?? null);
      const element = handle.asElement() as ElementHandle<Element> | null;
      if (!element) await handle.dispose();
      return element;
    });
  }

  async click(selector: string, css: string, text?: string): Promise<void> {
    await (await this.#element(selector, css, text)).click();
  }

  async type(selector: string, css: string, value: string, label?: string): Promise<void> {
    await (await this.#element(selector, css, undefined, label)).type(value);
  }

  async close(): Promise<void> {
    await this.#browser.close();
  }
}

type WdioBrowser = Awaited<ReturnType<typeof remote>>;

class WebKitDriver implements EngineDriver {
  readonly engine = 'webkit' as const;
  readonly version: string;
  readonly #browser: WdioBrowser;
  readonly #preload: string;
  #inFrame: string | null = null;

  constructor(browser: WdioBrowser, preload: string, version: string) {
    this.#browser = browser;
    this.#preload = preload;
    this.version = version;
  }

  static async launch(preload: string): Promise<WebKitDriver> {
    const url = process.env.CARDFRAME_WEBKIT_DRIVER_URL;
    const paths = webkitPaths();
    if (!url || !paths) throw new Error('webkit: run under scripts/with-webkit-driver.mjs and xvfb-run (needs webkit2gtk-driver, xvfb)');
    const { hostname, port } = new URL(url);
    const browser = await remote({ hostname, port: Number(port), logLevel: 'error', capabilities: webkitCapabilities(paths.browser) as WebdriverIO.Capabilities });
    const caps = browser.capabilities as { browserName?: string; browserVersion?: string };
    return new WebKitDriver(browser, preload, `WebKitGTK ${caps.browserVersion ?? '?'}`);
  }

  async goto(url: string): Promise<void> {
    await this.#top();
    await this.#browser.url(url);
    // WebDriver classic runs no script before the page's own, so the watch
    // goes in after load and the page's cardframe elements are reconnected:
    // each reloads its frame and opens its channel again, under the watch.
    // Script strings, not page-side eval: the host's CSP forbids eval, and
    // WebDriver's own script evaluation is not subject to it.
    await this.#browser.execute(`${this.#preload};
      for (const element of [...document.querySelectorAll('*')]) {
        if (!element.localName.startsWith('cardframe-') || !element.shadowRoot?.querySelector('iframe')) continue;
        const parent = element.parentNode;
        const next = element.nextSibling;
        element.remove();
        parent.insertBefore(element, next);
      }`);
  }

  async #top(): Promise<void> {
    if (this.#inFrame !== null) await this.#browser.switchToParentFrame();
    this.#inFrame = null;
  }

  async #enter(selector: string): Promise<void> {
    if (this.#inFrame === selector) return;
    await this.#top();
    // WebKit's element click does not scroll the host page for an element in
    // a frame below the fold; a cardholder would scroll there first.
    await this.#browser.execute((target: string) => document.querySelector(target)?.scrollIntoView({ block: 'center' }), selector);
    const iframe = await waitFor(`the frame of ${selector}`, () =>
      this.#browser.execute((target: string) => document.querySelector(target)?.shadowRoot?.querySelector('iframe') ?? null, selector),
    );
    await this.#browser.switchToFrame(iframe as never);
    this.#inFrame = selector;
  }

  async host<A extends unknown[], T>(fn: PageFunction<A, T>, ...args: A): Promise<T> {
    await this.#top();
    return this.#run(fn, args);
  }

  async inFrame<A extends unknown[], T>(selector: string, fn: PageFunction<A, T>, ...args: A): Promise<T> {
    await this.#enter(selector);
    return this.#run(fn, args);
  }

  /** execute/async, so a function returning a promise is awaited in the page. */
  async #run<A extends unknown[], T>(fn: PageFunction<A, T>, args: A): Promise<T> {
    const result = (await this.#browser.executeAsync(
      `const done = arguments[arguments.length - 1];
      Promise.resolve()
        .then(() => (${fn.toString()}).apply(null, Array.prototype.slice.call(arguments, 0, -1)))
        .then((value) => done({ ok: true, value }), (error) => done({ ok: false, error: String((error && error.message) || error) }));`,
      ...args,
    )) as { ok: boolean; value?: unknown; error?: string };
    if (!result.ok) throw new Error(result.error);
    return result.value as T;
  }

  async #element(selector: string, css: string, text?: string, label?: string) {
    await this.#enter(selector);
    const found = await waitFor(`${css} in ${selector}`, () => this.#browser.execute(findDeep, css, text ?? null, label ?? null));
    return this.#browser.$(found as never);
  }

  async click(selector: string, css: string, text?: string): Promise<void> {
    await (await this.#element(selector, css, text)).click();
  }

  async type(selector: string, css: string, value: string, label?: string): Promise<void> {
    // WebKitWebDriver calls an input in a shadow root "not focusable" for
    // Element Send Keys and its Element Click "intercepted" (hit-testing
    // finds the shadow host): a pointer press on it through the actions API,
    // then keystrokes, is what a cardholder does anyway.
    const element = await this.#element(selector, css, undefined, label);
    await this.#browser.action('pointer').move({ origin: element }).down().up().perform();
    await this.#browser.keys([...value]);
  }

  async close(): Promise<void> {
    await this.#browser.deleteSession();
  }
}

/** Launches `engine` with `preload` run in every host document before its own scripts. */
export function launch(engine: EngineName, preload: string): Promise<EngineDriver> {
  return engine === 'firefox' ? FirefoxDriver.launch(preload) : WebKitDriver.launch(preload);
}

/** The engines this machine can run: Firefox with its binary, WebKit inside with-webkit-driver. */
export function availableEngines(): EngineName[] {
  const engines: EngineName[] = [];
  if (firefoxPath()) engines.push('firefox');
  if (webkitPaths() && process.env.CARDFRAME_WEBKIT_DRIVER_URL) engines.push('webkit');
  return engines;
}

export const firefoxVersion = (): string => spawnSync(firefoxPath() ?? 'firefox-esr', ['--version'], { encoding: 'utf8' }).stdout.trim();
