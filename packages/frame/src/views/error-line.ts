import { html, nothing } from 'lit/html.js';
import type { ErrorInfo } from '@cardframe/protocol';
import type { Messages } from '../i18n/en.ts';
import { TEST_IDS } from '../test-ids.ts';
import type { RevealView } from './reveal-view.ts';
import { testId } from './test-id.ts';

/** Which catalogue text explains an error code; anything else gets `failed`. */
export const ERROR_TEXT: Partial<Record<ErrorInfo['code'], keyof Messages['card']>> = {
  ERR_ISSUER_REQUEST: 'loadFailed',
  ERR_DECRYPT_FAILED: 'openFailed',
  ERR_MALFORMED_RESPONSE: 'unexpected',
  ERR_CIPHERTEXT_INVALID: 'unexpected',
  ERR_PROFILE_MISSING: 'unexpected',
  ERR_PROFILE_MALFORMED: 'unexpected',
  ERR_CONFIG: 'unavailable',
  ERR_RATE_LIMITED: 'rateLimited',
  ERR_KEY_INVALID: 'unavailable',
  ERR_COPY_REFUSED: 'copyRefused',
};

/** Passkey and wallet errors, explained from the catalogue's `passkey` texts. */
export const PASSKEY_ERROR_TEXT: Partial<Record<ErrorInfo['code'], keyof Messages['passkey']>> = {
  ERR_PASSKEY_CANCELLED: 'cancelled',
  ERR_PASSKEY_UNSUPPORTED: 'unsupported',
  ERR_PASSKEY_TIMEOUT: 'timeout',
  ERR_PASSKEY_UNKNOWN: 'unknown',
  ERR_BINDING_REFUSED: 'refused',
  ERR_SIGN_REFUSED: 'signRefused',
};

/** The catalogue's explanation of an error code. */
export function errorText(messages: Messages, code: ErrorInfo['code']): string {
  const passkey = PASSKEY_ERROR_TEXT[code];
  return passkey ? messages.passkey[passkey] : messages.card[ERROR_TEXT[code] ?? 'failed'];
}

/**
 * The error line every reveal view shows while it has failed (`failed`:
 * by default, in the error or unavailable state): the catalogue's
 * explanation and the code.
 */
export function errorLine(view: RevealView, failed = view.state === 'error' || view.state === 'unavailable') {
  const { error, messages } = view;
  return error && failed
    ? html`<p class="error" part="error" role="alert" data-testid=${testId(view, TEST_IDS.error)}>${errorText(messages, error.code)} (${error.code})</p>`
    : nothing;
}
