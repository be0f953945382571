import type { FieldName } from '@cardframe/protocol';

/**
 * The `data-testid`s a frame in test mode (`"testMode": true` in its
 * deployment config) puts on its controls and values. Integrators' tests and
 * `@cardframe/testing` address the frame by these, so they are a published
 * contract: add new ones, never rename one.
 */
export const TEST_IDS = {
  /** The button that reveals the card (also its "try again" form). */
  reveal: 'cardframe-reveal',
  /** The button that masks the card again (or, on a single field, its eye toggle while shown). */
  hide: 'cardframe-hide',
  /** A single field's eye toggle while masked. */
  show: 'cardframe-show',
  /** The button that copies a value to the clipboard. */
  copy: 'cardframe-copy',
  /** The error line of the reveal view. */
  error: 'cardframe-error',
  /** PIN entry: the new PIN. */
  pinNew: 'cardframe-pin-new',
  /** PIN entry: its confirmation. */
  pinConfirm: 'cardframe-pin-confirm',
  /** PIN entry: show or hide the digits. */
  pinShow: 'cardframe-pin-show',
  /** PIN entry: submit. */
  pinSubmit: 'cardframe-pin-submit',
  /** PIN entry: the error line. */
  pinError: 'cardframe-pin-error',
  /** PIN entry: the success line. */
  pinNotice: 'cardframe-pin-notice',
  /** Bound mode: the button that creates the card's first passkey. */
  passkeyCreate: 'cardframe-passkey-create',
  /** Binding view: confirm with a passkey. */
  bindPasskey: 'cardframe-bind-passkey',
  /** Binding view: confirm with the wallet. */
  bindWallet: 'cardframe-bind-wallet',
  /** Binding view: the status line. */
  bindStatus: 'cardframe-bind-status',
  /** Card view: Add to wallet. */
  provision: 'cardframe-provision',
  /** Card view: Add to wallet's status line. */
  provisionStatus: 'cardframe-provision-status',
} as const;

/** The `data-testid` of a field's value, masked or revealed: `cardframe-value-pan`. */
export function valueTestId(field: FieldName): `cardframe-value-${FieldName}` {
  return `cardframe-value-${field}`;
}
