import type { CardframeStyle, FieldName, RevealModeName, ThemeName } from '@cardframe/protocol';
import { BaseElement, type PropertyDeclarations, type PropertyValues } from '../base-element.ts';
import type { BindCard, FetchCard, FetchCardData, FetchEncryptedCard, SignMessage } from '../host-callback.ts';
import { REVEAL_OPTION_PROPERTIES, RevealElement, type RevealGroupHost } from '../reveal-element.ts';

function randomGroupId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * One card shown as separate elements (`<cardframe-pan>`, `<cardframe-cvc>`,
 * `<cardframe-expiry>`, `<cardframe-copy>`, `<cardframe-toggle>`) laid out
 * however the host likes. The members share one session: a reveal in any of
 * them makes one issuer request through this element's callbacks, and the
 * values move between the member frames inside the frame origin, never
 * through this page. It renders its children as they are and adds no box.
 *
 * @tag cardframe-group
 * @slot - the host's markup with the member elements anywhere inside it.
 * @fires cardframe-ready - (from a member, bubbling) that member's frame is ready.
 * @fires cardframe-reveal - (from a member) the cardholder revealed its field.
 * @fires cardframe-hide - (from a member) its field was masked again.
 * @fires cardframe-copy - (from `<cardframe-copy>`) a value was copied; the value is not in the event.
 * @fires cardframe-focus - (from a member) focus moved into its frame.
 * @fires cardframe-blur - (from a member) focus left its frame.
 * @fires cardframe-error - (from a member) something failed there.
 *
 * @example
 * <cardframe-group id="card" frame-url="https://frame.example/">
 *   <div class="artwork"><cardframe-pan></cardframe-pan> <cardframe-expiry></cardframe-expiry> <cardframe-cvc></cardframe-cvc></div>
 *   <cardframe-copy for="pan"></cardframe-copy>
 * </cardframe-group>
 */
export class CardframeGroup extends BaseElement implements RevealGroupHost {
  static override styles = [':host { display: contents; }'];

  static override properties: PropertyDeclarations = {
    ...REVEAL_OPTION_PROPERTIES,
    frameUrl: { attribute: 'frame-url' },
    theme: {},
    locale: {},
    frameStyle: { attribute: false },
    fetchCard: { attribute: false },
    bindCard: { attribute: false },
    signMessage: { attribute: false },
  };

  /** URL of the frame page; members without their own `frame-url` use it. */
  declare frameUrl: string | undefined;
  /** Reveal mode for every member: `session-key` (default) or `key-pair`. */
  declare mode: RevealModeName | undefined;
  /** Last four PAN digits shown while masked. */
  declare last4: string | undefined;
  /** Mask after this many seconds, if sooner than the frame's config says. */
  declare autoHideSeconds: number | undefined;
  /** Mask when a member frame loses focus. */
  declare hideOnBlur: boolean;
  /** `light`, `dark` or `auto` for every member without its own. */
  declare theme: ThemeName | undefined;
  /** BCP 47 language of the members' texts (`en`, `de`, `ar`, …). */
  declare locale: string | undefined;
  /** Style object for every member without its own; the frame checks it against its allowlist. */
  declare frameStyle: CardframeStyle | undefined;
  /** Relays a member frame's sessionid to the host's backend (one call per reveal of the whole card). */
  declare fetchCardData: FetchCardData | undefined;
  /** Key-pair mode: relays a member frame's public key and returns the issuer's JWE. */
  declare fetchEncryptedCard: FetchEncryptedCard | undefined;
  /** Bound mode: fetches the issuer's passkey statement for every member without its own (see the README). */
  declare fetchCard: FetchCard | undefined;
  /** Forwards a member frame's passkey binding to the issuer's `PATCH /`. */
  declare bindCard: BindCard | undefined;
  /** The cardholder's wallet signs a SIWE message (binding view only). */
  declare signMessage: SignMessage | undefined;

  /** Names this card's channel inside the frame origin; fresh for every group, so two cards never share one. */
  readonly groupId = randomGroupId();
  readonly #members = new Set<RevealElement>();

  constructor() {
    super();
    this.hideOnBlur = false;
  }

  /** The member elements, in document order. */
  get members(): readonly RevealElement[] {
    return [...this.#members].sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
  }

  /** Every field the members show or copy; one reveal fetches them all. */
  get fields(): readonly FieldName[] {
    const fields = new Set<FieldName>();
    for (const member of this.members) for (const field of member.ownFields ?? []) fields.add(field);
    return [...fields];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Elements that name this group by id and connected before it (or before it upgraded) join now.
    if (!this.id) return;
    const root = this.getRootNode() as Document | ShadowRoot;
    for (const element of root.querySelectorAll(`[group="${CSS.escape(this.id)}"]`)) {
      if (element instanceof RevealElement) element.seekGroup();
    }
  }

  /** @internal Members call this when they connect. */
  register(member: RevealElement): void {
    this.#members.add(member);
  }

  /** @internal Members call this when they disconnect. */
  unregister(member: RevealElement): void {
    this.#members.delete(member);
  }

  /** Masks every member and drops the values their frames hold. */
  async hide(): Promise<void> {
    await Promise.all(this.members.map((member) => member.hide()));
  }

  /** Resolves once every member's frame is ready; rejects with the first failure. */
  async whenReady(): Promise<void> {
    await Promise.all(this.members.map((member) => member.whenReady()));
  }

  /** Removes the group with all its members and their frames. */
  destroy(): void {
    for (const member of this.members) member.destroy();
    this.remove();
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.size > 0 && this.hasUpdated) for (const member of this.#members) member.groupChanged();
  }

  protected override createRenderRoot(): ShadowRoot {
    const root = super.createRenderRoot();
    root.append(document.createElement('slot'));
    return root;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cardframe-group': CardframeGroup;
  }
}
