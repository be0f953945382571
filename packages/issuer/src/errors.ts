/** Error codes the issuer toolkit raises; the sandbox issuer sends them as `{"error":{"code","message"}}`. */
export type IssuerErrorCode = 'invalid_session_id' | 'card_not_found' | 'invalid_key' | 'invalid_request' | 'sandbox_fault';

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
