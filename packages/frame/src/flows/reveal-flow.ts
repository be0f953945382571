import type { KeyRing } from '@cardframe/crypto';
import {
  CardframeError,
  toCardframeError,
  type ConfigureParams,
  type FieldName,
  type HideReason,
  type RevealModeName,
  type RevealViewName,
  type UnavailableFieldInfo,
} from '@cardframe/protocol';
import { CardView } from '../views/card-view.ts';
import type { RevealView } from '../views/reveal-view.ts';
import { CopyView } from '../views/copy-view.ts';
import { FieldView } from '../views/field-view.ts';
import { replyVerifier, responseKeys } from '../keys/format-loader.ts';
import type { FrameResponseKeys, ReplyVerifier } from '../keys/key-format.ts';
import { keyWasRejected } from '../keys/key-rejected.ts';
import { sessionKeyRing, type SessionKey } from '../keys/session-key-ring.ts';
import type { RateLimit } from '../rate-limit.ts';
import { revealLimit } from '../frame-limits.ts';
import { RevealGroup, type GroupMessage } from '../reveal-group.ts';
import { PROFILE_FIELDS, reveal, revealWithKeyPair, type RevealedValues, type RevealResult } from '../reveal.ts';
import { copyField } from './copy-field.ts';
import { canTrackVisibility, frameVisibility, type Visibility } from './frame-visibility.ts';
import type { Flow, FlowContext } from './flow.ts';
import { revealOptions } from './reveal-options.ts';

type Binding = typeof import('../binding/bound-request.ts');
type Statement = import('../binding/bound-request.ts').Statement;

const VIEWS: Record<RevealViewName, () => RevealView> = {
  card: () => new CardView(),
  field: () => new FieldView(),
  copy: () => new CopyView(),
  toggle: () => new CardView(),
};

/** Why a copy was refused, by what the visibility check found (never card data). */
const COPY_NOT_VISIBLE: Record<Exclude<Visibility, { visible: true }>['reason'], string> = {
  obscured: 'the copy button was covered by something on the page, so nothing was copied',
  offscreen: 'the copy button was not fully on screen, so nothing was copied',
  unknown: 'the frame could not tell that the copy button was visible, so nothing was copied',
};

/**
 * Reveal: the cardholder's click starts it, the host fetches through its
 * backend, the frame opens and shows. Session-key mode wraps a fresh secret
 * to the issuer's preferred key (retrying once with a refreshed key set if
 * the issuer says that key is retired); key-pair mode has the issuer encrypt
 * to a key the frame holds.
 *
 * A frame in a group (one field of a card on the host's artwork, its copy
 * button, its toggle) fetches every field of the group at once and hands the
 * others their values over the group's channel, so a card costs one issuer
 * request however many frames show it. Each frame keeps only its own
 * fields, and only until they are hidden, time out, or the page is hidden.
 */
export class RevealFlow implements Flow {
  readonly name = 'reveal' as const;
  readonly element: RevealView;
  readonly #view: RevealViewName;
  readonly #context: FlowContext;
  readonly #sessionKeys: ReturnType<typeof sessionKeyRing>;
  #responseKeys: Promise<FrameResponseKeys> | undefined;
  #replyVerifier: Promise<ReplyVerifier | undefined> | undefined;
  readonly #limit: RateLimit;
  readonly #onPageEvent: (event: Event) => void;
  #mode: RevealModeName = 'session-key';
  #fields: readonly FieldName[] = [];
  #group: RevealGroup | undefined;
  #hideOnBlur = false;
  #autoHideSeconds = 0;
  #configured = false;
  #generation = 0;
  /** This frame's own fields from the last fetch; shown or merely held. */
  #values: RevealedValues = {};
  /** This frame's own fields the last fetch could not show (a profile member the issuer's answer lacked). */
  #unavailable: readonly UnavailableFieldInfo[] = [];
  #autoHide: ReturnType<typeof setTimeout> | undefined;
  /** Bound mode: the WebAuthn chunk, loaded on the first reveal. */
  #binding: Promise<Binding> | undefined;
  /** Bound mode, card without a passkey: the unused statement the new passkey will be registered over. */
  #pendingStatement: Statement | undefined;

