import type { FrameLocator, Page } from '@playwright/test';
import { expect, secretPattern, test as kit, type HostWatch, type Observation } from '@cardframe/testing';
import { startDemo, type Demo, type DemoOptions } from '@cardframe/demo';
import type { ErrorInfo } from '@cardframe/protocol';

/**
 * Runs in the host page before any of its scripts. Not a leak check (the
 * kit's HostWatch is): it keeps the port of every MessageChannel the page
 * creates, so a test can act as a hostile host on the SDK's channel.
 */
function keepHostPorts(): void {
  const w = window as unknown as { __ports: MessagePort[] };
  w.__ports = [];
  const Original = MessageChannel;
  window.MessageChannel = class extends Original {
    constructor() {
      super();
      w.__ports.push(this.port1);
    }
  };
}

/**
 * The e2e suites' view of the demo's merchant page, on top of
 * `@cardframe/testing`: the kit's HostWatch records everything the host
 * handles (and its `secretPattern` finds card data in it, base64- and
 * URL-encoded forms included); this adds the demo, the page's frames by
 * their demo ids, and the console of every frame, card frames included.
 */
export class HostPage {
  /** Console output of every frame on the page, the card frames' own included. */
  readonly console: string[] = [];
  readonly consoleErrors: string[] = [];
  readonly pageErrors: string[] = [];
  readonly page: Page;
  readonly demo: Demo;
  /** What the host page handled, from before it opened. */
  readonly watch: HostWatch;

