/**
 * The part of the kit that runs inside the host page, installed before any of
 * the page's own scripts. It only watches: it records what the host window
 * and the MessagePorts it owns receive or send, and the `cardframe-*` events
 * elements fire, so helpers can wait for an event that already happened.
 * Playwright serialises `installPageSpy` into the page, so it must not use
 * anything outside its own body.
 */

/** A message the host handled, as text. */
export interface MessageRecord {
  readonly kind: 'window message' | 'MessagePort message' | 'MessagePort postMessage';
  /** `event.origin` for window messages, '' otherwise. */
  readonly origin: string;
  readonly text: string;
}

/** One `cardframe-*` event as the page recorded it. */
export interface EventRecord {
  readonly seq: number;
  readonly name: string;
  readonly detail: unknown;
}

/** What the spy offers the kit's helpers inside the page. */
export interface PageSpyApi {
  /** Number of the last event recorded so far. */
  seq(): number;
  /** Starts recording events of that name (from now on) if it was not already. */
  listen(name: string): void;
  /** Events fired by `element` or anything inside it (shadow roots included), after `after`. */
  events(element: Element, after: number): EventRecord[];
  /**
   * Resolves with the first event named in `names` fired by `element` (or
   * inside it) after `after`, or null after `timeoutMs`.
   */
  next(element: Element, names: readonly string[], after: number, timeoutMs: number): Promise<EventRecord | null>;
}

export interface PageSpyNames {
  /** The Playwright binding that carries message records to the test. */
  readonly binding: string;
  /** `Symbol.for(api)` is where the page keeps `PageSpyApi`. */
  readonly api: string;
  /** Events recorded from the start. */
  readonly events: readonly string[];
}

export function installPageSpy(names: PageSpyNames): void {
  // Runs in every frame; only frames on the host's origin are the host. The
  // card frames are cross-origin: reading their top's origin throws.
  let host: boolean;
  try {
    host = window.top === window || window.top!.location.origin === window.location.origin;
  } catch {
    host = false;
  }
  if (!host) return;
  const key = Symbol.for(names.api);
  const w = window as unknown as Record<string | symbol, unknown>;
  if (w[key]) return;

  const send = (record: MessageRecord): void => {
    const binding = w[names.binding];
    if (typeof binding === 'function') (binding as (r: MessageRecord) => Promise<void>)(record).catch(() => {});
  };

  // Everything a message could carry, as text: strings, numbers, the text in
  // byte arrays, the entries of maps and sets, nested objects.
  const text = (value: unknown, seen: WeakSet<object>, depth: number): string => {
    if (typeof value === 'string') return value;
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return String(value);
    if (typeof value === 'function' || depth > 10 || seen.has(value)) return '';
    seen.add(value);
    if (value instanceof ArrayBuffer) return new TextDecoder().decode(new Uint8Array(value));
    if (ArrayBuffer.isView(value)) return new TextDecoder().decode(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
    if (value instanceof MessagePort) return '';
    if (value instanceof Map) return [...value].map(([k, v]) => `${text(k, seen, depth + 1)}: ${text(v, seen, depth + 1)}`).join('\n');
    if (value instanceof Set || Array.isArray(value)) return [...(value as Iterable<unknown>)].map((v) => text(v, seen, depth + 1)).join('\n');
    return Object.entries(value).map(([k, v]) => `${k}: ${text(v, seen, depth + 1)}`).join('\n');
  };
  const record = (kind: MessageRecord['kind'], origin: string, data: unknown): void => {
    if (data instanceof Blob) {
      void data.text().then((body) => send({ kind, origin, text: body }), () => {});
      return;
    }
    send({ kind, origin, text: text(data, new WeakSet(), 0) });
  };

  const watched = new WeakSet<MessagePort>();
  const watchPort = (port: MessagePort): void => {
    if (watched.has(port)) return;
    watched.add(port);
    // A listener does not start the port: the page still decides when messages flow.
    port.addEventListener('message', (event) => record('MessagePort message', '', event.data));
  };
  window.addEventListener(
    'message',
    (event) => {
      record('window message', event.origin, event.data);
      for (const port of event.ports) watchPort(port);
    },
    true,
  );
  const Native = window.MessageChannel;
  window.MessageChannel = class MessageChannel extends Native {
    constructor() {
      super();
      watchPort(this.port1);
      watchPort(this.port2);
    }
  };
  const post = MessagePort.prototype.postMessage;
  MessagePort.prototype.postMessage = function (this: MessagePort, ...args: Parameters<MessagePort['postMessage']>) {
    record('MessagePort postMessage', '', args[0]);
    return post.apply(this, args);
  } as MessagePort['postMessage'];

  interface Entry extends EventRecord {
    readonly target: EventTarget;
  }
  const log: Entry[] = [];
  let seq = 0;
  const waiters = new Set<() => void>();
  const listening = new Set<string>();
  const listen = (name: string): void => {
    if (listening.has(name)) return;
    listening.add(name);
    window.addEventListener(
      name,
      (event) => {
        log.push({ seq: ++seq, name, detail: (event as CustomEvent).detail, target: event.composedPath()[0] ?? event.target! });
        for (const wake of [...waiters]) wake();
      },
      true,
    );
  };
  const within = (element: Element, target: EventTarget): boolean => {
    for (let node: Node | null = target as Node; node; node = node instanceof ShadowRoot ? node.host : node.parentNode) {
      if (node === element) return true;
    }
    return false;
  };
  const events = (element: Element, after: number): EventRecord[] =>
    log.filter((entry) => entry.seq > after && within(element, entry.target)).map(({ seq: n, name, detail }) => ({ seq: n, name, detail }));
  const api: PageSpyApi = {
    seq: () => seq,
    listen,
    events,
    next: (element, wanted, after, timeoutMs) =>
      new Promise((resolve) => {
        const check = (): boolean => {
          const hit = events(element, after).find((entry) => wanted.includes(entry.name));
          if (!hit) return false;
          waiters.delete(wake);
          clearTimeout(timer);
          resolve(hit);
          return true;
        };
        const wake = (): void => void check();
        const timer = setTimeout(() => {
          waiters.delete(wake);
          resolve(null);
        }, timeoutMs);
        for (const name of wanted) listen(name);
        waiters.add(wake);
        check();
      }),
  };
  for (const name of names.events) listen(name);
  Object.defineProperty(window, key, { value: api });
}
