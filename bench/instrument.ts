/** What the instrumentation leaves on the host page's window. */
export interface BenchWindow {
  __ports: { created: number; closed: number };
  __resolved: Record<string, number>;
}

/**
 * Timing marks and port counts, injected before any page script runs (so
 * the SDK and the frame are measured as built; nothing in them changes).
 * Host page: `cf:iframe-created` (the SDK's createElement('iframe')),
 * `cf:iframe-load` (its load event, before the SDK's own listener),
 * `cf:connect-posted` (FrameChannel.connect makes its MessageChannel just
 * before posting), `cf:configure-answered` (first reply on that port).
 * Frame: `cf:connect-received`, `cf:configure-received`, `cf:ready-sent`.
 * Each mark is set once per document (host marks are cleared per run).
 *
 * For pages with many frames (a group's three, fifty groups) the host also
 * marks every occurrence as `cf:each:<name>`: `iframe-created`,
 * `iframe-load`, `connect-posted`, `progress-received`, `ready-received`,
 * `configure-answered` (per port) and `member-ready` (each element's
 * `cardframe-ready`); each frame also marks `cf:progress-sent` and
 * `cf:group-channel` (its group's BroadcastChannel opened).
 */
export function instrument({ hostOrigin, frameOrigin }: { hostOrigin: string; frameOrigin: string }): void {
  const once = (name: string): void => {
    if (performance.getEntriesByName(name, 'mark').length === 0) performance.mark(name);
  };
  const kindOf = (data: unknown): Record<string, unknown> => (typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {});
  const each = (name: string): void => void performance.mark(`cf:each:${name}`);
  if (location.origin === hostOrigin) {
    addEventListener('cardframe-ready', () => each('member-ready'), true);
    const counts = { created: 0, closed: 0 };
    (window as unknown as BenchWindow).__ports = counts;
    const Original = MessageChannel;
    window.MessageChannel = class extends Original {
      constructor() {
        super();
        counts.created++;
        once('cf:connect-posted');
        each('connect-posted');
        let answered = false;
        this.port1.addEventListener('message', (event) => {
          const m = kindOf(event.data);
          if (m['kind'] === 'reply') {
            once('cf:configure-answered');
            if (!answered) each('configure-answered');
            answered = true;
          }
          if (m['kind'] === 'event' && m['event'] === 'progress') each('progress-received');
          if (m['kind'] === 'event' && m['event'] === 'ready') each('ready-received');
        });
      }
    };
    const close = MessagePort.prototype.close;
    MessagePort.prototype.close = function (this: MessagePort) {
      counts.closed++;
      close.call(this);
    };
    const create = Document.prototype.createElement;
    Document.prototype.createElement = function (this: Document, name: string, options?: ElementCreationOptions) {
      const element = create.call(this, name, options);
      if (name.toLowerCase() === 'iframe') {
        once('cf:iframe-created');
        each('iframe-created');
        element.addEventListener('load', () => {
          once('cf:iframe-load');
          each('iframe-load');
        });
      }
      return element;
    } as typeof Document.prototype.createElement;
  }
  if (location.origin === frameOrigin) {
    addEventListener(
      'message',
      (event) => {
        if (kindOf(event.data)['cardframe'] !== 'connect' || event.ports.length !== 1) return;
        once('cf:connect-received');
        event.ports[0]!.addEventListener('message', (request) => {
          if (kindOf(request.data)['method'] === 'configure') once('cf:configure-received');
        });
      },
      true,
    );
    const post = MessagePort.prototype.postMessage;
    MessagePort.prototype.postMessage = function (this: MessagePort, message: unknown, ...rest: [never]) {
      const m = kindOf(message);
      if (m['kind'] === 'event' && m['event'] === 'ready') once('cf:ready-sent');
      if (m['kind'] === 'event' && m['event'] === 'progress') once('cf:progress-sent');
      return post.call(this, message, ...rest);
    } as typeof MessagePort.prototype.postMessage;
    const Broadcast = BroadcastChannel;
    window.BroadcastChannel = class extends Broadcast {
      constructor(name: string) {
        super(name);
        if (name.startsWith('cardframe-group:')) once('cf:group-channel');
      }
    };
  }
}
