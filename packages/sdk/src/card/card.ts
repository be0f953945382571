import { CardframeError, FIELD_NAMES, type ConfigureRequest, type FieldName, type FrameRequest, type JsonValue, type RevealModeName } from '@cardframe/protocol';
import type { PropertyDeclarations } from 'lit';
import { FrameElement } from '../frame-element.ts';
import { runHostCallback, type FetchCardData, type FetchEncryptedCard } from '../host-callback.ts';

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
 * @fires cardframe-hide - the fields were masked again.
 * @fires cardframe-error - something failed; `detail` is `{code, message, status?}`.
 * @csspart frame - the iframe.
 * @cssproperty --cardframe-initial-height - iframe height before the frame reports its own.
 */
export class CardframeCard extends FrameElement {
  static override properties: PropertyDeclarations = {
    fields: { converter: fieldsConverter },
    mode: {},
    fetchCardData: { attribute: false },
    fetchEncryptedCard: { attribute: false },
  };

  /** Narrows the fields shown; the frame refuses any its config does not enable. */
  declare fields: FieldName[] | undefined;
  /** `session-key` (seed 001, default) or `key-pair` (the issuer encrypts to a frame key); the frame's config must enable it. */
  declare mode: RevealModeName | undefined;
  /** Session-key mode: relays the frame's sessionid to the host's backend. See {@link FetchCardData}. */
  declare fetchCardData: FetchCardData | undefined;
  /** Key-pair mode: relays the frame's public key and returns the issuer's JWE. See {@link FetchEncryptedCard}. */
  declare fetchEncryptedCard: FetchEncryptedCard | undefined;

  protected readonly flow = 'reveal' as const;

  constructor() {
    super();
    this.fields = undefined;
    this.mode = undefined;
    this.fetchCardData = undefined;
    this.fetchEncryptedCard = undefined;
  }

  protected override configureParams(): ConfigureRequest['params'] {
    return { flow: 'reveal', ...(this.fields ? { fields: this.fields } : {}), ...(this.mode ? { mode: this.mode } : {}) };
  }

  protected override configureKeys(): readonly PropertyKey[] {
    return ['fields', 'mode'];
  }

  protected handleRequest(request: FrameRequest): Promise<JsonValue> {
    switch (request.method) {
      case 'session':
        return runHostCallback(this.fetchCardData, request.params.sessionId, 'fetchCardData');
      case 'encrypted-card':
        return runHostCallback(this.fetchEncryptedCard, request.params.public_key, 'fetchEncryptedCard');
      default:
        return Promise.reject(new CardframeError('ERR_NOT_ALLOWED', 'a card frame only asks for card data'));
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cardframe-card': CardframeCard;
  }
}
