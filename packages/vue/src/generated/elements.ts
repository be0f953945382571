// Generated from @cardframe/sdk's custom-elements manifest by scripts/wrappers/generate.ts (run by the SDK build). Do not edit.

import type { BindCard, CardframeStyle, FetchCard, FetchCardData, FetchEncryptedCard, FieldName, RegisterDevice, RevealModeName, SignMessage, SubmitPin, ThemeName } from '@cardframe/sdk';
import type { PropType } from 'vue';
import { wrap } from '../wrap.ts';

/** `default: undefined` keeps an unset flag unset, so a member still inherits it from its group. */
const flag = { type: Boolean, default: undefined };

/** Props of every element built on FrameElement (`<cardframe-bind>`, `<cardframe-pin>`). */
const frameElementProps = { frameUrl: String, readyTimeout: Number, frameTitle: String, theme: String as PropType<ThemeName>, locale: String, frameStyle: Object as PropType<CardframeStyle>, fetchCard: Function as PropType<FetchCard>, bindCard: Function as PropType<BindCard>, signMessage: Function as PropType<SignMessage> };

/** Props of every element built on RevealElement (`<cardframe-card>`, `<cardframe-field>`, `<cardframe-pan>`, `<cardframe-cvc>`, `<cardframe-expiry>`, `<cardframe-copy>`, `<cardframe-toggle>`). */
const revealElementProps = { ...frameElementProps, mode: String as PropType<RevealModeName>, group: String, last4: String, autoHideSeconds: Number, hideOnBlur: flag, fetchCardData: Function as PropType<FetchCardData>, fetchEncryptedCard: Function as PropType<FetchEncryptedCard> };

/** `<cardframe-bind>`: binds a card to its cardholder (seed 001's `scope=webauthn` / `scope=siwe` and `PATCH /`) inside a cross-origin iframe: a passkey created or used in the frame, on the frame's own domain, or the cardholder's wallet on this page signing the issuer's Sign-In with Ethereum message. */
export const CardframeBind = wrap('cardframe-bind', frameElementProps);

/** `<cardframe-card>`: shows a card's PAN, CVC, expiry (and PIN, where enabled) inside a cross-origin iframe. */
export const CardframeCard = wrap('cardframe-card', { ...revealElementProps, fields: Array as PropType<FieldName[]> });

/** `<cardframe-field>`: one card field in its own frame, with its own reveal toggle, to place anywhere on the host's card artwork. */
export const CardframeField = wrap('cardframe-field', { ...revealElementProps, field: String as PropType<FieldName> });

/** `<cardframe-pan>`: the card number; a `<cardframe-field>` with `field="pan"`. */
export const CardframePan = wrap('cardframe-pan', revealElementProps);

/** `<cardframe-cvc>`: the security code; a `<cardframe-field>` with `field="cvc"`. */
export const CardframeCvc = wrap('cardframe-cvc', revealElementProps);

/** `<cardframe-expiry>`: the expiry date, `MM/YY`; a `<cardframe-field>` with `field="expiry"`. */
export const CardframeExpiry = wrap('cardframe-expiry', revealElementProps);

/** `<cardframe-copy>`: a copy button for one field (`for="pan"`, the default). */
export const CardframeCopy = wrap('cardframe-copy', { ...revealElementProps, for: String as PropType<FieldName> }, { for: 'for' });

/** `<cardframe-toggle>`: one button that reveals or hides every field of its group at once, for artwork with a single "show details" control. */
export const CardframeToggle = wrap('cardframe-toggle', revealElementProps);

/** `<cardframe-group>`: one card shown as separate elements (`<cardframe-pan>`, `<cardframe-cvc>`, `<cardframe-expiry>`, `<cardframe-copy>`, `<cardframe-toggle>`) laid out however the host likes. */
export const CardframeGroup = wrap('cardframe-group', { frameUrl: String, mode: String as PropType<RevealModeName>, last4: String, autoHideSeconds: Number, hideOnBlur: flag, theme: String as PropType<ThemeName>, locale: String, frameStyle: Object as PropType<CardframeStyle>, fetchCardData: Function as PropType<FetchCardData>, fetchEncryptedCard: Function as PropType<FetchEncryptedCard>, fetchCard: Function as PropType<FetchCard>, bindCard: Function as PropType<BindCard>, signMessage: Function as PropType<SignMessage> });

/** `<cardframe-pin>`: lets the cardholder set or change their card PIN inside a cross-origin iframe. */
export const CardframePin = wrap('cardframe-pin', { ...frameElementProps, submitPin: Function as PropType<SubmitPin>, registerDevice: Function as PropType<RegisterDevice> });
