import { ResponseKeys, type KeyRing } from '@cardframe/crypto';
import { CardframeError, toCardframeError, type ConfigureRequest, type FieldName, type RevealModeName } from '@cardframe/protocol';
import { CardView } from '../card-view.ts';
import { keyWasRejected, sessionKeyRing, type SessionKey } from '../key-rings.ts';
import { RateLimit } from '../rate-limit.ts';
import { reveal, revealWithKeyPair } from '../reveal.ts';
import type { Flow, FlowContext } from './flow.ts';

/**
 * Reveal: the cardholder's click starts it, the host fetches through its
 * backend, the frame opens and shows. Session-key mode wraps a fresh secret
 * to the issuer's preferred key (retrying once with a refreshed key set if
 * the issuer says that key is retired); key-pair mode has the issuer encrypt
 * to a key the frame holds.
 */
export class RevealFlow implements Flow {
  readonly name = 'reveal' as const;
  readonly element = new CardView();
  readonly #context: FlowContext;
  readonly #sessionKeys: KeyRing<SessionKey> | undefined;
  readonly #responseKeys: ResponseKeys;
  readonly #limit: RateLimit;
  #mode: RevealModeName = 'session-key';
  #configured = false;
  #generation = 0;
  #autoHide: ReturnType<typeof setTimeout> | undefined;

  constructor(context: FlowContext) {
    this.#context = context;
    this.element.testMode = context.config.testMode;
    this.#sessionKeys = sessionKeyRing(context.config);
    this.#responseKeys = new ResponseKeys({ alg: context.config.flows.reveal?.responseKeyAlg ?? 'ECDH-ES' });
    this.#limit = new RateLimit(context.config.flows.reveal?.maxPerMinute ?? 10, 60_000);
    this.element.addEventListener('cardframe-reveal-request', () => void this.#reveal());
    this.element.addEventListener('cardframe-hide-request', () => this.hide('user'));
  }

  async configure({ fields: requested, mode: requestedMode }: ConfigureRequest['params']): Promise<readonly FieldName[]> {
    const reveal = this.#context.config.flows.reveal;
    if (!reveal) throw new CardframeError('ERR_NOT_ALLOWED', 'the reveal flow is not enabled in this frame');
    const fields = requested ?? reveal.fields;
    const widened = fields.filter((field) => !reveal.fields.includes(field));
    if (widened.length > 0) throw new CardframeError('ERR_NOT_ALLOWED', `fields not enabled in this frame: ${widened.join(', ')}`);
    const mode = requestedMode ?? reveal.modes[0]!;
    if (!reveal.modes.includes(mode)) throw new CardframeError('ERR_NOT_ALLOWED', `the ${mode} reveal is not enabled in this frame`);
    try {
      // Session-key mode needs a usable issuer key before it can offer Reveal.
      if (mode === 'session-key') {
        if (!this.#sessionKeys) throw new CardframeError('ERR_CONFIG', 'no issuer session key is configured');
        await this.#sessionKeys.preferred();
      }
    } catch (error) {
      const failure = toCardframeError(error, 'ERR_KEY_INVALID', 'issuer key is invalid');
      this.#drop();
      this.element.error = failure.toInfo();
      this.element.state = 'unavailable';
      throw failure;
    }
    this.#drop();
    this.#mode = mode;
    this.element.fields = fields;
    this.element.state = 'ready';
    this.#configured = true;
    return fields;
  }

  hide(reason: 'user' | 'host' | 'timeout'): void {
    const wasShowing = this.element.state === 'revealed' || this.element.state === 'revealing';
    this.#drop();
    if (!this.#configured || this.element.state === 'unavailable') return;
    this.element.state = 'ready';
    if (wasShowing) this.#context.channel.emit('hide', { reason });
  }

  destroy(): void {
    this.#drop();
    this.#responseKeys.drop();
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
      this.#limit.take('reveal');
      const { channel } = this.#context;
      const values =
        this.#mode === 'key-pair'
          ? await revealWithKeyPair(this.#responseKeys, fields, (public_key) => channel.request('encrypted-card', { public_key }))
          : await this.#sessionKeys!.run(
              (key) => reveal(key.key, fields, (sessionId) => channel.request('session', { sessionId })),
              keyWasRejected,
            );
      if (generation !== this.#generation) return; // hidden or re-configured meanwhile: drop the result
      this.element.values = values;
      this.element.state = 'revealed';
      // Announce the reveal once the values are in the DOM, not before.
      await this.element.updateComplete;
      if (generation !== this.#generation) return;
      this.#context.channel.emit('reveal', { fields });
      const seconds = this.#context.config.flows.reveal?.autoHideSeconds ?? 0;
      if (seconds > 0) this.#autoHide = setTimeout(() => this.hide('timeout'), seconds * 1000);
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
    clearTimeout(this.#autoHide);
    this.#generation++;
    this.element.values = {};
    this.element.error = undefined;
  }
}
