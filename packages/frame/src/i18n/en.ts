/**
 * Every text the frame views show or announce, in English. Other languages
 * repeat exactly these keys (the type enforces it). `{name}` marks a value
 * the view fills in; such values are numbers or other catalogue texts, never
 * card data.
 */
export const en = {
  dir: 'ltr' as 'ltr' | 'rtl',
  field: { pan: 'Card number', expiry: 'Expiry', cvc: 'CVC', pin: 'PIN' },
  /** Screen-reader name of a masked value. */
  hidden: '{label} hidden',
  /** Screen-reader note on values from the issuer's unencrypted card profile (seed 001's expiry). */
  fromProfile: 'Expiry is from the card profile: it is not encrypted like the card number and CVC.',
  /** Shown in place of a value the issuer's answer did not hold in a readable form. */
  notAvailable: 'Not available',
  /** Screen-reader name of such a value. */
  unavailableField: '{label} not available',
  card: {
    reveal: 'Reveal card details',
    hide: 'Hide card details',
    retry: 'Reveal card details (try again)',
    revealPin: 'Reveal PIN',
    hidePin: 'Hide PIN',
    retryPin: 'Reveal PIN (try again)',
    loadFailed: 'Card details could not be loaded.',
    openFailed: 'Card details could not be opened.',
    unexpected: 'Card details arrived in an unexpected form.',
    unavailable: 'Card details are unavailable right now.',
    rateLimited: 'Too many attempts. Please wait a minute and try again.',
    failed: 'Something went wrong.',
    copyRefused: 'Copying is not allowed here. Reveal the number and copy it by hand.',
  },
  /** A single field with its own eye toggle; `{label}` is a `field` text. */
  fieldView: {
    show: { pan: 'Show card number', expiry: 'Show expiry date', cvc: 'Show CVC', pin: 'Show PIN' },
    hide: { pan: 'Hide card number', expiry: 'Hide expiry date', cvc: 'Hide CVC', pin: 'Hide PIN' },
  },
  /** A copy button for one field. */
  copy: { button: { pan: 'Copy card number', expiry: 'Copy expiry date', cvc: 'Copy CVC', pin: 'Copy PIN' }, copied: 'Copied', obscured: 'Something on the page is covering this button, so nothing was copied.' },
  /** Passkeys and wallet binding (the binding view, and a bound reveal's first passkey). */
  passkey: {
    create: 'Create a passkey',
    needed: 'This card needs a passkey before its details can be shown.',
    bindPasskey: 'Confirm with a passkey',
    bindWallet: 'Confirm with your wallet',
    working: 'Waiting for confirmation…',
    boundPasskey: 'Your passkey now protects this card.',
    boundWallet: 'Your wallet is now linked to this card.',
    cancelled: 'The passkey prompt was closed. Try again when you are ready.',
    unsupported: 'This browser cannot use passkeys here.',
    timeout: 'The passkey prompt timed out. Please try again.',
    unknown: 'This passkey does not belong to this card.',
    refused: 'The card issuer did not accept this confirmation. Please try again.',
    signRefused: 'Your wallet did not sign the request.',
  },
  /** Add to wallet (push provisioning) on the card view. */
  wallet: {
    add: 'Add to wallet',
    adding: 'Adding…',
    added: 'Added to your wallet.',
    cancelled: 'Not added: cancelled.',
    failed: 'Not added to your wallet.',
  },
};

/** PIN entry's texts; English's ship with the PIN flow (i18n/en-pin.ts). */
export type PinMessages = typeof import('./en-pin.ts').enPin;

/**
 * A catalogue: every key of {@link en}, each a string, and `pin`. English
 * leaves `pin` out of the first download every reveal frame pays: PIN entry
 * falls back to English's own PIN texts, which come with its chunk.
 */
export type Messages = typeof en & { readonly pin?: PinMessages };

/** Another language's catalogue: complete, PIN texts included. */
export type Translation = Required<Messages>;

/** Fills `{name}` placeholders from `values`; unknown names stay as written. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (Object.hasOwn(values, key) ? String(values[key]) : whole));
}
