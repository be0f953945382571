import type { CardframeStyle, ConfigureParams, ThemeName, FieldName, RevealModeName, RevealViewName } from '@cardframe/protocol';
import type { PropertyDeclarations } from './base-element.ts';
import { FrameElement, type BindingCallbacks, type Unset } from './frame-element.ts';
import type { FetchCardData, FetchEncryptedCard } from './host-callback.ts';

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

  readonly flow = 'reveal' as const;
  /** How the frame presents this element. */
  protected abstract readonly view: RevealViewName;
  #group: RevealGroupHost | undefined;

  constructor() {
    super();
    this.hideOnBlur = false;
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

  protected override configureParams(): Unset<ConfigureParams> {
    const group = this.#group;
    return {
      flow: 'reveal',
      view: this.view,
      fields: this.ownFields,
      mode: this.mode ?? group?.mode,
      group: !!group?.fields.length && { id: group.groupId, fields: group.fields },
      last4: this.last4 ?? group?.last4,
      autoHideSeconds: this.autoHideSeconds ?? group?.autoHideSeconds,
      hideOnBlur: this.hideOnBlur || group?.hideOnBlur,
    };
  }

  protected override configureKeys(): readonly PropertyKey[] {
    return ['mode', 'last4', 'autoHideSeconds', 'hideOnBlur'];
  }

  /** @internal Callbacks the element leaves unset come from its group. */
  override hostCallback(name: string): unknown {
    return super.hostCallback(name) ?? (this.#group as unknown as Record<string, unknown> | undefined)?.[name];
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
