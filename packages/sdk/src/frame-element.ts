import { CardframeError, toCardframeError, type AppearanceParams, type CardframeStyle, type ConfigureRequest, type FieldName, type ThemeName, type FlowName, type FrameEvent } from '@cardframe/protocol';
import { cardframeEvent } from './events.ts';
import { FrameChannel } from './frame-channel.ts';
import type { BindCard, FetchCard, SignMessage } from './host-callback.ts';
import { loadRequests } from './load-requests.ts';
import { APPEARANCE_PROPERTIES } from './appearance-properties.ts';
import { BaseElement, type PropertyDeclarations, type PropertyValues } from './base-element.ts';
import { frameStyles } from './frame-element.styles.ts';
import { ReadyLatch } from './ready-latch.ts';
import { takeLoadSlot } from './load-slots.ts';
import { iframeAllow, parseFrameUrl, sandboxedIframe } from './sandboxed-iframe.ts';
import { heardFrom, watchSilence } from './silence-watch.ts';

/** The host callbacks card binding uses; an element may inherit them (a group's members do). */
export interface BindingCallbacks {
  readonly fetchCard: FetchCard | undefined;
  readonly bindCard: BindCard | undefined;
  readonly signMessage: SignMessage | undefined;
}

const DEFAULT_READY_TIMEOUT_MS = 15_000;
/** What `configure` params an element builds: members it leaves unset (undefined, false, empty) are not sent. */
export type Unset<T> = T extends unknown ? { [K in keyof T]?: T[K] | undefined | false } : never;
const withoutUnset = <T>(params: Unset<T>): T => Object.fromEntries(Object.entries(params).filter(([, value]) => value)) as T;

/** Whether the request checks (requests.ts) were asked for: once, when the page's first frame is ready. */
let requestsAsked = false;

/**
 * What every cardframe element shares: one sandboxed cross-origin iframe,
 * one channel to it, the ready handshake, sizing, and re-dispatching the
 * frame's events as `cardframe-*` DOM events. Subclasses pick the flow and
 * answer the frame's requests through the host's callbacks.
 */
export abstract class FrameElement extends BaseElement {
  static override styles: readonly string[] = [frameStyles];

  static override properties: PropertyDeclarations = {
    frameUrl: { attribute: 'frame-url' },
    readyTimeout: { attribute: 'ready-timeout', type: Number },
    frameTitle: { attribute: 'frame-title' },
    theme: {},
    locale: {},
    frameStyle: { attribute: false },
    fetchCard: { attribute: false },
    bindCard: { attribute: false },
    signMessage: { attribute: false },
    _height: { state: true },
  };

  /** URL of the frame page, on the frame's own origin. */
  declare frameUrl: string | undefined;
  /**
   * Milliseconds the frame may stay silent on its way to ready (default
   * 15000). Each step counts as progress and starts the wait again: the
   * iframe's `load`, then each stage the frame reports; time in which this
   * page itself was too busy to run its timers does not count, nor does time
   * another frame of the same origin loaded or was heard from. A frame waiting
   * for its turn to load (a page loads a few frames of one origin at a time)
   * counts the loads before it as progress. A frame that stays
   * silent (or cannot load the issuer's keys) is mounted once more in a fresh
   * iframe before the element fails with `ERR_FRAME_TIMEOUT` (or
   * `ERR_KEY_NOT_FOUND`).
   */
  declare readyTimeout: number;
  /** The iframe's `title`: its accessible name for screen readers. */
  declare frameTitle: string;
  declare _height: number | undefined;
  /** Colour preset of the frame: `light`, `dark`, or `auto` (follows the cardholder's colour scheme). */
  declare theme: ThemeName | undefined;
  /** BCP 47 language of the frame's texts (`en`, `de`, `ar`…); others fall back to English. */
  declare locale: string | undefined;
  /**
   * Style for the frame's views, checked by the frame against its allowlist
   * (see the README). Named `frameStyle` because `style` is the element's own
   * inline style. A style the frame refuses fires `cardframe-error` with
   * `ERR_STYLE_REFUSED`, and the frame carries on with its default look.
   */
  declare frameStyle: CardframeStyle | undefined;
  /**
   * Card binding and bound requests: fetches the issuer's `GET /card?scope=…`
   * (a passkey statement, a SIWE message, provisioning credentials). Setting
   * it lets the frame ask for passkeys: the iframe then gets
   * `publickey-credentials-get/create` for the frame origin. See {@link FetchCard}.
   */
  declare fetchCard: FetchCard | undefined;
  /** Forwards a binding to the issuer's `PATCH /`. See {@link BindCard}. */
  declare bindCard: BindCard | undefined;
  /** The cardholder's wallet signs the issuer's SIWE message. See {@link SignMessage}. */
  declare signMessage: SignMessage | undefined;

