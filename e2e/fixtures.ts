import { test as base, expect, type FrameLocator, type Page } from '@playwright/test';
import { startDemo, type Demo, type DemoOptions } from '@cardframe/demo';
import type { ErrorInfo } from '@cardframe/protocol';

/** What the host page could have seen: its DOM (with shadow roots), messages, response bodies, console. */
export interface HostObservations {
  dom: string;
  messages: string[];
  /** Bodies of requests the host page sent and responses it received. */
  responses: string[];
  console: string[];
}

/**
 * Runs in the host page before any of its scripts: records every message the
 * host window and any MessagePort it owns receive, and keeps the ports the
 * page creates so a test can act as a hostile host on the SDK's channel.
 */
function spyOnHostMessages(): void {
  const w = window as unknown as { __seen: string[]; __ports: MessagePort[] };
  w.__seen = [];
  w.__ports = [];
  const record = (data: unknown): void => {
    try {
      w.__seen.push(JSON.stringify(data) ?? String(data));
    } catch {
      w.__seen.push(String(data));
    }
  };
  window.addEventListener('message', (event) => record(event.data), true);
  const setter = Object.getOwnPropertyDescriptor(MessagePort.prototype, 'onmessage')!.set!;
  Object.defineProperty(MessagePort.prototype, 'onmessage', {
    configurable: true,
    set(handler: ((event: MessageEvent) => void) | null) {
      setter.call(this, handler && ((event: MessageEvent) => {
        record(event.data);
        handler.call(this, event);
      }));
    },
  });
  const Original = MessageChannel;
  window.MessageChannel = class extends Original {
    constructor() {
      super();
      w.__ports.push(this.port1);
    }
  };
}

export class HostPage {
  readonly responses: string[] = [];
  readonly console: string[] = [];
  readonly consoleErrors: string[] = [];
  readonly pageErrors: string[] = [];
  /** Body reads in flight; each settles to undefined or to why it failed, never rejects. */
  readonly #pending: Promise<Error | undefined>[] = [];
  readonly page: Page;
  readonly demo: Demo;

  constructor(page: Page, demo: Demo) {
    this.page = page;
    this.demo = demo;
    page.on('request', (request) => {
      if (request.frame() !== page.mainFrame()) return;
      const body = request.postData();
      if (body) this.responses.push(body);
    });
    page.on('response', (response) => {
      if (response.frame() !== page.mainFrame()) return;
      const url = response.url();
      // A body the page never reads may never finish loading; the leak check must not skip it silently.
      const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`could not read the response body of ${url}`)), 5000).unref());
      this.#pending.push(
        Promise.race([response.text().then((text) => void this.responses.push(text)), timeout]).then(
          () => undefined,
          (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
        ),
      );
    });
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
    await this.page.addInitScript(spyOnHostMessages);
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

  async observe(): Promise<HostObservations> {
    // Responses that failed at the network level have no body; a body that never arrived is a gap in what we checked.
    const unread = (await Promise.all(this.#pending)).find((error) => error?.message.startsWith('could not read'));
    if (unread) throw unread;
    const dom = await this.page.evaluate(() => {
      const parts: string[] = [];
      const walk = (root: Document | ShadowRoot): void => {
        for (const element of root.querySelectorAll('*')) {
          for (const attr of element.attributes) parts.push(attr.value);
          if (element.shadowRoot) {
            parts.push(element.shadowRoot.innerHTML);
            walk(element.shadowRoot);
          }
        }
      };
      parts.push(document.documentElement.outerHTML);
      walk(document);
      const input = [...document.querySelectorAll('input, textarea')].map((el) => (el as HTMLInputElement).value);
      return [...parts, ...input].join('\n');
    });
    const messages = await this.page.evaluate(() => (window as unknown as { __seen: string[] }).__seen);
    return { dom, messages, responses: [...this.responses], console: [...this.console] };
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

/** Matches a digit string with any spacing or separators between its digits, as a standalone token. */
export function anySpacing(digits: string): RegExp {
  return new RegExp(`(?<![0-9A-Za-z+/])${digits.split('').join('[\\s.\\-_]*')}(?![0-9A-Za-z+/=])`);
}

/** Asserts none of the host's observations contains any of `values`, naming where one was seen. */
export function expectNothingLeaked(observed: HostObservations, values: readonly string[]): void {
  for (const value of values) {
    const pattern = anySpacing(value);
    for (const [where, texts] of Object.entries({ dom: [observed.dom], messages: observed.messages, responses: observed.responses, console: observed.console })) {
      const hit = texts.find((text) => pattern.test(text));
      expect(hit === undefined, `card data "${value.slice(0, 2)}…" seen in host ${where}`).toBe(true);
    }
  }
}

export const test = base.extend<{ host: HostPage }, { demo: Demo; demoOptions: DemoOptions }>({
  demoOptions: [{}, { option: true, scope: 'worker' }],
  demo: [
    async ({ demoOptions }, use) => {
      const demo = await startDemo(demoOptions);
      await use(demo);
      await demo.close();
    },
    { scope: 'worker' },
  ],
  host: async ({ page, demo }, use) => {
    const host = new HostPage(page, demo);
    await use(host);
    expect(host.pageErrors, 'uncaught exceptions on the host page').toEqual([]);
  },
});

export { expect };
