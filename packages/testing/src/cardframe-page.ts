import type { FrameLocator, Locator, Page } from '@playwright/test';
import type { CardframeEventDetails, ErrorInfo } from '@cardframe/sdk';
import { HostWatch, SPY_API, type ExpectHostNeverSawOptions } from './host-watch.ts';
import type { EventRecord, PageSpyApi } from './page-spy.ts';
import { TEST_IDS } from '@cardframe/frame/test-ids';

/** Every cardframe element keeps its iframe in its shadow root under this part name. */
export const FRAME_SELECTOR = 'iframe[part=frame]';

/** The `data-testid`s a frame in test mode carries (the frame config's `"testMode": true`). */
export { TEST_IDS };

/** Prefix of a value's test id: `cardframe-value-pan`. */
export const VALUE_TEST_ID_PREFIX = 'cardframe-value-';

/** Time limits for the kit's helpers (milliseconds). */
export interface WaitOptions {
  /** Default 15000, the SDK's own ready timeout. */
  readonly timeout?: number;
}

/** What the frame shows, field by field, as the cardholder reads it: `{ pan: '4242 4242 4242 4242', cvc: '•••' }`. */
export type ShownValues = Readonly<Record<string, string>>;

/** A cardframe element fired `cardframe-error` where the helper expected something else. */
export class CardframeEventError extends Error {
  readonly code: string;
  readonly detail: ErrorInfo;

  constructor(selector: string, expected: string, detail: ErrorInfo) {
    super(`${selector} fired cardframe-error ${detail.code}${detail.status === undefined ? '' : ` (status ${detail.status})`} instead of ${expected}: ${detail.message}`);
    this.name = 'CardframeEventError';
    this.code = detail.code;
    this.detail = detail;
  }
}

const DEFAULT_TIMEOUT = 15_000;
const NOT_ATTACHED = 'the cardframe test kit is not watching this page: use the `cardframe` fixture, or `await CardframePage.attach(page)` before the page opens';

/** The iframes of every cardframe element matching `selector` (a group's too): element → shadow root → `iframe[part=frame]`. */
export function cardframeFrames(page: Page, selector: string): Locator {
  return page.locator(selector).locator(FRAME_SELECTOR);
}

/** The one frame of the cardframe element matching `selector`, to locate things inside it. */
export function cardframeFrame(page: Page, selector: string): FrameLocator {
  return cardframeFrames(page, selector).contentFrame();
}

interface OwnerStatus {
  readonly owner: string;
  readonly status: 'ready' | 'error' | 'pending';
  readonly detail: unknown;
  readonly height: string;
}

/**
 * Drives cardframe elements on a host page the way a cardholder would —
 * clicks and keystrokes inside the frames, found by their test-mode ids —
 * and waits for the element's `cardframe-*` event that says it worked.
 * Elements are addressed by a CSS selector for the host element
 * (`#card`, `cardframe-pan`, `cardframe-group >> nth=0`); its frame is
 * found in its shadow root.
 */
export class CardframePage {
  readonly page: Page;
  /** What the host page handles, for `expectHostNeverSaw`. */
  readonly host: HostWatch;

  private constructor(page: Page, host: HostWatch) {
    this.page = page;
    this.host = host;
  }

  /** Starts watching `page`. Call it before the page opens the host (the fixture does). */
  static async attach(page: Page): Promise<CardframePage> {
    return new CardframePage(page, await HostWatch.attach(page));
  }

  /** The iframes of the cardframe element(s) matching `selector`. */
  frames(selector: string): Locator {
    return cardframeFrames(this.page, selector);
  }

  /** The frame of the one cardframe element matching `selector`. */
  frame(selector: string): FrameLocator {
    return cardframeFrame(this.page, selector);
  }