  #channel: FrameChannel | undefined;
  #iframe: HTMLIFrameElement | undefined;
  /** The frame URL this element waits to load or is loading, and how it gives its load turn back. */
  #loading: { readonly href: string; readonly done: () => void } | undefined;
  /** Stops the silence watch; set only while the element waits for its frame. */
  #unwatch: (() => void) | undefined;
  /** Whether the frame was already mounted again (it stayed silent, or could not load its keys) since it last became ready. */
  #retried = false;
  /** Whether the element reported ERR_FRAME_TIMEOUT since it last became ready (or was pointed at another frame). */
  #timedOut = false;
  /**
   * The last height the frame reported while its view was not yet on its page (its empty page's, which the
   * iframe does not take: it keeps its initial height meanwhile); `null` once the view is there (the frame
   * reported progress or ready) and the iframe takes every height the frame reports.
   */
  #heldHeight: number | undefined | null;
  readonly #ready = new ReadyLatch<readonly FieldName[]>();
  /** Only a copy button's frame may write to the clipboard. */
  protected readonly allowClipboard: boolean = false;

  /** @internal The flow this element asks the frame for. */
  abstract readonly flow: FlowName;

  constructor() {
    super();
    this.readyTimeout = DEFAULT_READY_TIMEOUT_MS;
    this.frameTitle = 'Card details';
  }

  /**
   * @internal The host callback of that name (`fetchCardData`, `submitPin`,
   * `fetchCard`…) that answers the frame's requests: the element's own, or
   * one it inherits (a group's members do).
   */
  hostCallback(name: string): unknown {
    return (this as unknown as Record<string, unknown>)[name];
  }

  /** Whether the frame may ask for passkeys: only where the host relays binding requests. */
  protected usesPasskeys(): boolean {
    return typeof this.hostCallback('fetchCard') === 'function';
  }

  /** Narrowing sent with `configure`; subclasses add theirs. */
  protected configureParams(): Unset<ConfigureRequest['params']> {
    return { flow: this.flow };
  }

  /** Theme, locale and style sent with `configure`: the element's own, or ones it inherits. */
  protected appearanceParams(): Unset<AppearanceParams> {
    const inherited = this.inheritedAppearance();
    return { theme: this.theme ?? inherited?.theme, locale: this.locale ?? inherited?.locale, style: this.frameStyle ?? inherited?.frameStyle };
  }

  /** Where theme, locale and style come from when the element sets none (a group, for its members). */
  protected inheritedAppearance(): Pick<FrameElement, 'theme' | 'locale' | 'frameStyle'> | undefined {
    return undefined;
  }

  /** The frame URL in use: the element's own, or one it inherits. */
  protected effectiveFrameUrl(): string | undefined {
    return this.frameUrl;
  }

