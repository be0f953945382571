import { CardframeError, type CardframeStyle, type ConfigureParams, type ThemeName, type FieldName, type FrameRequest, type JsonValue, type RevealModeName, type RevealViewName } from '@cardframe/protocol';
import type { PropertyDeclarations } from './base-element.ts';
import { FrameElement, type BindingCallbacks } from './frame-element.ts';
import { runHostCallback, type FetchCardData, type FetchEncryptedCard } from './host-callback.ts';

/** What a reveal element needs from the `<cardframe-group>` it belongs to. */
export interface RevealGroupHost extends BindingCallbacks {
  readonly groupId: string;
  readonly frameUrl: string | undefined;
  readonly mode: RevealModeName | undefined;
  readonly last4: string | undefined;
  readonly autoHideSeconds: number | undefined;
  readonly hideOnBlur: boolean;
  readonly theme: ThemeName | undefined;
  readonly locale: string | undefined;
  readonly frameStyle: CardframeStyle | undefined;
  readonly fetchCardData: FetchCardData | undefined;
  readonly fetchEncryptedCard: FetchEncryptedCard | undefined;
  /** Every field its members show or copy. */
  readonly fields: readonly FieldName[];
  register(member: RevealElement): void;
  unregister(member: RevealElement): void;
}

/** Reveal options a group and its members both take; members inherit what they leave unset. */
export const REVEAL_OPTION_PROPERTIES: PropertyDeclarations = {
  mode: {},
  last4: {},
  autoHideSeconds: { attribute: 'auto-hide-seconds', type: Number },
  hideOnBlur: { attribute: 'hide-on-blur', type: Boolean },
  fetchCardData: { attribute: false },
  fetchEncryptedCard: { attribute: false },
};

/**
 * What the card, its separate fields, the copy button and the group toggle
 * share: reveal options, the host callbacks, and membership of a group (the
 * nearest `<cardframe-group>` ancestor, or the one whose id the `group`
 * attribute names). Inside a group, options the element leaves unset come
 * from the group.
 */
export abstract class RevealElement extends FrameElement {
  static override properties: PropertyDeclarations = {
    ...REVEAL_OPTION_PROPERTIES,
    group: {},
  };

  /** `session-key` (seed 001, default) or `key-pair` (the issuer encrypts to a frame key); the frame's config must enable it. */
  declare mode: RevealModeName | undefined;
  /** Id of the `<cardframe-group>` this element belongs to, when it is not inside one. */
  declare group: string | undefined;
  /** Last four PAN digits to show while masked; the frame learns them itself after a reveal. */
  declare last4: string | undefined;
  /** Mask revealed values after this many seconds, if sooner than the frame's config says. */
  declare autoHideSeconds: number | undefined;
  /** Mask revealed values when the frame loses focus. */
  declare hideOnBlur: boolean;
  /** Session-key mode: relays the frame's sessionid to the host's backend. See {@link FetchCardData}. */
  declare fetchCardData: FetchCardData | undefined;
  /** Key-pair mode: relays the frame's public key and returns the issuer's JWE. See {@link FetchEncryptedCard}. */
  declare fetchEncryptedCard: FetchEncryptedCard | undefined;

  protected readonly flow = 'reveal' as const;
  /** How the frame presents this element. */
  protected abstract readonly view: RevealViewName;
  #group: RevealGroupHost | undefined;

  constructor() {
    super();
    this.mode = undefined;
    this.group = undefined;
    this.last4 = undefined;
    this.autoHideSeconds = undefined;
    this.hideOnBlur = false;
    this.fetchCardData = undefined;
    this.fetchEncryptedCard = undefined;
  }

  /** Fields this element shows or copies (the group fetches their union). */
  abstract get ownFields(): readonly FieldName[] | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#joinGroup();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#group?.unregister(this);
    this.#group = undefined;
  }

  /** Called by the group when its options change. */
  groupChanged(): void {
    this.requestUpdate();
    this.reconfigure();
  }

  protected override effectiveFrameUrl(): string | undefined {
    return this.frameUrl ?? this.#group?.frameUrl;
  }

  protected override inheritedAppearance(): RevealGroupHost | undefined {
    return this.#group;
  }

  protected override configureParams(): ConfigureParams {
    const group = this.#group;
    const mode = this.mode ?? group?.mode;
    const last4 = this.last4 ?? group?.last4;
    const autoHideSeconds = this.autoHideSeconds ?? group?.autoHideSeconds;
    const fields = this.ownFields;
    return {
      flow: 'reveal',
      view: this.view,
      ...(fields ? { fields } : {}),
      ...(mode ? { mode } : {}),
      ...(group && group.fields.length > 0 ? { group: { id: group.groupId, fields: group.fields } } : {}),
      ...(last4 ? { last4 } : {}),
      ...(autoHideSeconds ? { autoHideSeconds } : {}),
      ...(this.hideOnBlur || group?.hideOnBlur ? { hideOnBlur: true } : {}),
    };
  }

  protected override configureKeys(): readonly PropertyKey[] {
    return ['mode', 'last4', 'autoHideSeconds', 'hideOnBlur'];
  }

  protected override bindingCallbacks(): BindingCallbacks {
    const group = this.#group;
    return { fetchCard: this.fetchCard ?? group?.fetchCard, bindCard: this.bindCard ?? group?.bindCard, signMessage: this.signMessage ?? group?.signMessage };
  }

  protected handleRequest(request: FrameRequest): Promise<JsonValue> {
    switch (request.method) {
      case 'session': {
        const { sessionId, headers, scope } = request.params;
        const fetchCardData = this.fetchCardData ?? this.#group?.fetchCardData;
        // The issuer gets exactly these headers: the sessionid, and in bound mode the assertion committing to it.
        const card = { headers: { sessionid: sessionId, ...headers }, scope: scope ?? [] };
        return runHostCallback(fetchCardData && ((id: string) => fetchCardData(id, card)), sessionId, 'fetchCardData');
      }
      case 'encrypted-card': {
        const { public_key, nonce, assertion } = request.params;
        const fetchEncryptedCard = this.fetchEncryptedCard ?? this.#group?.fetchEncryptedCard;
        return runHostCallback(fetchEncryptedCard && ((key: typeof public_key) => fetchEncryptedCard(key, { ...(nonce ? { nonce } : {}), ...(assertion ? { assertion } : {}) })), public_key, 'fetchEncryptedCard');
      }
      default:
        return Promise.reject(new CardframeError('ERR_NOT_ALLOWED', 'a card frame only asks for card data'));
    }
  }

  /** The group this element belongs to: the one its `group` attribute names, else the closest ancestor. */
  #findGroup(): RevealGroupHost | undefined {
    const root = this.getRootNode() as Document | ShadowRoot;
    const named = this.group ? root.getElementById?.(this.group) : null;
    const found = (named ?? this.closest('cardframe-group')) as (Element & Partial<RevealGroupHost>) | null;
    return found && typeof found.register === 'function' ? (found as RevealGroupHost) : undefined;
  }

  #joinGroup(): void {
    this.#group = this.#findGroup();
    this.#group?.register(this);
  }

  /**
   * @internal A group calls this on elements that name it by id when it
   * connects: it may come later in the document, or upgrade after them.
   */
  seekGroup(): void {
    if (!this.isConnected || this.#group) return;
    this.#joinGroup();
    if (this.#group) this.groupChanged();
  }
}