  /**
   * Resolves once every cardframe element matching `selector` (or inside
   * it) has fired `cardframe-ready` and its iframe has taken its final
   * height; a click aimed while a frame is still growing lands on the old
   * layout. Rejects with the element's error if it fired `cardframe-error`.
   */
  async waitForReady(selector: string, options: WaitOptions = {}): Promise<void> {
    const timeout = options.timeout ?? DEFAULT_TIMEOUT;
    const deadline = Date.now() + timeout;
    let previous = '';
    for (;;) {
      const statuses = await this.#statuses(selector);
      const failed = statuses.find((s) => s.status === 'error');
      if (failed) throw new CardframeEventError(failed.owner, 'cardframe-ready', failed.detail as ErrorInfo);
      const heights = statuses.map((s) => s.height).join(',');
      const ready = statuses.length > 0 && statuses.every((s) => s.status === 'ready' && s.height !== '');
      if (ready && heights === previous) return;
      previous = ready ? heights : '';
      if (Date.now() > deadline) {
        const waiting = statuses.filter((s) => s.status !== 'ready').map((s) => s.owner);
        throw new Error(
          statuses.length === 0
            ? `no cardframe element with a frame matches ${selector} after ${timeout} ms`
            : waiting.length > 0
              ? `${waiting.join(', ')} did not become ready within ${timeout} ms`
              : `the frames of ${selector} did not settle their height within ${timeout} ms`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Presses Reveal in the frame and resolves with the `cardframe-reveal` detail once the values are shown. */
  async reveal(selector: string, options: WaitOptions = {}): Promise<CardframeEventDetails['cardframe-reveal']> {
    return (await this.#act(selector, TEST_IDS.reveal, 'cardframe-reveal', options)) as CardframeEventDetails['cardframe-reveal'];
  }

  /** Presses Hide in the frame and resolves with the `cardframe-hide` detail once the values are masked again. */
  async hide(selector: string, options: WaitOptions = {}): Promise<CardframeEventDetails['cardframe-hide']> {
    return (await this.#act(selector, TEST_IDS.hide, 'cardframe-hide', options)) as CardframeEventDetails['cardframe-hide'];
  }

  /** Presses the copy button in the frame and resolves with the element's `cardframe-copy` detail. */
  async copy(selector: string, options: WaitOptions = {}): Promise<unknown> {
    return this.#act(selector, TEST_IDS.copy, 'cardframe-copy', options);
  }

  /** Types a new PIN and its confirmation (the same, unless given) into the frame's PIN entry. */
  async enterPin(selector: string, pin: string, confirm: string = pin, options: WaitOptions = {}): Promise<void> {
    await this.waitForReady(selector, options);
    await (await this.#control(selector, TEST_IDS.pinNew)).fill(pin);
    await (await this.#control(selector, TEST_IDS.pinConfirm)).fill(confirm);
  }

  /** Presses Set PIN and resolves with the `cardframe-submit` detail once the issuer answered. */
  async submitPin(selector: string, options: WaitOptions = {}): Promise<CardframeEventDetails['cardframe-submit']> {
    return (await this.#act(selector, TEST_IDS.pinSubmit, 'cardframe-submit', options)) as CardframeEventDetails['cardframe-submit'];
  }

  /** Enters a PIN and submits it. */
  async setPin(selector: string, pin: string, options: WaitOptions = {}): Promise<CardframeEventDetails['cardframe-submit']> {
    await this.enterPin(selector, pin, pin, options);
    return this.submitPin(selector, options);
  }

  /**
   * The values the frame(s) of `selector` show right now, as the cardholder
   * reads them (rendered text of visible values; masked ones as their dots).
   */
  async read(selector: string, options: WaitOptions = {}): Promise<ShownValues> {
    await this.waitForReady(selector, options);
    const shown: Record<string, string> = {};
    let tagged = false;
    const frames = this.frames(selector);
    for (let i = 0, n = await frames.count(); i < n; i++) {
      const frame = frames.nth(i).contentFrame();
      if ((await frame.locator('[data-testid^="cardframe-"]').count()) > 0) tagged = true;
      const values = frame.locator(`[data-testid^="${VALUE_TEST_ID_PREFIX}"]`);
      for (let j = 0, m = await values.count(); j < m; j++) {
        const value = values.nth(j);
        if (!(await value.isVisible())) continue;
        const field = (await value.getAttribute('data-testid'))!.slice(VALUE_TEST_ID_PREFIX.length);
        shown[field] = (await value.innerText()).trim();
      }
    }
    if (!tagged) throw new Error(this.#notTestMode(selector));
    return shown;
  }

  /** The frame's error line as the cardholder reads it, or '' when it shows none. */
  async errorText(selector: string, options: WaitOptions = {}): Promise<string> {
    const lines: string[] = [];
    const frames = this.frames(selector);
    await frames.first().waitFor({ timeout: options.timeout ?? DEFAULT_TIMEOUT });
    for (let i = 0, n = await frames.count(); i < n; i++) {
      const errors = frames.nth(i).contentFrame().locator(`[data-testid="${TEST_IDS.error}"], [data-testid="${TEST_IDS.pinError}"]`);
      for (let j = 0, m = await errors.count(); j < m; j++) {
        if (await errors.nth(j).isVisible()) lines.push((await errors.nth(j).innerText()).trim());
      }
    }
    return lines.filter(Boolean).join('\n');
  }

  /**
   * Resolves with the detail of the next `name` event the element matching
   * `selector` (or anything inside it) fires after `action` runs.
   */
  async waitForEvent(selector: string, name: string, action: () => Promise<unknown>, options: WaitOptions = {}): Promise<unknown> {
    const element = this.page.locator(selector);
    const after = await this.#seq(element);
    await action();
    return this.#next(selector, element, name, after, options.timeout ?? DEFAULT_TIMEOUT);
  }

  /**
   * Fails, naming each place, if the host page had any of `values` (a PAN
   * in any common formatting, a CVC, a PIN): its DOM, window and port
   * messages, network, console, storage. See `HostWatch`.
   */
  async expectHostNeverSaw(values: readonly string[], options: ExpectHostNeverSawOptions = {}): Promise<void> {
    await this.host.expectNeverSaw(values, options);
  }

  async #act(selector: string, testId: string, expected: string, options: WaitOptions): Promise<unknown> {
    const timeout = options.timeout ?? DEFAULT_TIMEOUT;
    await this.waitForReady(selector, { timeout });
    const control = await this.#control(selector, testId);
    const element = this.page.locator(selector);
    const after = await this.#seq(element);
    await control.click({ timeout });
    return this.#next(selector, element, expected, after, timeout);
  }

  async #next(selector: string, element: Locator, expected: string, after: number, timeout: number): Promise<unknown> {
    const event = await element.evaluate(
      (el, { key, names, since, ms }) => {
        const api = (window as unknown as Record<symbol, PageSpyApi | undefined>)[Symbol.for(key)];
        return api ? api.next(el, names, since, ms) : Promise.resolve<EventRecord | null | 'missing'>('missing');
      },
      { key: SPY_API, names: [expected, 'cardframe-error'], since: after, ms: timeout },
    );
    if (event === 'missing') throw new Error(NOT_ATTACHED);
    if (event === null) throw new Error(`${selector} fired no ${expected} within ${timeout} ms`);
    if (event.name === 'cardframe-error' && expected !== 'cardframe-error') throw new CardframeEventError(selector, expected, event.detail as ErrorInfo);
    return event.detail;
  }

  async #seq(element: Locator): Promise<number> {
    const seq = await element.evaluate((_, key) => (window as unknown as Record<symbol, PageSpyApi | undefined>)[Symbol.for(key)]?.seq() ?? -1, SPY_API);
    if (seq < 0) throw new Error(NOT_ATTACHED);
    return seq;
  }

  /** The one control with that test id among the frames of `selector`. */
  async #control(selector: string, testId: string): Promise<Locator> {
    const frames = this.frames(selector);
    const found: Locator[] = [];
    for (let i = 0, n = await frames.count(); i < n; i++) {
      const control = frames.nth(i).contentFrame().locator(`[data-testid="${testId}"]`);
      if ((await control.count()) > 0) found.push(control);
    }
    if (found.length === 1) return found[0]!;
    if (found.length === 0) throw new Error(`no [data-testid="${testId}"] in the frame(s) of ${selector}. ${this.#notTestMode(selector)}`);
    throw new Error(`${found.length} frames of ${selector} have a [data-testid="${testId}"]; address one element with a narrower selector`);
  }

  #notTestMode(selector: string): string {
    return `The frame(s) of ${selector} carry no cardframe test ids: is the frame deployed with "testMode": true in its cardframe.config.json?`;
  }

  /** Ready state and iframe height of each cardframe element at or inside the matches of `selector`. */
  #statuses(selector: string): Promise<OwnerStatus[]> {
    return this.page.locator(selector).evaluateAll(
      (elements, { key, frameSelector }) => {
        const api = (window as unknown as Record<symbol, PageSpyApi | undefined>)[Symbol.for(key)];
        if (!api) return 'missing' as const;
        const iframes: HTMLIFrameElement[] = [];
        const collect = (root: Element | ShadowRoot): void => {
          if (root instanceof Element && root.shadowRoot) collect(root.shadowRoot);
          for (const child of root.querySelectorAll('*')) {
            if (child.matches(frameSelector) && child.getRootNode() instanceof ShadowRoot) iframes.push(child as HTMLIFrameElement);
            if (child.shadowRoot) collect(child.shadowRoot);
          }
        };
        for (const element of elements) collect(element);
        return [...new Set(iframes)].map((iframe) => {
          const owner = (iframe.getRootNode() as ShadowRoot).host;
          // Once ready, a later error (a failed reveal) leaves the element usable: it can retry.
          const events = api.events(owner, 0);
          const ready = events.some((e) => e.name === 'cardframe-ready');
          const error = events.find((e) => e.name === 'cardframe-error');
          return {
            owner: owner.id ? `#${owner.id}` : owner.localName,
            status: ready ? ('ready' as const) : error ? ('error' as const) : ('pending' as const),
            detail: error?.detail ?? null,
            height: iframe.style.height,
          };
        });
      },
      { key: SPY_API, frameSelector: FRAME_SELECTOR },
    ).then((result) => {
      if (result === 'missing') throw new Error(NOT_ATTACHED);
      return result;
    });
  }
}
