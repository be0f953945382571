import { importIssuerSessionKey } from '@cardframe/crypto';
import { CardframeError, toCardframeError, type FieldName } from '@cardframe/protocol';
import { CardView } from '../card-view.ts';
import { reveal } from '../reveal.ts';
import type { Flow, FlowContext } from './flow.ts';

/** Reveal: the cardholder's click makes a session, the host fetches, the frame opens and shows. */
export class RevealFlow implements Flow {
  readonly name = 'reveal' as const;
  readonly element = new CardView();
  readonly #context: FlowContext;
  readonly #issuerKey: Promise<CryptoKey>;
  #configured = false;
  #generation = 0;

  constructor(context: FlowContext) {
    this.#context = context;
    const { sessionKey, oaepHash } = context.config.issuer;
    this.#issuerKey = sessionKey
      ? importIssuerSessionKey(sessionKey, oaepHash)
      : Promise.reject(new CardframeError('ERR_CONFIG', 'no issuer session key is configured'));
    this.#issuerKey.catch(() => undefined);
    this.element.addEventListener('cardframe-reveal-request', () => void this.#reveal());
    this.element.addEventListener('cardframe-hide-request', () => this.hide('user'));
  }

  async configure(requested: readonly FieldName[] | undefined): Promise<readonly FieldName[]> {
    const allowed = this.#context.config.flows.reveal?.fields;
    if (!allowed) throw new CardframeError('ERR_NOT_ALLOWED', 'the reveal flow is not enabled in this frame');
    const fields = requested ?? allowed;
    const widened = fields.filter((field) => !allowed.includes(field));
    if (widened.length > 0) throw new CardframeError('ERR_NOT_ALLOWED', `fields not enabled in this frame: ${widened.join(', ')}`);
    try {
      await this.#issuerKey;
    } catch (error) {
      const failure = toCardframeError(error, 'ERR_KEY_INVALID', 'issuer key is invalid');
      this.#drop();
      this.element.error = failure.toInfo();
      this.element.state = 'unavailable';
      throw failure;
    }
    this.#drop();
    this.element.fields = fields;
    this.element.state = 'ready';
    this.#configured = true;
    return fields;
  }

  hide(reason: 'user' | 'host'): void {
    const wasShowing = this.element.state === 'revealed' || this.element.state === 'revealing';
    this.#drop();
    if (!this.#configured || this.element.state === 'unavailable') return;
    this.element.state = 'ready';
    if (wasShowing) this.#context.channel.emit('hide', { reason });
  }

  destroy(): void {
    this.#drop();
    this.element.remove();
  }

  async #reveal(): Promise<void> {
    const state = this.element.state;
    if (!this.#configured || (state !== 'ready' && state !== 'error')) return;
    const generation = ++this.#generation;
    const fields = this.element.fields;
    this.element.state = 'revealing';
    this.element.error = undefined;
    try {
      const values = await reveal(await this.#issuerKey, fields, (sessionId) => this.#context.channel.request('session', { sessionId }));
      if (generation !== this.#generation) return; // hidden or re-configured meanwhile: drop the result
      this.element.values = values;
      this.element.state = 'revealed';
      this.#context.channel.emit('reveal', { fields });
    } catch (error) {
      if (generation !== this.#generation) return;
      const failure = toCardframeError(error, 'ERR_DECRYPT_FAILED', 'card details could not be revealed');
      this.#drop();
      this.element.error = failure.toInfo();
      this.element.state = 'error';
      this.#context.channel.emit('error', failure.toInfo());
    }
  }

  /** Forgets revealed values and cancels an in-flight reveal. */
  #drop(): void {
    this.#generation++;
    this.element.values = {};
    this.element.error = undefined;
  }
}
