import type { Frame, Page, Request } from '@playwright/test';
import { snapshotDom, type DomText } from './dom-snapshot.ts';
import { installPageSpy, type MessageRecord } from './page-spy.ts';
import { secretPattern, type SecretPattern } from './values.ts';

/** Where the host page had a value: `host DOM: #debug textContent`, `console.log`, `network response GET /api/card body`. */
export interface Sighting {
  /** The value, masked (`42…4242`). */
  readonly value: string;
  readonly where: string;
}

/** Thrown by `expectHostNeverSaw` when the host page had a value it should not have. */
export class HostSawSecretError extends Error {
  readonly sightings: readonly Sighting[];

  constructor(sightings: readonly Sighting[]) {
    super(`The host page saw card data it must never see:\n${sightings.map((s) => `  - "${s.value}" in ${s.where}`).join('\n')}`);
    this.name = 'HostSawSecretError';
    this.sightings = sightings;
  }
}

/** Thrown when part of what the host received could not be read, so a check would be incomplete. */
export class IncompleteObservationError extends Error {
  constructor(gaps: readonly string[]) {
    super(`Could not check everything the host page received, so no claim is made:\n${gaps.map((gap) => `  - ${gap}`).join('\n')}`);
    this.name = 'IncompleteObservationError';
  }
}

/** One thing the host page had, as text: `where` names the place as a sighting would. */
export interface Observation {
  readonly where: string;
  readonly text: string;
}

export interface ExpectHostNeverSawOptions {
  /** How long to wait for responses still loading and bodies still being read (default 5000 ms). */
  readonly timeout?: number;
}

interface Observed {
  readonly where: string;
  readonly text: string;
  readonly at?: string;
  readonly spans?: boolean;
}

export const SPY_BINDING = '__cardframeTestingRecord';
export const SPY_API = '@cardframe/testing';
/** Events the page records from the start, so helpers can wait for one that already fired. */
export const RECORDED_EVENTS = ['cardframe-ready', 'cardframe-reveal', 'cardframe-hide', 'cardframe-error', 'cardframe-change', 'cardframe-submit', 'cardframe-copy'] as const;

const watches = new WeakMap<Page, Promise<HostWatch>>();

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'null';
  }
}

// Long digit runs in a place's name (a URL, a storage key) are blanked so the message itself leaks nothing.
function redact(text: string): string {
  return text.replace(/\d(?:[\d\s.\-_+]|%[0-9A-Fa-f]{2}){6,}\d/g, (run) => (run.replace(/%[0-9A-Fa-f]{2}/g, '').replace(/\D/g, '').length >= 8 ? '…' : run));
}

/**
 * Everything the host page handles, recorded from before its first script:
 * messages to its window and on the ports it creates, requests and
 * responses its frames make (URLs, headers, bodies), console output,
 * uncaught errors and websocket frames; its DOM (open shadow roots,
 * attributes, form values), URL, storage and cookies are read at check
 * time. The card frames' own traffic, console and DOM are theirs, not the
 * host's, and are left out.
 */
export class HostWatch {
  readonly page: Page;
  readonly #observed: Observed[] = [];
  readonly #reads = new Set<Promise<void>>();
  readonly #unfinished = new Map<Request, string>();
  readonly #gaps: string[] = [];

  private constructor(page: Page) {
    this.page = page;
  }

  /** Starts watching `page`; call before it opens the host page. Watching the same page twice returns the same watch. */
  static attach(page: Page): Promise<HostWatch> {
    let watch = watches.get(page);
    if (!watch) {
      watch = new HostWatch(page).#start();
      watches.set(page, watch);
    }
    return watch;
  }

