import {
  CardframeError,
  PROTOCOL_VERSION,
  PendingRequests,
  readFrameMessage,
  toCardframeError,
  type ConnectMessage,
  type ErrorInfo,
  type FrameEvent,
  type HostMessage,
  type HostRequest,
  type UncheckedFrameEvent,
  type UncheckedFrameRequest,
} from '@cardframe/protocol';
import { loadRequests } from './load-requests.ts';
import type { RequestHost, RequestOutcome } from './requests.ts';

export interface FrameChannelOptions {
  /** Called for every event the frame emits. */
  onEvent(event: FrameEvent): void;
  /** The element whose host callbacks answer the frame's requests (card data, PIN, device registration, binding). */
  host: RequestHost;
  /** Called when the frame sends something this SDK cannot read. */
  onProtocolError(error: ErrorInfo): void;
  /** How long a request to the frame may take. */
  timeoutMs?: number;
}

/**
 * The host's side of one frame connection. It posts `connect` to the frame's
 * exact origin (never `*`) with a fresh `MessageChannel` port, then speaks
 * only over that port. It never posts keys or card data: the protocol has no
 * field for either.
 */
export class FrameChannel {
  readonly #port: MessagePort;
  readonly #options: FrameChannelOptions;
  readonly #pending = new PendingRequests<Readonly<Record<string, never>>>('h');
  #closed = false;
  /** The events checked by the part of the SDK that loads once a frame is ready, and any event after one of them, in the order they came. */
  #later: Promise<unknown> = Promise.resolve();
  /** How many events are in {@link #later} and not yet handed on. */
  #queued = 0;

  private constructor(port: MessagePort, options: FrameChannelOptions) {
    this.#port = port;
    this.#options = options;
    port.onmessage = (event) => this.#receive(event.data);
  }

  /** Hands a new port to the frame window. Call it on each load of the iframe. */
  static connect(frameWindow: Window, frameOrigin: string, options: FrameChannelOptions): FrameChannel {
    const { port1, port2 } = new MessageChannel();
    const connect: ConnectMessage = { cardframe: 'connect', v: PROTOCOL_VERSION };
    frameWindow.postMessage(connect, frameOrigin, [port2]);
    return new FrameChannel(port1, options);
  }

  /**
   * Sends a request and resolves when the frame acknowledges it, or rejects
   * after `timeoutMs` (the channel's own by default).
   */
  async request(method: HostRequest['method'], params: HostRequest['params'], timeoutMs = this.#options.timeoutMs ?? 10_000): Promise<void> {
    await this.#pending.start(
      (id) => this.#post({ v: PROTOCOL_VERSION, kind: 'request', id, method, params } as HostRequest),
      timeoutMs,
      () => new CardframeError('ERR_FRAME_TIMEOUT', `the frame did not answer "${method}" in time`),
    );
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#pending.close();
    this.#port.onmessage = null;
    this.#port.close();
  }

  #post(message: HostMessage): void {
    if (!this.#closed) this.#port.postMessage(message);
  }

  #receive(data: unknown): void {
    let message;
    try {
      // A request's params are checked where it is answered (requests.ts), before any callback sees them.
      message = readFrameMessage(data);
    } catch (error) {
      this.#options.onProtocolError(toCardframeError(error, 'ERR_BAD_MESSAGE', 'malformed message from the frame').toInfo());
      return;
    }
    switch (message.kind) {
      case 'event':
        // The host hears the events in the order the frame sent them: one that waits for its check to load
        // holds back those after it.
        if ('unchecked' in message || this.#queued > 0) this.#inOrder(message);
        else this.#options.onEvent(message);
        return;
      case 'reply':
        this.#pending.settle(message);
        return;
      case 'request':
        void this.#answer(message);
    }
  }

  /**
   * An event a frame sends only once it is ready (reveal, change, submit…),
   * checked by requests.ts once it is in (the page loads it as its first
   * frame is ready), or an event that came after one still waiting.
   */
  #inOrder(message: UncheckedFrameEvent | FrameEvent): void {
    const { onEvent, onProtocolError } = this.#options;
    this.#queued++;
    this.#later = this.#later
      .then(async () => {
        const checked = 'unchecked' in message ? (await loadRequests()).checkEvent(message) : { ok: true as const, event: message };
        if (this.#closed) return;
        if (checked.ok) onEvent(checked.event);
        else onProtocolError(checked.error);
      })
      .catch((error: unknown) => this.#closed || onProtocolError(toCardframeError(error, 'ERR_BAD_MESSAGE', 'malformed message from the frame').toInfo()))
      .finally(() => this.#queued--);
  }

  /** Checks a request, then answers it through the host callback its method names (requests.ts, loaded by now or awaited). */
  async #answer(request: UncheckedFrameRequest): Promise<void> {
    let outcome: RequestOutcome;
    try {
      outcome = await (await loadRequests()).answerRequest(request, this.#options.host);
    } catch (error) {
      // The request checks could not be loaded.
      outcome = { ok: false, error: toCardframeError(error, 'ERR_ISSUER_REQUEST', 'the request to the host backend failed').toInfo() };
    }
    // A malformed request is the host's news too, as any malformed message; the frame hears why it was refused.
    const { malformed, ...reply } = outcome as RequestOutcome & { malformed?: true };
    if (malformed) this.#options.onProtocolError((reply as { error: ErrorInfo }).error);
    this.#post({ v: PROTOCOL_VERSION, kind: 'reply', id: request.id, ...reply } as HostMessage);
  }
}
