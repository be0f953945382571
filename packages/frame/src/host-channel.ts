import {
  CardframeError,
  PROTOCOL_VERSION,
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

interface Pending {
  resolve(result: HostResult): void;
  reject(error: CardframeError): void;
  timer: ReturnType<typeof setTimeout>;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The frame's side of the MessagePort. Every incoming message is validated;
 * a malformed one gets an error reply (or an `error` event when it has no
 * usable id) and changes nothing.
 */
export class HostChannel {
  readonly #port: MessagePort;
  readonly #handlers: HostRequestHandlers;
  readonly #pending = new Map<string, Pending>();
  readonly #timeoutMs: number;
  #nextId = 0;
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
    const id = `f${++this.#nextId}`;
    return new Promise<HostResult>((resolve, reject) => {
      if (this.#closed) {
        reject(new CardframeError('ERR_DESTROYED', 'the channel is closed'));
        return;
      }
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new CardframeError('ERR_ISSUER_REQUEST', `the host did not answer the ${method} request in time`));
      }, this.#timeoutMs);
      this.#pending.set(id, { resolve, reject, timer });
      this.#post({ v: PROTOCOL_VERSION, kind: 'request', id, method, params } as FrameRequest);
    });
  }

  close(): void {
    this.#closed = true;
    for (const [id, pending] of this.#pending) {
      clearTimeout(pending.timer);
      pending.reject(new CardframeError('ERR_DESTROYED', 'the channel was closed'));
      this.#pending.delete(id);
    }
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
      if (typeof id === 'string' && ID_PATTERN.test(id)) this.#replyError(id, info);
      else this.emit('error', info);
      return;
    }
    if (message.kind === 'reply') {
      const pending = this.#pending.get(message.id);
      if (!pending) return;
      this.#pending.delete(message.id);
      clearTimeout(pending.timer);
      if (message.ok) pending.resolve(message.result);
      else pending.reject(CardframeError.fromInfo(message.error));
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
