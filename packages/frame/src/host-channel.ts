import {
  CardframeError,
  PROTOCOL_VERSION,
  PendingRequests,
  isMessageId,
  parseHostMessage,
  toCardframeError,
  type ErrorInfo,
  type FrameEventDetails,
  type FrameEventName,
  type FrameMessage,
  type FrameRequest,
  type HostRequest,
  type HostResult,
} from '@cardframe/protocol';

/** What the frame does for each host request. A rejection becomes an error reply; no handler posts data. */
export interface HostRequestHandlers {
  configure(params: Extract<HostRequest, { method: 'configure' }>['params']): Promise<void> | void;
  hide(): Promise<void> | void;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * The frame's side of the MessagePort. Every incoming message is validated;
 * a malformed one gets an error reply (or an `error` event when it has no
 * usable id) and changes nothing.
 */
export class HostChannel {
  readonly #port: MessagePort;
  readonly #handlers: HostRequestHandlers;
  readonly #pending = new PendingRequests<HostResult>('f');
  readonly #timeoutMs: number;
  #closed = false;

  constructor(port: MessagePort, handlers: HostRequestHandlers, options: { timeoutMs?: number } = {}) {
    this.#port = port;
    this.#handlers = handlers;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    port.onmessage = (event) => void this.#receive(event.data);
    port.onmessageerror = () => this.emit('error', new CardframeError('ERR_BAD_MESSAGE', 'message could not be deserialised').toInfo());
  }

  /** Sends an event to the host. Details never carry card data. */
  emit<K extends FrameEventName>(event: K, detail: FrameEventDetails[K]): void {
    this.#post({ v: PROTOCOL_VERSION, kind: 'event', event, detail } as FrameMessage);
  }

  /** Asks the host to reach its backend (card data, PIN, device registration) and resolves with its answer. */
  request<M extends FrameRequest['method']>(method: M, params: Extract<FrameRequest, { method: M }>['params']): Promise<HostResult> {
    return this.#pending.start(
      (id) => this.#post({ v: PROTOCOL_VERSION, kind: 'request', id, method, params } as FrameRequest),
      this.#timeoutMs,
      () => new CardframeError('ERR_ISSUER_REQUEST', `the host did not answer the ${method} request in time`),
    );
  }

  close(): void {
    this.#closed = true;
    this.#pending.close();
    this.#port.onmessage = null;
    this.#port.close();
  }

  #post(message: FrameMessage): void {
    if (!this.#closed) this.#port.postMessage(message);
  }

  #replyError(id: string, error: ErrorInfo): void {
    this.#post({ v: PROTOCOL_VERSION, kind: 'reply', id, ok: false, error });
  }

  async #receive(data: unknown): Promise<void> {
    let message;
    try {
      message = parseHostMessage(data);
    } catch (error) {
      const info = toCardframeError(error, 'ERR_BAD_MESSAGE', 'malformed message').toInfo();
      const id = typeof data === 'object' && data !== null ? (data as { id?: unknown }).id : undefined;
      if (isMessageId(id)) this.#replyError(id, info);
      else this.emit('error', info);
      return;
    }
    if (message.kind === 'reply') {
      this.#pending.settle(message);
      return;
    }
    try {
      if (message.method === 'configure') await this.#handlers.configure(message.params);
      else await this.#handlers.hide();
      this.#post({ v: PROTOCOL_VERSION, kind: 'reply', id: message.id, ok: true, result: {} });
    } catch (error) {
      this.#replyError(message.id, toCardframeError(error, 'ERR_BAD_MESSAGE', 'request failed').toInfo());
    }
  }
}
