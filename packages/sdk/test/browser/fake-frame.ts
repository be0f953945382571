// A stand-in for the frame, for host-side tests: the test server's
// `/__blank__` page is same-origin, so a test can take the port the element
// hands it and answer as a frame would. Not a test file itself.
import type { ConfigureParams, FieldName } from '@cardframe/protocol';

export const BLANK = `${location.origin}/__blank__`;

/** The element's iframe, once it exists. */
export async function iframeOf(el: Element, timeoutMs = 2000): Promise<HTMLIFrameElement> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const iframe = el.shadowRoot?.querySelector('iframe');
    if (iframe) return iframe;
    if (Date.now() > until) throw new Error(`${el.localName} rendered no iframe`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Resolves once the iframe shows the loaded `/__blank__` page. */
export async function loaded(iframe: HTMLIFrameElement, timeoutMs = 5000): Promise<Window> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const win = iframe.contentWindow;
    try {
      if (win && win.location.href === iframe.src && win.document.readyState === 'complete') return win;
    } catch {
      // Not same-origin yet (about:blank during navigation): keep waiting.
    }
    if (Date.now() > until) throw new Error('the iframe did not load /__blank__');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export interface FakeFrame {
  /** The params of the first `configure` the element sent. */
  readonly configured: Promise<ConfigureParams>;
  /** The params of every `configure` received so far, in order. */
  readonly configures: ConfigureParams[];
  /** The methods of every request received so far, in order. */
  readonly methods: string[];
  /** Sends `ready` with these fields, as a frame does after a successful configure. */
  ready(fields: readonly FieldName[]): void;
  /** Sends any event, e.g. `{ event: 'reveal', detail: { fields: ['pan'] } }`. */
  emit(event: string, detail: unknown): void;
  /** Sends a request to the host, as the frame does, and resolves with the host's reply. */
  request(method: string, params: unknown): Promise<{ ok: boolean; result?: { body: unknown }; error?: { code: string } }>;
}

/**
 * Takes over the element's connection: waits for the real load, listens on
 * the page, then replays `load` so the element connects again to this fake.
 * Every request is acknowledged with an empty ok reply. Should the real
 * `load` still arrive afterwards, the fake takes that connection instead.
 * `readyTimeout`, if given, is set on the element just before the replayed
 * `load`: a test can give the real load all the time it needs on a busy
 * machine and still time the frame's silence after connecting.
 */
export async function connectFake(el: Element, options: { readyTimeout?: number } = {}): Promise<FakeFrame> {
  const iframe = await iframeOf(el);
  const win = await loaded(iframe);
  // The iframe's own load event follows the document's completion: let it pass first.
  await Promise.race([new Promise((resolve) => iframe.addEventListener('load', resolve, { once: true })), new Promise((resolve) => setTimeout(resolve, 100))]);
  let port: MessagePort | undefined;
  const methods: string[] = [];
  const configures: ConfigureParams[] = [];
  const replies = new Map<string, (reply: { ok: boolean; result?: { body: unknown }; error?: { code: string } }) => void>();
  let nextId = 0;
  let onConfigure: (params: ConfigureParams) => void = () => {};
  const configured = new Promise<ConfigureParams>((resolve) => (onConfigure = resolve));
  const connected = new Promise<void>((resolve) => {
    win.addEventListener('message', (event) => {
      const next = event.ports[0];
      if (!next) return;
      port?.close();
      port = next;
      methods.length = 0;
      configures.length = 0;
      next.onmessage = (message: MessageEvent) => {
        const data = message.data as { kind: string; id: string; method: string; params: ConfigureParams; ok: boolean };
        if (data.kind === 'reply') replies.get(data.id)?.(data);
        if (data.kind !== 'request') return;
        methods.push(data.method);
        next.postMessage({ v: 1, kind: 'reply', id: data.id, ok: true, result: {} });
        if (data.method !== 'configure') return;
        configures.push(data.params);
        onConfigure(data.params);
      };
      resolve();
    });
  });
  if (options.readyTimeout !== undefined) (el as Element & { readyTimeout: number }).readyTimeout = options.readyTimeout;
  iframe.dispatchEvent(new Event('load'));
  await connected;
  return {
    configured,
    configures,
    methods,
    ready: (fields) => port!.postMessage({ v: 1, kind: 'event', event: 'ready', detail: { fields } }),
    emit: (event, detail) => port!.postMessage({ v: 1, kind: 'event', event, detail }),
    request: (method, params) =>
      new Promise((resolve) => {
        const id = `f${++nextId}`;
        replies.set(id, resolve);
        port!.postMessage({ v: 1, kind: 'request', id, method, params });
      }),
  };
}

/**
 * Connects to the element as a frame that refuses its configure with `code`,
 * as a frame does when it cannot load what it needs; with `height`, it first
 * reports that height, as a frame reports its page.
 */
export async function connectRefusing(el: Element, code: string, options: { height?: number } = {}): Promise<void> {
  const iframe = await iframeOf(el);
  const win = await loaded(iframe);
  await new Promise<void>((resolve) => {
    win.addEventListener('message', (event) => {
      const port = event.ports[0];
      if (!port) return;
      port.onmessage = ({ data }: MessageEvent<{ kind: string; id: string; method: string }>) => {
        if (data.kind !== 'request' || data.method !== 'configure') return;
        if (options.height !== undefined) port.postMessage({ v: 1, kind: 'event', event: 'resize', detail: { height: options.height } });
        port.postMessage({ v: 1, kind: 'reply', id: data.id, ok: false, error: { code, message: 'refused' } });
      };
      resolve();
    });
    iframe.dispatchEvent(new Event('load'));
  });
}

/** The `code` `promise` rejects with, or `'resolved'` when it resolves. */
export async function rejectionCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code !== 'string') throw error;
    return code;
  }
  return 'resolved';
}
