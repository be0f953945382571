import { CardframeError, type FrameRequest, type JsonValue } from '@cardframe/protocol';
import type { PropertyDeclarations } from '../base-element.ts';
import { FrameElement } from '../frame-element.ts';
import { runHostCallback, type RegisterDevice, type SubmitPin } from '../host-callback.ts';

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

  protected readonly flow = 'pin' as const;

  constructor() {
    super();
    this.frameTitle = 'Set card PIN';
    this.submitPin = undefined;
    this.registerDevice = undefined;
  }

  protected handleRequest(request: FrameRequest): Promise<JsonValue> {
    switch (request.method) {
      case 'pin':
        return runHostCallback(this.submitPin, request.params, 'submitPin');
      case 'register-device':
      {
        const { public_key, assertion } = request.params;
        const registerDevice = this.registerDevice;
        return runHostCallback(registerDevice && ((key: typeof public_key) => registerDevice(key, assertion ? { assertion } : {})), public_key, 'registerDevice');
      }
      default:
        return Promise.reject(new CardframeError('ERR_NOT_ALLOWED', 'a PIN frame does not ask for card data'));
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cardframe-pin': CardframePin;
  }
}