  async #start(): Promise<this> {
    const page = this.page;
    await page.exposeBinding(SPY_BINDING, ({ frame }, record: MessageRecord) => {
      const from = record.origin ? ` from ${record.origin}` : '';
      const suffix = record.kind === 'MessagePort postMessage' ? ' (sent by the host)' : from;
      this.#observed.push({ where: `${this.#framePrefix(frame)}${record.kind}${suffix}`, text: record.text });
    });
    await page.addInitScript(installPageSpy, { binding: SPY_BINDING, api: SPY_API, events: [...RECORDED_EVENTS] });

    page.on('request', (request) => {
      if (!this.#isHostRequest(request)) return;
      const name = this.#requestName(request);
      this.#unfinished.set(request, name);
      this.#observed.push({ where: `network request ${name} URL`, text: request.url() });
      for (const [header, value] of Object.entries(request.headers())) this.#observed.push({ where: `network request ${name} header ${header}`, text: value });
      const body = request.postDataBuffer();
      if (body) this.#observed.push({ where: `network request ${name} body`, text: body.toString('utf8') });
    });
    page.on('requestfailed', (request) => void this.#unfinished.delete(request));
    page.on('requestfinished', (request) => {
      const name = this.#unfinished.get(request);
      if (name === undefined) return;
      this.#track(
        (async () => {
          const response = await request.response();
          if (!response) return;
          for (const [header, value] of Object.entries(response.headers())) this.#observed.push({ where: `network response ${name} header ${header}`, text: value });
          const status = response.status();
          // Redirects, 204 and 304 carry no body the page could read.
          if ((status >= 300 && status < 400) || status === 204) return;
          try {
            this.#observed.push({ where: `network response ${name} body`, text: (await response.body()).toString('utf8') });
          } catch {
            this.#gaps.push(`network response ${name}: its body could not be read`);
          }
        })().finally(() => this.#unfinished.delete(request)),
      );
    });
    page.on('console', (message) => {
      const url = message.location().url;
      if (url && this.#isCardFrameOrigin(originOf(url))) return;
      const type = message.type() === 'warning' ? 'warn' : message.type();
      const where = `console.${type}`;
      this.#observed.push({ where, text: message.text() });
      // The text shows objects as short previews; their full values are read too.
      this.#track(
        Promise.all(message.args().map((arg) => arg.jsonValue().then((value: unknown) => JSON.stringify(value) ?? '', () => ''))).then((values) => {
          for (const value of values) if (value) this.#observed.push({ where, text: value });
        }),
      );
    });
    page.on('pageerror', (error) => this.#observed.push({ where: 'uncaught exception', text: `${error.message}\n${error.stack ?? ''}` }));
    page.on('websocket', (socket) => {
      const name = redact(socket.url());
      socket.on('framesent', ({ payload }) => this.#observed.push({ where: `websocket ${name} sent`, text: payload.toString() }));
      socket.on('framereceived', ({ payload }) => this.#observed.push({ where: `websocket ${name} received`, text: payload.toString() }));
    });
    return this;
  }

  #track(read: Promise<void>): void {
    const settled = read.catch(() => {});
    this.#reads.add(settled);
    void settled.finally(() => this.#reads.delete(settled));
  }

  #hostOrigin(): string {
    return originOf(this.page.mainFrame().url());
  }

  /** A frame belongs to the host when it is the top frame or on its origin (about:blank children inherit it). */
  #isHostFrame(frame: Frame): boolean {
    for (let f: Frame | null = frame; f; f = f.parentFrame()) {
      if (f === this.page.mainFrame()) return true;
      const url = f.url();
      if (url === '' || url.startsWith('about:')) continue;
      return originOf(url) === this.#hostOrigin();
    }
    return false;
  }

  #isHostRequest(request: Request): boolean {
    let frame: Frame;
    try {
      frame = request.frame();
    } catch {
      return false; // a service worker's own request
    }
    // A child frame's document request is the host's only when it loads from the host's origin.
    if (request.isNavigationRequest() && frame !== this.page.mainFrame()) return originOf(request.url()) === this.#hostOrigin();
    return this.#isHostFrame(frame);
  }

  #isCardFrameOrigin(origin: string): boolean {
    return origin !== this.#hostOrigin() && this.page.frames().some((frame) => !this.#isHostFrame(frame) && originOf(frame.url()) === origin);
  }

