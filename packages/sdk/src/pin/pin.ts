import type { PropertyDeclarations } from '../base-element.ts';
import { FrameElement } from '../frame-element.ts';
import type { RegisterDevice, SubmitPin } from '../host-callback.ts';

/**
 * Lets the cardholder set or change their card PIN inside a cross-origin
 * iframe. The frame seals `{"pin":"…"}` as a JWE to the issuer's key (and
 * signs it with a device-binding key where the issuer asks for one); the host
 * only forwards the sealed result through `submitPin`. The host learns the
 * entry's state (`complete`, `valid`, error codes), never a digit or the length.
 *
 * @tag cardframe-pin
 * @fires cardframe-ready - the PIN entry is ready.
 * @fires cardframe-change - `{complete, valid, error?}` as the cardholder types.
 * @fires cardframe-submit - `{flow: 'pin', status, changeRequestId?}` once the issuer accepted the PIN.
 * @fires cardframe-focus - focus moved into the frame.
 * @fires cardframe-blur - focus left the frame.
 * @fires cardframe-error - something failed; the entry keeps its input for a retry.
 * @csspart frame - the iframe.
 */
export class CardframePin extends FrameElement {
  static override properties: PropertyDeclarations = {
    submitPin: { attribute: false },
    registerDevice: { attribute: false },
  };

  /** Forwards `{encrypted_pin, key_id, device_id?, signature?, assertion?}` to the host's backend, as is. */
  declare submitPin: SubmitPin | undefined;
  /** Registers the frame's device-binding public key; needed where the frame config binds devices. */
  declare registerDevice: RegisterDevice | undefined;

  readonly flow = 'pin' as const;

  constructor() {
    super();
    this.frameTitle = 'Set card PIN';
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cardframe-pin': CardframePin;
  }
}
