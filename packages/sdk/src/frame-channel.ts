import {
  CardframeError,
  PROTOCOL_VERSION,
  PendingRequests,
  parseFrameMessage,
  toCardframeError,
  type ConnectMessage,
  type ErrorInfo,
  type FrameEvent,
  type FrameRequest,
  type HostMessage,
  type HostRequest,
  type JsonValue,
} from '@cardframe/protocol';

/** Answers a frame request (card data, PIN, device registration) through the host's own backend. */
export type FrameRequestHandler = (request: FrameRequest) => Promise<JsonValue>;

export interface FrameChannelOptions {
  /** Called for every event the frame emits. */
  onEvent(event: FrameEvent): void;
  /** Called when the frame asks the host to reach its backend. */
  onRequest: FrameRequestHandler;
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
      message = parseFrameMessage(data);
    } catch (error) {
      this.#options.onProtocolError(toCardframeError(error, 'ERR_BAD_MESSAGE', 'malformed message from the frame').toInfo());
      return;
    }
    switch (message.kind) {
      case 'event':
        this.#options.onEvent(message);
        return;
      case 'reply':
        this.#pending.settle(message);
        return;
      case 'request':
        void this.#answer(message);
    }
  }

  async #answer(request: FrameRequest): Promise<void> {
    try {
      const body = await this.#options.onRequest(request);
      this.#post({ v: PROTOCOL_VERSION, kind: 'reply', id: request.id, ok: true, result: { body } });
    } catch (error) {
      const info = toCardframeError(error, 'ERR_ISSUER_REQUEST', 'the request to the host backend failed').toInfo();
      this.#post({ v: PROTOCOL_VERSION, kind: 'reply', id: request.id, ok: false, error: info });
    }
  }
}
