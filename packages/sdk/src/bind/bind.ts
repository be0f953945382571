import { FrameElement } from '../frame-element.ts';

/**
 * Binds a card to its cardholder (seed 001's `scope=webauthn` / `scope=siwe`
 * and `PATCH /`) inside a cross-origin iframe: a passkey created or used in
 * the frame, on the frame's own domain, or the cardholder's wallet on this
 * page signing the issuer's Sign-In with Ethereum message. The host relays
 * the issuer calls through `fetchCard` and `bindCard`, and signs through
 * `signMessage`; no card data is involved. The prompts start only from the
 * cardholder's click in the frame.
 *
 * @tag cardframe-bind
 * @fires cardframe-ready - the binding view is ready.
 * @fires cardframe-bind - the card was bound: `{scope: 'webauthn', credentialId?}` or `{scope: 'siwe', address?}`.
 * @fires cardframe-focus - focus moved into the frame.
 * @fires cardframe-blur - focus left the frame.
 * @fires cardframe-error - something failed; `detail.code` is e.g. `ERR_PASSKEY_CANCELLED`, `ERR_BINDING_REFUSED` (with `issuerCode`), `ERR_SIGN_REFUSED`.
 * @csspart frame - the iframe.
 * @cssproperty --cardframe-initial-height - iframe height before the frame reports its own.
 */
export class CardframeBind extends FrameElement {
  readonly flow = 'bind' as const;

  constructor() {
    super();
    this.frameTitle = 'Confirm your card';
  }

  // The binding view asks for passkeys whatever its callbacks: its iframe always allows them for the frame origin.
  protected override usesPasskeys(): boolean {
    return true;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cardframe-bind': CardframeBind;
  }
}
