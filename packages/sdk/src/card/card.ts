import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { CardframeError, FIELD_NAMES, toCardframeError, type FieldName, type FrameEvent } from '@cardframe/protocol';
import { cardframeEvent } from '../events.ts';
import { runFetchCardData, type FetchCardData } from '../fetch-card-data.ts';
import { FrameChannel } from '../frame-channel.ts';
import { cardStyles } from './card.styles.ts';

const DEFAULT_READY_TIMEOUT_MS = 15_000;

function parseFrameUrl(value: string | undefined): URL | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

const fieldsConverter = {
  fromAttribute: (value: string | null): FieldName[] | undefined =>
    value === null ? undefined : value.split(/[\s,]+/).filter((name): name is FieldName => (FIELD_NAMES as readonly string[]).includes(name)),
  toAttribute: (value: readonly FieldName[] | undefined): string | null => (value ? value.join(' ') : null),
};

/**
 * Shows a card's PAN, CVC and expiry inside a cross-origin iframe. The host
 * page supplies `fetchCardData`, which relays the frame's sessionid to the
 * host's backend; the card data stays encrypted until it is inside the frame,
 * and the cardholder reveals it there.
 *
 * @tag cardframe-card
 * @fires cardframe-ready - the frame is connected and can reveal `detail.fields`.
 * @fires cardframe-reveal - the cardholder revealed `detail.fields`.
 * @fires cardframe-hide - the fields were masked again.
 * @fires cardframe-error - something failed; `detail` is `{code, message, status?}`.
 * @csspart frame - the iframe.
 * @cssproperty --cardframe-initial-height - iframe height before the frame reports its own.
 */
export class CardframeCard extends LitElement {
  static override styles = cardStyles;

  static override properties = {
    frameUrl: { attribute: 'frame-url' },
    fields: { converter: fieldsConverter },
    readyTimeout: { attribute: 'ready-timeout', type: Number },
    label: {},
    fetchCardData: { attribute: false },
    _height: { state: true },
  };

  /** URL of the frame page, on the frame's own origin. */
  declare frameUrl: string | undefined;
  /** Narrows the fields shown; the frame refuses any its config does not enable. */
  declare fields: FieldName[] | undefined;
  /** Milliseconds to wait for the frame to become ready. */
  declare readyTimeout: number;
  /** Accessible name of the iframe. */
  declare label: string;
  /** Relays the frame's sessionid to the host's backend. See {@link FetchCardData}. */
  declare fetchCardData: FetchCardData | undefined;
  declare _height: number | undefined;

  #channel: FrameChannel | undefined;
  #readyTimer: ReturnType<typeof setTimeout> | undefined;
  #ready = false;

  constructor() {
    super();
    this.frameUrl = undefined;
    this.fields = undefined;
    this.readyTimeout = DEFAULT_READY_TIMEOUT_MS;
    this.label = 'Card details';
    this.fetchCardData = undefined;
    this._height = undefined;
  }

  /** Masks the revealed fields inside the frame and drops their plaintext there. */
  async hide(): Promise<void> {
    if (!this.#channel) throw new CardframeError('ERR_OUT_OF_ORDER', 'the frame is not connected');
    await this.#channel.request('hide', {});
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#disconnect();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('frameUrl')) this.#disconnect();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('frameUrl') && this.frameUrl !== undefined && !parseFrameUrl(this.frameUrl)) {
      this.#fail(new CardframeError('ERR_BAD_OPTION', 'frame-url must be an absolute http(s) URL'));
    }
    if (changed.has('fields') && changed.get('fields') !== undefined && this.#ready) void this.#configure();
    if (changed.has('_height') && this._height !== undefined) {
      // CSSOM, not a style attribute: a host CSP without 'unsafe-inline' blocks the latter.
      const iframe = this.renderRoot.querySelector('iframe');
      if (iframe) iframe.style.height = `${this._height}px`;
    }
  }

  override render() {
    const url = parseFrameUrl(this.frameUrl);
    if (!url) return nothing;
    return html`<iframe
      part="frame"
      title=${this.label}
      src=${url.href}
      sandbox="allow-scripts allow-same-origin"
      referrerpolicy="no-referrer"
      loading="eager"
      @load=${this.#onLoad}
    ></iframe>`;
  }

  #onLoad(event: Event): void {
    const iframe = event.target as HTMLIFrameElement;
    const url = parseFrameUrl(this.frameUrl);
    if (!iframe.contentWindow || !url) return;
    this.#disconnect();
    this.#channel = FrameChannel.connect(iframe.contentWindow, url.origin, {
      onEvent: (frameEvent) => this.#onFrameEvent(frameEvent),
      onSession: (sessionId) => runFetchCardData(this.fetchCardData, sessionId),
      onProtocolError: (error) => this.dispatchEvent(cardframeEvent('cardframe-error', error)),
    });
    this.#readyTimer = setTimeout(() => {
      this.#fail(new CardframeError('ERR_FRAME_TIMEOUT', 'the frame did not become ready; check that this origin is in its allowedHostOrigins'));
    }, this.readyTimeout);
    void this.#configure();
  }

  async #configure(): Promise<void> {
    try {
      await this.#channel?.request('configure', this.fields ? { fields: this.fields } : {});
    } catch (error) {
      this.#fail(toCardframeError(error, 'ERR_BAD_MESSAGE', 'the frame refused the configuration'));
    }
  }

  #onFrameEvent(frameEvent: FrameEvent): void {
    switch (frameEvent.event) {
      case 'ready':
        clearTimeout(this.#readyTimer);
        this.#ready = true;
        this.dispatchEvent(cardframeEvent('cardframe-ready', frameEvent.detail));
        return;
      case 'reveal':
        this.dispatchEvent(cardframeEvent('cardframe-reveal', frameEvent.detail));
        return;
      case 'hide':
        this.dispatchEvent(cardframeEvent('cardframe-hide', frameEvent.detail));
        return;
      case 'error':
        this.dispatchEvent(cardframeEvent('cardframe-error', frameEvent.detail));
        return;
      case 'resize':
        this._height = frameEvent.detail.height;
    }
  }

  #fail(error: CardframeError): void {
    clearTimeout(this.#readyTimer);
    if (error.code === 'ERR_DESTROYED') return;
    this.dispatchEvent(cardframeEvent('cardframe-error', error.toInfo()));
  }

  #disconnect(): void {
    clearTimeout(this.#readyTimer);
    this.#ready = false;
    this.#channel?.close();
    this.#channel = undefined;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cardframe-card': CardframeCard;
  }
}
