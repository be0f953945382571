// Generated from @cardframe/sdk's custom-elements manifest by scripts/wrappers/generate.ts (run by the SDK build). Do not edit.

import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import {
  CardframeBind as CardframeBindElement,
  CardframeCard as CardframeCardElement,
  CardframeField as CardframeFieldElement,
  CardframePan as CardframePanElement,
  CardframeCvc as CardframeCvcElement,
  CardframeExpiry as CardframeExpiryElement,
  CardframeCopy as CardframeCopyElement,
  CardframeToggle as CardframeToggleElement,
  CardframeGroup as CardframeGroupElement,
  CardframePin as CardframePinElement,
  type CardframeEvent,
  type CardframeEventName,
} from '@cardframe/sdk';

const on = <K extends CardframeEventName>(name: K) => name as EventName<CardframeEvent<K>>;

/** Events every element fires. */
const sharedEvents = { onReady: on('cardframe-ready'), onFocus: on('cardframe-focus'), onBlur: on('cardframe-blur'), onError: on('cardframe-error') };

/** Events of `<cardframe-bind>`, `<cardframe-pin>`. */
const frameElementEvents = { ...sharedEvents, onBind: on('cardframe-bind'), onChange: on('cardframe-change'), onSubmit: on('cardframe-submit') };

/** Events of `<cardframe-card>`, `<cardframe-field>`, `<cardframe-pan>`, `<cardframe-cvc>`, `<cardframe-expiry>`, `<cardframe-copy>`, `<cardframe-toggle>`. */
const revealElementEvents = { ...sharedEvents, onReveal: on('cardframe-reveal'), onHide: on('cardframe-hide'), onBind: on('cardframe-bind'), onProvision: on('cardframe-provision'), onCopy: on('cardframe-copy') };

/** Events of `<cardframe-group>`. */
const cardframeGroupEvents = { ...sharedEvents, onReveal: on('cardframe-reveal'), onHide: on('cardframe-hide'), onCopy: on('cardframe-copy') };

/** `<cardframe-bind>`: binds a card to its cardholder (seed 001's `scope=webauthn` / `scope=siwe` and `PATCH /`) inside a cross-origin iframe: a passkey created or used in the frame, on the frame's own domain, or the cardholder's wallet on this page signing the issuer's Sign-In with Ethereum message. */
export const CardframeBind = createComponent({ tagName: 'cardframe-bind', elementClass: CardframeBindElement, react: React, events: frameElementEvents });

/** `<cardframe-card>`: shows a card's PAN, CVC, expiry (and PIN, where enabled) inside a cross-origin iframe. */
export const CardframeCard = createComponent({ tagName: 'cardframe-card', elementClass: CardframeCardElement, react: React, events: revealElementEvents });

/** `<cardframe-field>`: one card field in its own frame, with its own reveal toggle, to place anywhere on the host's card artwork. */
export const CardframeField = createComponent({ tagName: 'cardframe-field', elementClass: CardframeFieldElement, react: React, events: revealElementEvents });

/** `<cardframe-pan>`: the card number; a `<cardframe-field>` with `field="pan"`. */
export const CardframePan = createComponent({ tagName: 'cardframe-pan', elementClass: CardframePanElement, react: React, events: revealElementEvents });

/** `<cardframe-cvc>`: the security code; a `<cardframe-field>` with `field="cvc"`. */
export const CardframeCvc = createComponent({ tagName: 'cardframe-cvc', elementClass: CardframeCvcElement, react: React, events: revealElementEvents });

/** `<cardframe-expiry>`: the expiry date, `MM/YY`; a `<cardframe-field>` with `field="expiry"`. */
export const CardframeExpiry = createComponent({ tagName: 'cardframe-expiry', elementClass: CardframeExpiryElement, react: React, events: revealElementEvents });

/** `<cardframe-copy>`: a copy button for one field (`for="pan"`, the default). */
export const CardframeCopy = createComponent({ tagName: 'cardframe-copy', elementClass: CardframeCopyElement, react: React, events: revealElementEvents });

/** `<cardframe-toggle>`: one button that reveals or hides every field of its group at once, for artwork with a single "show details" control. */
export const CardframeToggle = createComponent({ tagName: 'cardframe-toggle', elementClass: CardframeToggleElement, react: React, events: revealElementEvents });

/** `<cardframe-group>`: one card shown as separate elements (`<cardframe-pan>`, `<cardframe-cvc>`, `<cardframe-expiry>`, `<cardframe-copy>`, `<cardframe-toggle>`) laid out however the host likes. */
export const CardframeGroup = createComponent({ tagName: 'cardframe-group', elementClass: CardframeGroupElement, react: React, events: cardframeGroupEvents });

/** `<cardframe-pin>`: lets the cardholder set or change their card PIN inside a cross-origin iframe. */
export const CardframePin = createComponent({ tagName: 'cardframe-pin', elementClass: CardframePinElement, react: React, events: frameElementEvents });
