/**
 * Stable error codes. Callers branch on `code`, never on message text.
 * Messages describe what went wrong in general terms and never contain
 * card data, PINs, secrets, keys or ciphertext.
 */
export const ERROR_CODES = [
  /** A message on the channel had the wrong shape, size, version or fields. */
  'ERR_BAD_MESSAGE',
  /** A request arrived in a state that cannot serve it (e.g. before `configure`). */
  'ERR_OUT_OF_ORDER',
  /** The host asked for something the frame's deployment config does not allow. */
  'ERR_NOT_ALLOWED',
  /** An option the host passed to the SDK is invalid (e.g. a frame URL that is not http(s)). */
  'ERR_BAD_OPTION',
  /** The frame's own deployment config could not be loaded or is invalid. */
  'ERR_CONFIG',
  /** The frame did not become ready in time (not deployed, or this host is not allowed). */
  'ERR_FRAME_TIMEOUT',
  /** A file of the frame's own code could not be downloaded (the network, or a deploy that replaced it); the element retries the frame once. */
  'ERR_FRAME_LOAD',
  /** The host's callback to its backend failed or returned a non-2xx response. */
  'ERR_ISSUER_REQUEST',
  /** The issuer's response is not JSON or lacks the expected fields. */
  'ERR_MALFORMED_RESPONSE',
  /** A plaintext card-profile field (expiry) is absent from the issuer's answer under every name it may have; the other fields still show. */
  'ERR_PROFILE_MISSING',
  /** A plaintext card-profile field (expiry) is present but not a valid value; the other fields still show. */
  'ERR_PROFILE_MALFORMED',
  /** A key could not be imported or does not meet the key rules. */
  'ERR_KEY_INVALID',
  /** An IV, tag or ciphertext does not have a permitted length or encoding. */
  'ERR_CIPHERTEXT_INVALID',
  /** A JOSE header names an algorithm, compression or critical extension outside the allowlist. */
  'ERR_ALG_NOT_ALLOWED',
  /** No held key has the `kid` a message names. */
  'ERR_KEY_NOT_FOUND',
  /** A signature is malformed or does not verify. */
  'ERR_SIGNATURE_INVALID',
  /** The PIN and its confirmation differ. */
  'ERR_PIN_MISMATCH',
  /** The PIN is shorter or longer than the policy allows. */
  'ERR_PIN_LENGTH',
  /** The PIN contains something other than the digits 0–9. */
  'ERR_PIN_DIGITS',
  /** The PIN is a straight sequence or repeats a digit three or more times in a row. */
  'ERR_PIN_TRIVIAL',
  /** Too many reveal or PIN attempts in this session; try again later. */
  'ERR_RATE_LIMITED',
  /** Authenticated decryption failed: tampered data or the wrong key. */
  'ERR_DECRYPT_FAILED',
  /** The element or channel was destroyed while a request was pending. */
  'ERR_DESTROYED',
  /** The browser refused the clipboard write (no permission, no focus, or unsupported). */
  'ERR_COPY_REFUSED',
  /** The host's style object has a property, value, target or font outside the frame's style allowlist. */
  'ERR_STYLE_REFUSED',
  /** A sealed message, or what it decompresses to, is larger than allowed: refused before or while it is read. */
  'ERR_MESSAGE_TOO_LARGE',
  /** The cardholder dismissed the passkey prompt (or the browser refused it without saying why). */
  'ERR_PASSKEY_CANCELLED',
  /** Passkeys are unavailable here: no WebAuthn, not in a cross-origin frame, or not for this domain. */
  'ERR_PASSKEY_UNSUPPORTED',
  /** The passkey prompt timed out. */
  'ERR_PASSKEY_TIMEOUT',
  /** The passkey is not bound to this card (the issuer's `unknown_credential`), or the authenticator has none for it. */
  'ERR_PASSKEY_UNKNOWN',
  /** The issuer refused a binding or a bound request; `issuerCode` says why (`challenge_expired`, `commitment_mismatch`…). */
  'ERR_BINDING_REFUSED',
  /** The host's wallet refused or failed to sign the Sign-In with Ethereum message. */
  'ERR_SIGN_REFUSED',
  /** The wallet refused or failed to add the card (push provisioning); the credentials stay in the frame. */
  'ERR_PROVISIONING_FAILED',
] as const;

/** One of {@link ERROR_CODES}. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The serialisable form of an error, as it crosses the channel. */
export interface ErrorInfo {
  readonly code: ErrorCode;
  readonly message: string;
  /** HTTP status of the issuer or backend response, when there was one. */
  readonly status?: number;
  /** The issuer's own error code from its JSON error body (e.g. `retired_key`), when it sent one. */
  readonly issuerCode?: string;
}

/** What an issuer error code may look like: short snake_case, nothing else. */
export const ISSUER_CODE_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;

/** An error with a stable {@link ErrorCode}. */
export class CardframeError extends Error {
  readonly code: ErrorCode;
  // Declared, not defined: absent (not `undefined`) unless the error has one.
  declare readonly status?: number;
  declare readonly issuerCode?: string;

  constructor(code: ErrorCode, message: string, options?: { status?: number | undefined; issuerCode?: string | undefined; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CardframeError';
    this.code = code;
    if (options?.status !== undefined) (this as { status?: number }).status = options.status;
    if (options?.issuerCode !== undefined && ISSUER_CODE_PATTERN.test(options.issuerCode)) (this as { issuerCode?: string }).issuerCode = options.issuerCode;
  }

  /** Rebuilds an error that crossed the channel. */
  static fromInfo(info: ErrorInfo): CardframeError {
    return new CardframeError(info.code, info.message, { status: info.status, issuerCode: info.issuerCode });
  }

  /** The channel form: code, message, status and issuer code only; never the cause. */
  toInfo(): ErrorInfo {
    return {
      code: this.code,
      message: this.message,
      ...(this.status === undefined ? {} : { status: this.status }),
      ...(this.issuerCode === undefined ? {} : { issuerCode: this.issuerCode }),
    };
  }
}

/** True when `value` is one of the known error codes. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/**
 * Wraps anything thrown into a {@link CardframeError}. Unknown errors keep
 * only the given fallback code and a generic message, so that nothing the
 * thrown value carried can leak.
 */
export function toCardframeError(error: unknown, fallback: ErrorCode, message: string): CardframeError {
  if (error instanceof CardframeError) return error;
  return new CardframeError(fallback, message);
}
