import { isConnectMessage } from '@cardframe/protocol';

/** The host's end of the channel, and the origin that handed it over. */
export interface Connection {
  readonly port: MessagePort;
  readonly origin: string;
}

/**
 * Waits for the one `connect` message the frame accepts: posted by the window
 * that embeds it (`event.source === window.parent`), from an origin that is
 * exactly in the config's allowlist, carrying exactly one port. Everything
 * else is ignored without a reply. Once a connect is accepted the listener is
 * removed, so any later connect is ignored too.
 *
 * The listener is installed at once, before the allowlist is known, so a
 * connect that arrives while the config is loading is not lost.
 */
export function acceptConnect(win: Window, allowedOrigins: Promise<readonly string[]>): Promise<Connection> {
  return new Promise((resolve, reject) => {
    let accepted = false;
    const onMessage = (event: MessageEvent): void => {
      if (accepted || win.parent === win || event.source !== win.parent) return;
      if (!isConnectMessage(event.data) || event.ports.length !== 1) return;
      const { origin, ports } = event;
      allowedOrigins.then(
        (allowed) => {
          if (accepted || !allowed.includes(origin)) return;
          accepted = true;
          win.removeEventListener('message', onMessage);
          resolve({ port: ports[0]!, origin });
        },
        (error: unknown) => {
          win.removeEventListener('message', onMessage);
          reject(error);
        },
      );
    };
    win.addEventListener('message', onMessage);
  });
}
