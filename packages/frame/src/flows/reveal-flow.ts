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
import { loadChunk } from '../load-chunk.ts';
import { RevealGroup, type GroupMessage } from '../reveal-group.ts';
import type { RevealedValues } from '../reveal.ts';
import type { Flow, FlowContext } from './flow.ts';
import type { RevealHeld } from './reveal-fetch.ts';
import type { RevealState } from './reveal-state.ts';
import { revealOptions } from './reveal-options.ts';
import { whenIdle } from './when-idle.ts';

type RevealActions = typeof import('./reveal-actions.ts');

let actions: Promise<RevealActions> | undefined;
/** The chunk once loaded, so a copy can start inside the click. */
let loadedActions: RevealActions | undefined;

/** The reveal's acting half (its steps, keys, jose, opening), fetched once per document; a chunk that failed to load is fetched again next time. */
function revealActions(): Promise<RevealActions> {
  if (!actions) {
    actions = loadChunk(import('./reveal-actions.ts'));
    actions.then(
      (loaded) => (loadedActions = loaded),
      () => (actions = undefined),
    );
  }
  return actions;
}
type Statement = import('../binding/bound-request.ts').Statement;

// Every view ships in the first download: a field or copy frame needs its
// view before ready, and fetching it then would put a round trip on that path.
const VIEWS: Record<RevealViewName, () => RevealView> = {
  card: () => new CardView(),
  field: () => new FieldView(),
  copy: () => new CopyView(),
  toggle: () => new CardView(),
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
export class RevealFlow implements Flow, RevealState {
  readonly name = 'reveal' as const;
  readonly element: RevealView;
  // Public for the steps from a click on (flows/reveal-steps.ts) only; see RevealState.
  readonly view: RevealViewName;
  readonly context: FlowContext;
  readonly held: RevealHeld = {};
  mode: RevealModeName = 'session-key';
  fields: readonly FieldName[] = [];
  group: RevealGroup | undefined;
  autoHideSeconds = 0;
  configured = false;
  generation = 0;
  values: RevealedValues = {};
  unavailable: readonly UnavailableFieldInfo[] = [];
  autoHide: ReturnType<typeof setTimeout> | undefined;
  readonly #onPageEvent: (event: Event) => void;
  /** Bound mode, card without a passkey: the unused statement the new passkey will be registered over. */
  #pendingStatement: Statement | undefined;
  #hideOnBlur = false;
  /** Counts configures, so a prefetch started for an earlier one reports nothing. */
  #configureCount = 0;

  constructor(context: FlowContext, view: RevealViewName = 'card') {
    this.context = context;
    this.view = view;
    this.element = VIEWS[view]();
    this.element.testMode = context.config.testMode;
    this.element.addEventListener('cardframe-reveal-request', () => this.reveal());
    this.element.addEventListener('cardframe-hide-request', () => this.#userHide());
    if (view === 'copy') this.element.addEventListener('cardframe-copy-request', () => this.#act((steps) => steps.copy(this)));
    this.element.addEventListener('cardframe-passkey-request', () => this.#createPasskey());
    // Add to wallet: on the card view where the deployment config names a wallet; its code loads on the first click.
    if (view === 'card' && context.config.provisioning) {
      (this.element as CardView).wallet = { status: 'idle' };
      this.element.addEventListener('cardframe-provision-request', () => this.#act((steps) => steps.provision(this)));
    }
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
    const options = revealOptions(this.context.config.flows.reveal, params);
    if (options.mode === 'session-key' && !this.context.config.issuer.sessionKeys) {
      const failure = new CardframeError('ERR_CONFIG', 'no issuer session key is configured');
      this.#drop();
      this.element.error = failure.toInfo();
      this.element.state = 'unavailable';
      throw failure;
    }
    this.#drop();
    this.group?.close();
    this.group = params.group ? new RevealGroup(params.group.id, params.group.fields, (message) => this.#onGroupMessage(message)) : undefined;
    this.mode = options.mode;
    this.fields = options.fields;
    this.autoHideSeconds = options.autoHideSeconds;
    this.#hideOnBlur = options.hideOnBlur;
    if (params.last4) this.element.hint = { ...this.element.hint, last4: params.last4 };
    this.element.fields = options.fields;
    this.element.state = 'ready';
    this.configured = true;
    this.#prefetch(options.mode);
    return options.fields;
  }

  /**
   * Once `ready` is posted and the frame is idle: fetches the reveal's acting
   * chunk and, in session-key mode, the issuer's key set, so a click finds
   * them loaded (a click that comes first waits for them). A key that cannot
   * be used makes the view unavailable and is reported as an error, since
   * Reveal could not work.
   */
  #prefetch(mode: RevealModeName): void {
    const configured = ++this.#configureCount;
    whenIdle(() => {
      if (configured !== this.#configureCount) return;
      revealActions().then(
        (loaded) => {
          if (configured !== this.#configureCount || mode !== 'session-key') return;
          loaded
            .sessionKeyRing(this.context.config)
            ?.preferred()
            .catch((error: unknown) => {
              if (configured !== this.#configureCount || this.element.state !== 'ready') return;
              const failure = toCardframeError(error, 'ERR_KEY_INVALID', 'issuer key is invalid');
              this.#drop();
              this.element.error = failure.toInfo();
              this.element.state = 'unavailable';
              this.context.channel.emit('error', failure.toInfo());
            });
        },
        // A chunk that did not load is fetched again by the click that needs it.
        () => undefined,
      );
    });
  }

  hide(reason: HideReason): void {
    const wasShowing = this.element.state === 'revealed' || this.element.state === 'revealing';
    this.#drop();
    void this.held.responseKeys?.then((keys) => keys.hidden?.());
    if (!this.configured || this.element.state === 'unavailable') return;
    this.element.state = 'ready';
    if (wasShowing) this.context.channel.emit('hide', { reason });
  }

  destroy(): void {
    this.#drop();
    this.group?.close();
    void this.held.responseKeys?.then((keys) => keys.drop());
    document.removeEventListener('visibilitychange', this.#onPageEvent);
    window.removeEventListener('beforeprint', this.#onPageEvent);
    window.removeEventListener('blur', this.#onPageEvent);
    this.element.remove();
  }

  /** Hide pressed: a field masks itself; the card or group toggle masks the whole group. */
  #userHide(): void {
    if (this.view !== 'field') this.group?.post({ type: 'hide', reason: 'user' });
    this.hide('user');
  }

  reveal(): void {
    const state = this.element.state;
    if (!this.configured || (state !== 'ready' && state !== 'error')) return;
    // Held from a fetch another frame of the group made: show it, no new request.
    if (this.fields.length > 0 && this.fields.every((field) => this.values[field] !== undefined || this.unavailable.some((gap) => gap.field === field))) {
      this.#act((steps) => steps.show(this));
      return;
    }
    // Busy from the click on, even while the acting chunk is still on its way.
    const generation = this.generation;
    this.element.state = 'revealing';
    this.element.error = undefined;
    this.#act((steps) => steps.reveal(this, generation));
  }

  /**
   * Bound mode, card without a passkey: on the cardholder's click, creates one
   * in the frame, binds it with `PATCH /`, and goes on with the reveal.
   */
  #createPasskey(): void {
    if (!this.configured || !this.element.passkeyNeeded || this.element.state === 'revealing') return;
    const generation = this.generation;
    const statement = this.#pendingStatement;
    this.#pendingStatement = undefined;
    this.element.state = 'revealing';
    this.element.error = undefined;
    this.#act((steps) => steps.createPasskey(this, statement, generation));
  }

  #onGroupMessage(message: GroupMessage): void {
    if (!this.configured) return;
    if (message.type === 'hide') this.hide(message.reason);
    else this.#act((steps) => steps.groupValues(this, message));
  }

  /**
   * Runs one of the acting steps (flows/reveal-steps.ts): in this task when
   * their chunk is loaded, so a copy stays inside the click as WebKit's
   * clipboard requires; else once it loads, unless the flow was hidden or
   * configured again meanwhile. A chunk that does not load fails the reveal
   * (and is fetched again next time).
   */
  #act(step: (steps: RevealActions) => unknown): void {
    if (loadedActions) {
      void step(loadedActions);
      return;
    }
    const generation = this.generation;
    revealActions().then(
      (loaded) => generation === this.generation && step(loaded),
      (error: unknown) => this.fail(error, generation),
    );
  }

  /** Shows why a reveal failed and tells the host; a card without a passkey offers to create one instead. */
  fail(error: unknown, generation: number): void {
    if (generation !== this.generation) return;
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
    this.context.channel.emit('error', failure.toInfo());
  }

  /** Forgets held and shown values and cancels an in-flight reveal. */
  #drop(): void {
    clearTimeout(this.autoHide);
    this.generation++;
    this.values = {};
    this.unavailable = [];
    this.element.values = {};
    this.element.unavailable = [];
    this.element.error = undefined;
    if (this.view === 'copy') (this.element as CopyView).status = 'idle';
  }
}
