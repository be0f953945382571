import { FIELD_NAMES, type FieldName } from '@cardframe/protocol';
import type { PropertyDeclarations } from '../base-element.ts';
import { RevealElement } from '../reveal-element.ts';

const fieldsConverter = {
  fromAttribute: (value: string | null): FieldName[] | undefined =>
    value === null ? undefined : value.split(/[\s,]+/).filter((name): name is FieldName => (FIELD_NAMES as readonly string[]).includes(name)),
  toAttribute: (value: readonly FieldName[] | undefined): string | null => (value ? value.join(' ') : null),
};

/**
 * Shows a card's PAN, CVC, expiry (and PIN, where enabled) inside a
 * cross-origin iframe. The host page supplies `fetchCardData`, which relays
 * the frame's sessionid to the host's backend; the card data stays encrypted
 * until it is inside the frame, and the cardholder reveals it there.
 *
 * @tag cardframe-card
 * @fires cardframe-ready - the frame is connected and can reveal `detail.fields`.
 * @fires cardframe-reveal - the cardholder revealed `detail.fields`.
 * @fires cardframe-hide - the fields were masked again; `detail.reason` says why.
 * @fires cardframe-bind - (bound mode) the cardholder created the card's first passkey in the frame: `{scope: 'webauthn', credentialId?}`.
 * @fires cardframe-provision - Add to wallet (where the frame config enables it) ended: `{outcome: 'added' | 'cancelled' | 'failed', code?}`, never the credentials.
 * @fires cardframe-focus - focus moved into the frame.
 * @fires cardframe-blur - focus left the frame.
 * @fires cardframe-error - something failed; `detail` is `{code, message, status?}`.
 * @csspart frame - the iframe.
 * @cssproperty --cardframe-initial-height - iframe height before the frame reports its own.
 */
export class CardframeCard extends RevealElement {
  static override properties: PropertyDeclarations = {
    fields: { converter: fieldsConverter },
  };

  /** Narrows the fields shown; the frame refuses any its config does not enable. */
  declare fields: FieldName[] | undefined;

  protected readonly view = 'card' as const;

  get ownFields(): readonly FieldName[] | undefined {
    return this.fields;
  }

  protected override configureKeys(): readonly PropertyKey[] {
    return [...super.configureKeys(), 'fields'];
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cardframe-card': CardframeCard;
  }
}