  constructor(context: FlowContext, view: RevealViewName = 'card') {
    this.#context = context;
    this.#view = view;
    this.element = VIEWS[view]();
    this.element.testMode = context.config.testMode;
    this.#sessionKeys = sessionKeyRing(context.config);
    this.#limit = revealLimit(context.config);
    this.element.addEventListener('cardframe-reveal-request', () => void this.#reveal());
    this.element.addEventListener('cardframe-hide-request', () => this.#userHide());
    this.element.addEventListener('cardframe-copy-request', () => this.#copy());
    this.element.addEventListener('cardframe-passkey-request', () => void this.#createPasskey());
    // Whatever is on screen goes when the page is hidden, printed, or (if asked) loses focus.
    this.#onPageEvent = (event) => {
      if (event.type === 'visibilitychange' && document.visibilityState === 'hidden') this.hide('page-hidden');
      else if (event.type === 'beforeprint') this.hide('print');
      else if (event.type === 'blur' && this.#hideOnBlur) this.hide('blur');
    };
    document.addEventListener('visibilitychange', this.#onPageEvent);
    window.addEventListener('beforeprint', this.#onPageEvent);
    window.addEventListener('blur', this.#onPageEvent);
  }

  async configure(params: ConfigureParams): Promise<readonly FieldName[]> {
    const options = revealOptions(this.#context.config.flows.reveal, params);
    try {
      // Session-key mode needs a usable issuer key before it can offer Reveal.
      if (options.mode === 'session-key') {
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
    this.#group?.close();
    this.#group = params.group ? new RevealGroup(params.group.id, params.group.fields, (message) => this.#onGroupMessage(message)) : undefined;
    this.#mode = options.mode;
    this.#fields = options.fields;
    this.#autoHideSeconds = options.autoHideSeconds;
    this.#hideOnBlur = options.hideOnBlur;
    if (params.last4) this.element.hint = { ...this.element.hint, last4: params.last4 };
    this.element.fields = options.fields;
    this.element.state = 'ready';
    this.#configured = true;
    return options.fields;
  }

  hide(reason: HideReason): void {
    const wasShowing = this.element.state === 'revealed' || this.element.state === 'revealing';
    this.#drop();
    void this.#responseKeys?.then((keys) => keys.hidden?.());
    if (!this.#configured || this.element.state === 'unavailable') return;
    this.element.state = 'ready';
    if (wasShowing) this.#context.channel.emit('hide', { reason });
  }

  destroy(): void {
    this.#drop();
    this.#group?.close();
    void this.#responseKeys?.then((keys) => keys.drop());
    document.removeEventListener('visibilitychange', this.#onPageEvent);
    window.removeEventListener('beforeprint', this.#onPageEvent);
    window.removeEventListener('blur', this.#onPageEvent);
    this.element.remove();
  }

  /** Hide pressed: a field masks itself; the card or group toggle masks the whole group. */
  #userHide(): void {
    if (this.#view !== 'field') this.#group?.post({ type: 'hide', reason: 'user' });
    this.hide('user');
  }

  async #reveal(): Promise<void> {
    const state = this.element.state;
    if (!this.#configured || (state !== 'ready' && state !== 'error')) return;
    // Held from a fetch another frame of the group made: show it, no new request.
    if (this.#fields.length > 0 && this.#fields.every((field) => this.#values[field] !== undefined || this.#unavailable.some((gap) => gap.field === field))) {
      await this.#show();
      return;
    }
    const generation = this.#generation;
    this.element.state = 'revealing';
    this.element.error = undefined;
    try {
      // The card view and the group toggle reveal the whole card; a field reveals itself only.
      await this.#fetch(this.#view !== 'field');
      if (generation !== this.#generation) return; // hidden or re-configured meanwhile: drop the result
      await this.#show();
    } catch (error) {
      this.#fail(error, generation);
    }
  }

  /**
   * One fetch for the whole group: opens every field the group shows, keeps
   * this frame's own, and hands the rest to the group. Resolves with this
   * frame's values and those of its fields the answer could not show.
   */
  async #fetch(showEverywhere: boolean): Promise<RevealResult> {
    this.#limit.take('reveal');
    const generation = this.#generation;
    const fields = [...new Set([...this.#fields, ...(this.#group?.fields ?? [])])];
    const { channel } = this.#context;
    const binding = this.#bound() ? await (this.#binding ??= import('../binding/bound-request.ts')) : undefined;
    const rpId = binding?.frameRpId(this.#context.config.issuer.binding?.rpId);
    // Bound mode: each request goes with a fresh passkey assertion committing to it, made inside this click.
    const { values, unavailable }: RevealResult =
      this.#mode === 'key-pair'
        ? {
            values: await revealWithKeyPair(
              await (this.#responseKeys ??= responseKeys(this.#context.config)),
              fields,
              async (public_key, nonce) =>
                binding
                  ? binding.boundCall(async () => channel.request('encrypted-card', { public_key, nonce, assertion: await binding.boundAssertion(channel, rpId!, () => binding.commitments.publicKey(public_key)) }))
                  : channel.request('encrypted-card', { public_key, nonce }),
              await (this.#replyVerifier ??= replyVerifier(this.#context.config)),
            ),
            unavailable: [],
          }
        : await this.#sessionKeys!.run(
            (key) =>
              reveal(
                key.key,
                fields,
                async (sessionId) => {
                  if (!binding) return channel.request('session', { sessionId });
                  const assertion = await binding.boundAssertion(channel, rpId!, () => binding.commitments.session(sessionId));
                  return binding.boundCall(() => channel.request('session', { sessionId, headers: { 'cardframe-assertion': binding.assertionHeader(assertion) } }));
                },
                this.#context.config.issuer.profile,
              ),
            keyWasRejected,
          );
    if (generation !== this.#generation) throw new CardframeError('ERR_DESTROYED', 'hidden while revealing');
    this.#group?.post(unavailable.length === 0 ? { type: 'values', values, show: showEverywhere } : { type: 'values', values, unavailable, show: showEverywhere });
    this.#hold(values, unavailable);
    return { values: this.#values, unavailable: this.#unavailable };
  }

  /** Keeps this frame's own fields from a fetch, until hidden or timed out. */
  #hold(values: RevealedValues, unavailable: readonly UnavailableFieldInfo[]): void {
    const own: RevealedValues = {};
    for (const field of this.#fields) if (values[field] !== undefined) own[field] = values[field];
    this.#values = own;
    this.#unavailable = unavailable.filter((gap) => this.#fields.includes(gap.field));
    // Shape and last four stay after the values go (PCI DSS allows showing them).
    if (values.pan) this.element.hint = { length: values.pan.length, prefix: values.pan.slice(0, 2), last4: values.pan.slice(-4) };
    clearTimeout(this.#autoHide);
    if (this.#autoHideSeconds > 0) this.#autoHide = setTimeout(() => this.hide('timeout'), this.#autoHideSeconds * 1000);
  }

  async #show(): Promise<void> {
    const generation = this.#generation;
    this.element.values = this.#view === 'copy' ? {} : this.#values;
    // Session-key reveals take expiry from the plaintext profile; key-pair replies carry it encrypted (and signed, where configured).
    this.element.profileFields = this.#mode === 'session-key' ? PROFILE_FIELDS : [];
    this.element.unavailable = this.#unavailable.map((gap) => gap.field);
    this.element.state = 'revealed';
    // Announce the reveal once the values are in the DOM, not before.
    await this.element.updateComplete;
    if (generation !== this.#generation || this.#view === 'copy' || this.#fields.length === 0) return;
    const unavailable = this.#unavailable;
    const fields = this.#fields.filter((field) => this.#values[field] !== undefined);
    this.#context.channel.emit('reveal', unavailable.length === 0 ? { fields } : { fields, unavailable });
  }

  #onGroupMessage(message: GroupMessage): void {
    if (!this.#configured) return;
    if (message.type === 'hide') {
      this.hide(message.reason);
      return;
    }
    this.#hold(message.values, message.unavailable ?? []);
    if (message.show && this.element.state !== 'unavailable') void this.#show();
  }

  /**
   * Copy, inside the click, once a check says the cardholder could see the
   * button (a host may lay a transparent element over the frame and let the
   * click through). Where the engine cannot see covering elements (no
   * Intersection Observer v2: WebKit, Firefox) the clipboard write starts at
   * once, inside the click's activation as WebKit requires, and gets its text
   * only after the check; Chromium checks first and writes after, within the
   * activation it keeps. The view says how it went; a failed fetch is a
   * reveal failure.
   */
  #copy(): void {
    const view = this.element;
    if (!(view instanceof CopyView)) return;
    const field = this.#fields[0];
    if (!this.#configured || !field || view.state === 'revealing' || view.state === 'unavailable') return;
    const generation = this.#generation;
    view.status = 'idle';
    view.error = undefined;
    const visibility = frameVisibility(view.shadowRoot?.querySelector('button') ?? view);
    if (canTrackVisibility()) {
      void visibility.then((seen) => {
        if (generation !== this.#generation) return;
        if (seen.visible) {
          this.#copyField(view, field, generation, visibility);
          return;
        }
        const refused = new CardframeError('ERR_COPY_REFUSED', COPY_NOT_VISIBLE[seen.reason]);
        view.error = refused.toInfo();
        view.status = seen.reason === 'obscured' ? 'obscured' : 'refused';
        this.#context.channel.emit('error', refused.toInfo());
      });
      return;
    }
    const gate = visibility.then((seen) => {
      if (!seen.visible) throw new CardframeError('ERR_COPY_REFUSED', COPY_NOT_VISIBLE[seen.reason]);
    });
    this.#copyField(view, field, generation, visibility, gate);
  }

  #copyField(view: CopyView, field: FieldName, generation: number, visibility: Promise<Visibility>, gate?: Promise<void>): void {
    const held = this.#values[field];
    const copied = copyField(
      field,
      held,
      async () => {
        const { values, unavailable } = await this.#fetch(false);
        const gap = unavailable.find((entry) => entry.field === field);
        if (gap) throw new CardframeError(gap.code, `the issuer response has no readable ${field}`);
        return values;
      },
      gate,
    );
    if (held === undefined) view.state = 'revealing';
    copied.then(
      async (written) => {
        const seen = await visibility;
        if (generation !== this.#generation) return;
        view.state = 'ready';
        if (written) {
          view.status = 'copied';
          this.#context.channel.emit('copy', { field });
          return;
        }
        const refused = new CardframeError('ERR_COPY_REFUSED', seen.visible ? 'the browser refused to write to the clipboard' : COPY_NOT_VISIBLE[seen.reason]);
        view.error = refused.toInfo();
        view.status = seen.visible ? 'refused' : seen.reason === 'obscured' ? 'obscured' : 'refused';
        this.#context.channel.emit('error', refused.toInfo());
      },
      (error: unknown) => this.#fail(error, generation),
    );
  }

  #bound(): boolean {
    return this.#context.config.issuer.binding?.mode === 'bound';
  }

  /**
   * Bound mode, card without a passkey: on the cardholder's click, creates one
   * in the frame, binds it with `PATCH /`, and goes on with the reveal.
   */
  async #createPasskey(): Promise<void> {
    if (!this.#configured || !this.element.passkeyNeeded || this.element.state === 'revealing') return;
    const generation = this.#generation;
    const statement = this.#pendingStatement;
    this.#pendingStatement = undefined;
    this.element.state = 'revealing';
    this.element.error = undefined;
    try {
      const binding = await (this.#binding ??= import('../binding/bound-request.ts'));
      const result = await binding.registerPasskey(this.#context.channel, binding.frameRpId(this.#context.config.issuer.binding?.rpId), location.hostname, statement);
      if (generation !== this.#generation) return;
      this.element.passkeyNeeded = false;
      this.#context.channel.emit('bind', result.scope === 'webauthn' && result.credentialId ? { scope: 'webauthn', credentialId: result.credentialId } : { scope: 'webauthn' });
      this.element.state = 'ready';
      await this.#reveal();
    } catch (error) {
      this.#fail(error, generation);
    }
  }

  #fail(error: unknown, generation: number): void {
    if (generation !== this.#generation) return;
    // No passkey yet: the card view offers to create one (the prompt waits for
    // the cardholder's click); a field or copy frame reports ERR_PASSKEY_UNKNOWN.
    if (error instanceof CardframeError && 'statement' in error && this.element instanceof CardView) {
      this.#drop();
      this.#pendingStatement = (error as CardframeError & { statement: Statement }).statement;
      this.element.passkeyNeeded = true;
      this.element.state = 'ready';
      return;
    }
    const failure = toCardframeError(error, 'ERR_DECRYPT_FAILED', 'card details could not be revealed');
    this.#drop();
    this.element.error = failure.toInfo();
    this.element.state = 'error';
    this.#context.channel.emit('error', failure.toInfo());
  }

  /** Forgets held and shown values and cancels an in-flight reveal. */
  #drop(): void {
    clearTimeout(this.#autoHide);
    this.#generation++;
    this.#values = {};
    this.#unavailable = [];
    this.element.values = {};
    this.element.unavailable = [];
    this.element.error = undefined;
    if (this.element instanceof CopyView) this.element.status = 'idle';
  }
}