  #requestName(request: Request): string {
    const url = new URL(request.url());
    const shown = url.origin === this.#hostOrigin() ? `${url.pathname}${url.search}` : `${url.origin}${url.pathname}${url.search}`;
    return `${request.method()} ${redact(shown)}`;
  }

  #framePrefix(frame: Frame): string {
    return frame === this.page.mainFrame() ? '' : `iframe ${redact(frame.url())}: `;
  }

  /** Waits for bodies being read and requests still loading, then reads the DOM, storage and cookies. */
  async #snapshot(timeout: number): Promise<Observed[]> {
    const deadline = Date.now() + timeout;
    while ((this.#unfinished.size > 0 || this.#reads.size > 0) && Date.now() < deadline) {
      await Promise.race([Promise.all([...this.#reads]), new Promise((resolve) => setTimeout(resolve, 50))]);
    }
    const gaps = [...this.#gaps, ...[...this.#unfinished.values()].map((name) => `network response ${name}: still loading after ${timeout} ms`)];
    if (gaps.length > 0) throw new IncompleteObservationError(gaps);
    const observed = [...this.#observed];
    for (const frame of this.page.frames()) {
      if (!this.#isHostFrame(frame)) continue;
      const prefix = frame === this.page.mainFrame() ? 'host ' : `host iframe ${redact(frame.url())} `;
      let texts: DomText[];
      try {
        texts = await frame.evaluate(snapshotDom);
      } catch (error) {
        if (frame.isDetached()) continue;
        throw new IncompleteObservationError([`${prefix}DOM could not be read: ${(error as Error).message}`]);
      }
      for (const text of texts) {
        const { outside, ...entry } = text;
        observed.push({ ...entry, where: redact(outside ? `${prefix}${text.where}` : `${prefix}DOM: ${text.where}`) });
      }
    }
    for (const cookie of await this.page.context().cookies(this.page.mainFrame().url())) {
      observed.push({ where: `host cookie ${redact(cookie.name)}`, text: `${cookie.name}=${cookie.value}` });
    }
    return observed;
  }

  /** Every place the host page had one of `values`; empty when it had none. */
  async sightings(values: readonly string[], options: ExpectHostNeverSawOptions = {}): Promise<Sighting[]> {
    const patterns: SecretPattern[] = values.map(secretPattern);
    const observed = await this.#snapshot(options.timeout ?? 5000);
    const found: Sighting[] = [];
    for (const pattern of patterns) {
      const hits = observed.filter((entry) => pattern.test(entry.text));
      // An element's whole text only counts where no element inside it already had the value.
      const named = hits.filter((hit) => !hit.spans || !hits.some((other) => other !== hit && other.at !== undefined && (other.at === hit.at || other.at.startsWith(`${hit.at} `))));
      for (const where of new Set(named.map((hit) => hit.where))) found.push({ value: pattern.label, where });
    }
    return found;
  }

  /**
   * Everything the host page had so far, as text, by place. For checking
   * that the traffic a test relies on did pass through the host (the
   * frame's events, the issuer's ciphertext), so that no sighting means
   * something.
   */
  async observations(options: ExpectHostNeverSawOptions = {}): Promise<Observation[]> {
    return (await this.#snapshot(options.timeout ?? 5000)).map(({ where, text }) => ({ where, text }));
  }

  /**
   * Fails, naming each place, if the host page had any of `values` in any
   * common formatting: its DOM, messages, network, console, storage.
   * Ciphertext passing through the host is fine; only plaintext counts.
   */
  async expectNeverSaw(values: readonly string[], options: ExpectHostNeverSawOptions = {}): Promise<void> {
    const found = await this.sightings(values, options);
    if (found.length > 0) throw new HostSawSecretError(found);
  }
}
