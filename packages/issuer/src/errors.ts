import type { BindingIssuerCode } from '@cardframe/protocol';

/** Error codes the issuer toolkit raises; the sandbox issuer sends them as `{"error":{"code","message"}}`. */
export type IssuerErrorCode =
  | 'invalid_session_id'
  | 'card_not_found'
  | 'invalid_key'
  | 'invalid_request'
  | 'sandbox_fault'
  /** `key_id` names no PIN key the issuer holds. */
  | 'unknown_key'
  /** The key was trusted once but has been retired by a rotation: fetch the current keys. */
  | 'retired_key'
  /** `key_id` and the JWE's `kid` header differ. */
  | 'key_id_mismatch'
  /** The JWE is malformed, uses a refused algorithm, or does not decrypt. */
  | 'invalid_encrypted_pin'
  /** The decrypted payload is not `{"pin":"<digits>"}`. */
  | 'invalid_pin'
  /** The PIN is one an attacker tries first (common list, run, repeat, year); only with `refuseGuessable`. */
  | 'guessable_pin'
  /** The device signature does not verify. */
  | 'invalid_signature'
  /** The device is unknown or not bound to this card. */
  | 'device_not_bound'
  | 'change_request_not_found'
  /** A refused binding or bound request: the binding contract's codes, listed once in protocol. */
  | BindingIssuerCode;

/** An issuer-side error with a stable code and the HTTP status it maps to. */
export class IssuerError extends Error {
  readonly code: IssuerErrorCode;
  readonly status: number;

  constructor(code: IssuerErrorCode, status: number, message: string) {
    super(message);
    this.name = 'IssuerError';
    this.code = code;
    this.status = status;
  }

  toJSON(): { error: { code: IssuerErrorCode; message: string } } {
    return { error: { code: this.code, message: this.message } };
  }
}
