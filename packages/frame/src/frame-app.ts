import { importIssuerSessionKey } from '@cardframe/crypto';
import { CardframeError, toCardframeError, type FieldName } from '@cardframe/protocol';
import type { CardView } from './card-view.ts';
import type { FrameConfig } from './config.ts';
import type { Connection } from './connect.ts';
import { HostChannel } from './host-channel.ts';
import { reveal } from './reveal.ts';

/**
 * Wires one connection to one view: host requests narrow or hide, the
 * cardholder's clicks reveal, and every failure becomes an error state in the
 * frame plus an `error` event to the host, never a half-rendered card.
 */
export class FrameApp {
  readonly #view: CardView;
  readonly #config: FrameConfig;
  readonly #channel: HostChannel;
  #issuerKey: Promise<CryptoKey>;
  #configured = false;
  #generation = 0;

  constructor(view: CardView, config: FrameConfig, connection: Connection) {
    this.#view = view;
    this.#config = config;
    this.#issuerKey = importIssuerSessionKey(config.issuer.sessionKey, config.issuer.oaepHash);
    this.#channel = new HostChannel(connection.port, {
      configure: (params) => this.#configure(params.fields),
      hide: () => this.#hide('host'),
    });
    view.addEventListener('cardframe-reveal-request', () => void this.#reveal());
    view.addEventListener('cardframe-hide-request', () => void this.#hide('user'));
    this.#issuerKey.catch((error: unknown) => this.#unavailable(toCardframeError(error, 'ERR_KEY_INVALID', 'issuer key is invalid')));
    this.#observeSize();
  }

  async #configure(requested: readonly FieldName[] | undefined): Promise<void> {
    const allowed = this.#config.flows.reveal?.fields;
    if (!allowed) throw new CardframeError('ERR_NOT_ALLOWED', 'the reveal flow is not enabled in this frame');
    const fields = requested ?? allowed;
    const widened = fields.filter((field) => !allowed.includes(field));
    if (widened.length > 0) throw new CardframeError('ERR_NOT_ALLOWED', `fields not enabled in this frame: ${widened.join(', ')}`);
    await this.#issuerKey;
    this.#drop();
    this.#view.fields = fields;
    this.#view.state = 'ready';
    this.#configured = true;
    this.#channel.emit('ready', { fields });
  }

  async #reveal(): Promise<void> {
    const state = this.#view.state;
    if (!this.#configured || (state !== 'ready' && state !== 'error')) return;
    const generation = ++this.#generation;
    const fields = this.#view.fields;
    this.#view.state = 'revealing';
    this.#view.error = undefined;
    try {
      const values = await reveal(await this.#issuerKey, fields, (sessionId) => this.#channel.requestSession(sessionId));
      if (generation !== this.#generation) return; // hidden or re-configured meanwhile: drop the result
      this.#view.values = values;
      this.#view.state = 'revealed';
      this.#channel.emit('reveal', { fields });
    } catch (error) {
      if (generation !== this.#generation) return;
      const failure = toCardframeError(error, 'ERR_DECRYPT_FAILED', 'card details could not be revealed');
      this.#drop();
      this.#view.error = failure.toInfo();
      this.#view.state = 'error';
      this.#channel.emit('error', failure.toInfo());
    }
  }

  #hide(reason: 'user' | 'host'): void {
    const wasShowing = this.#view.state === 'revealed' || this.#view.state === 'revealing';
    this.#drop();
    if (!this.#configured || this.#view.state === 'unavailable') return;
    this.#view.state = 'ready';
    if (wasShowing) this.#channel.emit('hide', { reason });
  }

  /** Forgets revealed values and cancels an in-flight reveal. */
  #drop(): void {
    this.#generation++;
    this.#view.values = {};
    this.#view.error = undefined;
  }

  #unavailable(error: CardframeError): void {
    this.#drop();
    this.#view.error = error.toInfo();
    this.#view.state = 'unavailable';
    this.#channel.emit('error', error.toInfo());
  }

  #observeSize(): void {
    let last = -1;
    new ResizeObserver(() => {
      const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
      if (height !== last) {
        last = height;
        this.#channel.emit('resize', { height });
      }
    }).observe(document.documentElement);
  }
}