  constructor(page: Page, demo: Demo, watch: HostWatch) {
    this.page = page;
    this.demo = demo;
    this.watch = watch;
    page.on('console', (message) => {
      this.console.push(message.text());
      if (message.type() === 'error') this.consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => this.pageErrors.push(error.message));
  }

  /** The card's frame, as the cardholder sees it. */
  get frame(): FrameLocator {
    return this.page.frameLocator('#card iframe');
  }

  /** The frame inside the cardframe element `selector` (through its shadow root). */
  frameIn(selector: string): FrameLocator {
    return this.page.locator(selector).locator('iframe').contentFrame();
  }

  async open(url = this.demo.merchantUrl): Promise<void> {
    await this.page.addInitScript(keepHostPorts);
    await this.page.goto(url);
    await this.settled();
  }

  /**
   * Waits until every cardframe iframe on the page has taken the height its
   * frame reported and held it. Frames size themselves after they load; a
   * click aimed while a frame above is still growing would land on the old
   * layout.
   */
  async settled(): Promise<void> {
    const heights = (): Promise<string> =>
      this.page.evaluate(() =>
        [...document.querySelectorAll('*')]
          .filter((el) => el.localName.startsWith('cardframe-') && el.shadowRoot?.querySelector('iframe'))
          .map((el) => el.shadowRoot!.querySelector('iframe')!.style.height)
          .join(','),
      );
    let previous = '';
    await expect
      .poll(async () => {
        const now = await heights();
        const stable = now === previous && !now.split(',').includes('');
        previous = now;
        return stable;
      }, { intervals: [100, 100, 200] })
      .toBe(true);
  }

  /** The PIN entry frame. */
  get pinFrame(): FrameLocator {
    return this.page.frameLocator('#pin iframe');
  }

  /**
   * Resolves with the next `cardframe-*` event of that name on an element
   * (default the card). Rejects, naming what came instead, if the element
   * fires `cardframe-error` first (unless that is the event awaited) or
   * nothing comes within 15 s.
   */
  nextEvent<T = unknown>(name: string, selector = '#card'): Promise<T> {
    return this.page.evaluate(
      ([eventName, target]) =>
        new Promise<T>((resolve, reject) => {
          const element = document.querySelector(target!)!;
          const timer = setTimeout(() => reject(new Error(`no ${eventName} on ${target} within 15 s`)), 15_000);
          element.addEventListener(eventName!, (event) => {
            clearTimeout(timer);
            resolve((event as CustomEvent<T>).detail);
          }, { once: true });
          if (eventName !== 'cardframe-error') {
            element.addEventListener('cardframe-error', (event) => {
              clearTimeout(timer);
              reject(new Error(`${target} fired cardframe-error ${JSON.stringify((event as CustomEvent).detail)} instead of ${eventName}`));
            }, { once: true });
          }
        }),
      [name, selector],
    );
  }

  /** Every `cardframe-*` event detail an element fired from now on, in order. */
  async recordEvents(selector: string, names: readonly string[]): Promise<() => Promise<{ name: string; detail: unknown }[]>> {
    await this.page.evaluate(
      ([target, list]) => {
        const log: { name: string; detail: unknown }[] = [];
        (window as unknown as Record<string, unknown>)[`__events${target}`] = log;
        for (const name of list as string[]) document.querySelector(target as string)!.addEventListener(name, (e) => log.push({ name, detail: (e as CustomEvent).detail }));
      },
      [selector, names] as const,
    );
    return () => this.page.evaluate((target) => (window as unknown as Record<string, { name: string; detail: unknown }[]>)[`__events${target}`]!, selector);
  }

  async fillPin(pin: string, confirm = pin): Promise<void> {
    await this.pinFrame.getByLabel('New PIN', { exact: true }).fill(pin);
    await this.pinFrame.getByLabel('Confirm new PIN').fill(confirm);
  }

  async pinInputs(): Promise<[string, string]> {
    return [await this.pinFrame.getByLabel('New PIN', { exact: true }).inputValue(), await this.pinFrame.getByLabel('Confirm new PIN').inputValue()];
  }

  async waitForReady(): Promise<void> {
    await expect(this.frame.getByRole('button', { name: /Reveal/ })).toBeEnabled();
  }

  /** Replaces the host's callback with one built in the page from `source` (a function expression). */
  async setFetchCardData(source: string): Promise<void> {
    await this.page.evaluate((code) => {
      const card = document.querySelector('#card') as HTMLElement & { fetchCardData: unknown };
      // eslint-disable-next-line no-new-func
      card.fetchCardData = new Function(`return (${code})`)();
    }, source);
  }

  async revealExpectingError(): Promise<ErrorInfo> {
    const error = this.nextEvent<ErrorInfo>('cardframe-error');
    await this.frame.getByRole('button', { name: /Reveal/ }).click();
    return error;
  }

  /** Everything the host page had so far, as text, by place (to check that traffic did pass through it). */
  observations(): Promise<Observation[]> {
    return this.watch.observations();
  }

  /**
   * Fails, naming the place, if the host page had any of `values` in any
   * form the kit's `secretPattern` knows (spaced, dashed, URL-encoded,
   * base64), or if any frame's console, the card frames' included, printed
   * one.
   */
  async expectNothingLeaked(values: readonly string[]): Promise<void> {
    await this.watch.expectNeverSaw(values);
    expectNoneIn('console', this.console, values);
  }
}

/** Fails, naming `where`, if any of `texts` holds one of `values` (matched by the kit's `secretPattern`). */
export function expectNoneIn(where: string, texts: readonly string[], values: readonly string[]): void {
  for (const pattern of values.map(secretPattern)) {
    expect(texts.some((text) => pattern.test(text)), `card data "${pattern.label}" seen in ${where}`).toBe(false);
  }
}

/**
 * Mounts a card for `frameUrl` on whatever page is open and resolves with its
 * first `cardframe-error` (a frame that never answers gives ERR_FRAME_TIMEOUT
 * after `readyTimeout`).
 */
export function mountExpectingError(page: Page, frameUrl: string, readyTimeout = 2000): Promise<unknown> {
  return page.evaluate(
    ([url, timeout]) =>
      new Promise<unknown>((resolve) => {
        const card = document.createElement('cardframe-card') as HTMLElement & { readyTimeout: number; frameUrl: string };
        card.readyTimeout = timeout as number;
        card.frameUrl = url as string;
        card.addEventListener('cardframe-error', (event) => resolve((event as CustomEvent).detail), { once: true });
        document.body.append(card);
      }),
    [frameUrl, readyTimeout] as const,
  );
}

/** URLs of the frame's OpenPGP chunk requested by the page from now on (it is loaded only for an OpenPGP issuer). */
export function pgpChunkRequests(host: HostPage): string[] {
  const urls: string[] = [];
  host.page.on('request', (request) => {
    if (/\/assets\/pgp-[\w-]+\.js$/.test(request.url())) urls.push(request.url());
  });
  return urls;
}

/**
 * The kit's `test` (its `cardframe` fixture watches the page from before it
 * opens) with the demo and its merchant page. A test runs on its worker's
 * demo (seed 001's plain flow) unless its spec sets `demoOptions`, which
 * starts a demo of its own for each test: options are test-scoped, so specs
 * with options of their own share the workers (a worker-scoped option would
 * give each such spec a new worker process and browser).
 */
export const test = kit.extend<{ host: HostPage; demo: Demo; demoOptions: DemoOptions | undefined }, { defaultDemo: Demo }>({
  demoOptions: [undefined, { option: true }],
  defaultDemo: [
    async ({}, use) => {
      // Seed 001's plain flow unless a spec asks for bound requests (e2e/binding/): the other
      // suites drive the frame without a passkey authenticator, and some act as the host itself.
      const demo = await startDemo({ binding: 'plain' });
      await use(demo);
      await demo.close();
    },
    { scope: 'worker' },
  ],
  demo: async ({ demoOptions, defaultDemo }, use) => {
    if (!demoOptions) {
      await use(defaultDemo);
      return;
    }
    // A spec's options (test.use) replace the default object whole, so the default binding is added here.
    const demo = await startDemo({ binding: 'plain', ...demoOptions });
    await use(demo);
    await demo.close();
  },
  host: async ({ page, demo, cardframe }, use) => {
    const host = new HostPage(page, demo, cardframe.host);
    await use(host);
    expect(host.pageErrors, 'uncaught exceptions on the host page').toEqual([]);
  },
});

export { expect };

/**
 * `url` with a `*.localhost` host name (the demo's frames) replaced by
 * 127.0.0.1, where their servers listen. Browsers resolve `*.localhost` to
 * loopback themselves; Node (Playwright's `request`, `route.fetch`) asks the
 * system resolver, which need not know the name.
 */
export function loopbackUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.hostname.endsWith('.localhost')) parsed.hostname = '127.0.0.1';
  return parsed.href;
}