  /** Sends `configure` again with the current options, once the frame is ready. */
  protected reconfigure(): void {
    if (this.#ready.value) void this.#configure();
  }

  /** Properties whose change re-sends `configure` once ready. */
  protected configureKeys(): readonly PropertyKey[] {
    return [];
  }

  /** Masks what the frame shows and drops its plaintext there. */
  async hide(): Promise<void> {
    if (!this.#channel) throw new CardframeError('ERR_OUT_OF_ORDER', 'the frame is not connected');
    await this.#channel.request('hide', {});
  }

  /**
   * Resolves with the fields the frame can show once it is ready (at once if
   * it already is); rejects with the `CardframeError` that stops it first.
   */
  whenReady(): Promise<readonly FieldName[]> {
    return this.#ready.wait();
  }

  /**
   * Removes the element and its frame. The frame's document goes with it, and
   * with it every key, secret and value it held; pending calls reject with
   * `ERR_DESTROYED`.
   */
  destroy(): void {
    this.#ready.reject(new CardframeError('ERR_DESTROYED', 'the element was destroyed'));
    this.#disconnect();
    this.remove();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#disconnect();
    // Not started yet: it leaves the queue, and asks again if it comes back.
    if (!this.#iframe?.getAttribute('src')) this.#iframe = undefined;
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('frameUrl')) {
      this.#disconnect();
      this.#retried = this.#timedOut = false;
    }
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('frameUrl') && this.frameUrl !== undefined && !parseFrameUrl(this.frameUrl)) {
      this.#fail(new CardframeError('ERR_BAD_OPTION', 'frame-url must be an absolute http(s) URL'));
    }
    if (this.#ready.value && (this.configureKeys().some((key) => changed.has(key)) || APPEARANCE_PROPERTIES.some((key) => changed.has(key)))) {
      void this.#configure();
    }
    if (changed.has('_height') && this._height !== undefined) {
      // CSSOM, not a style attribute: a host CSP without 'unsafe-inline' blocks the latter.
      if (this.#iframe) this.#iframe.style.height = `${this._height}px`;
    }
  }

  protected override update(changed: PropertyValues): void {
    super.update(changed);
    const url = parseFrameUrl(this.effectiveFrameUrl());
    if (!url) {
      this.#loaded();
      this.#iframe?.remove();
      this.#iframe = undefined;
      return;
    }
    // Permissions are read when the frame navigates, so they are fixed when the iframe is made.
    const iframe = (this.#iframe ??= sandboxedIframe(iframeAllow(this.allowClipboard, this.usesPasskeys() && url.origin), (event) => this.#onLoad(event)));
    iframe.title = this.frameTitle;
    if (iframe.getAttribute('src') !== url.href && this.#loading?.href !== url.href) {
      this.#loaded();
      // The wait for progress starts now: while the frame waits its turn, the loads of the frames before it are that progress.
      this.#watch();
      this.#loading = {
        href: url.href,
        done: takeLoadSlot(url.origin, () => {
          iframe.src = url.href;
          // Not appended again when it is there already (a new frame URL): moving an iframe reloads it.
          if (!iframe.isConnected) this.renderRoot.append(iframe);
        }),
      };
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Taken off the page before its turn to load came: it asks again.
    if (this.hasUpdated && !this.#iframe?.getAttribute('src')) this.requestUpdate();
  }

  /** Gives this frame's turn to load back (it loaded, or will not), so the next frame of its origin starts. */
  #loaded(): void {
    this.#loading?.done();
    this.#loading = undefined;
  }

  /** (Re)starts the wait for the frame's next sign of progress. */
  #watch(): void {
    this.#stopWatch();
    this.#unwatch = watchSilence(this.#origin(), this.readyTimeout || DEFAULT_READY_TIMEOUT_MS, () => {
      this.#unwatch = undefined;
      if (this.#retry()) return;
      const error = new CardframeError('ERR_FRAME_TIMEOUT', 'the frame did not become ready; check that this origin is in its allowedHostOrigins');
      // An iframe that loads after the element gave up still gets its chance to become ready; its
      // silence after that is not news, so the host hears of the timeout once.
      if (this.#timedOut) this.#ready.reject(error);
      else this.#fail(error);
      this.#timedOut = true;
    });
  }

  /**
   * Mounts the frame once more from scratch (a fresh iframe, a fresh
   * connection; the host app sees none of it), unless it already was since
   * it last became ready. Says whether it did.
   */
  #retry(): boolean {
    if (this.#retried) return false;
    this.#retried = true;
    this.#disconnect();
    this.#iframe?.remove();
    this.#iframe = undefined;
    this.requestUpdate();
    return true;
  }

  #onLoad(event: Event): void {
    const iframe = event.target as HTMLIFrameElement;
    this.#loaded();
    const url = parseFrameUrl(this.effectiveFrameUrl());
    if (!iframe.contentWindow || !url) return;
    this.#disconnect();
    this.#channel = FrameChannel.connect(iframe.contentWindow, url.origin, {
      onEvent: (frameEvent) => this.#onFrameEvent(frameEvent),
      host: this,
      onProtocolError: (error) => this.dispatchEvent(cardframeEvent('cardframe-error', error)),
    });
    // The iframe's load is the first milestone, the one the host sees without the frame's help. It is
    // progress for every frame of the origin too: with many frames in one renderer, a frame's connect
    // waits there behind the others' loading, and their loads are all the host hears of it meanwhile.
    heardFrom(url.origin);
    this.#watch();
    void this.#configure();
  }

  async #configure(): Promise<void> {
    const appearance = withoutUnset(this.appearanceParams());
    const channel = this.#channel;
    const first = !this.#ready.value;
    // Until ready the silence watch bounds the wait (the frame answers the first configure only
    // once ready), so the request's own timer gets setTimeout's longest delay.
    const timeout = first ? 2 ** 31 - 1 : undefined;
    const send = (params: AppearanceParams) => this.#channel?.request('configure', { ...withoutUnset(this.configureParams()), ...params }, timeout);
    const refused = (error: unknown) => toCardframeError(error, 'ERR_BAD_MESSAGE', 'the frame refused the configuration');
    try {
      await send(appearance);
    } catch (error) {
      // A channel closed since (the frame reloaded, frame-url changed) is not this element failing.
      if (channel !== this.#channel) return;
      const failure = refused(error);
      // A frame that could not load the issuer's keys (their fetch timed out on a busy device) or a file of
      // its own code is a load failure: once more.
      if (first && (failure.code === 'ERR_KEY_NOT_FOUND' || failure.code === 'ERR_FRAME_LOAD') && this.#retry()) return;
      // A refused style should cost the host its look, not the card: once more without it.
      const { style, ...withoutStyle } = appearance;
      const retryWithoutStyle = failure.code === 'ERR_STYLE_REFUSED' && style !== undefined;
      // With a retry coming, the error is reported but the element is not failed yet.
      this.#fail(failure, !retryWithoutStyle);
      if (retryWithoutStyle) await send(withoutStyle)?.catch((retryError: unknown) => this.#fail(refused(retryError)));
    }
  }

  #onFrameEvent(frameEvent: FrameEvent): void {
    // Whatever a frame says (its first resize, a milestone, ready) is progress, for every frame of its origin.
    heardFrom(this.#origin());
    switch (frameEvent.event) {
      case 'progress':
        // The view is placed: the next height is its own (sizing the iframe to the page before it would move the host's layout twice).
        this.#heldHeight = null;
        return;
      case 'ready':
        this.#stopWatch();
        this.#retried = this.#timedOut = false;
        this.#showReportedHeight();
        this.#ready.resolve(frameEvent.detail.fields);
        // Requests come only after ready: their checks load now, while the page is idle, off every frame's way to ready.
        if (!requestsAsked) (globalThis.requestIdleCallback ?? setTimeout)(() => void loadRequests().catch(() => {}));
        requestsAsked = true;
        this.dispatchEvent(cardframeEvent('cardframe-ready', frameEvent.detail));
        return;
      case 'resize':
        if (this.#heldHeight === null) this._height = frameEvent.detail.height;
        else this.#heldHeight = frameEvent.detail.height;
        return;
      default:
        this.dispatchEvent(cardframeEvent(`cardframe-${frameEvent.event}`, frameEvent.detail as never));
    }
  }

  #fail(error: CardframeError, final = true): void {
    if (final) {
      this.#stopWatch();
      this.#ready.reject(error);
      // Whatever the frame shows about it, at its size.
      this.#showReportedHeight();
    }
    if (error.code === 'ERR_DESTROYED') return;
    this.dispatchEvent(cardframeEvent('cardframe-error', error.toInfo()));
  }

  #origin(): string {
    return parseFrameUrl(this.effectiveFrameUrl())?.origin ?? '';
  }

  #stopWatch(): void {
    this.#unwatch?.();
    this.#unwatch = undefined;
  }

  /** From now on the iframe takes every height the frame reports, starting with the last one held. */
  #showReportedHeight(): void {
    this._height = this.#heldHeight ?? this._height;
    this.#heldHeight = null;
  }

  /** Ends this frame's connection and its wait, and gives back its turn to load. */
  #disconnect(): void {
    this.#loaded();
    this.#stopWatch();
    this.#heldHeight = undefined;
    this.#ready.reset();
    this.#channel?.close();
    this.#channel = undefined;
  }
}
