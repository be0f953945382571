/**
 * React components for the cardframe elements. Each renders the custom
 * element itself (no extra DOM), sets props as element properties, and maps
 * `cardframe-*` DOM events to `on*` props.
 *
 * @example
 * <CardframeGroup frameUrl={FRAME_URL} fetchCardData={(id) => fetch('/api/card', { headers: { sessionid: id } })}>
 *   <CardframePan /> <CardframeExpiry /> <CardframeCvc />
 *   <CardframeCopy for="pan" onCopy={() => toast('Copied')} />
 * </CardframeGroup>
 * @packageDocumentation
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import {
  CardframeCard as CardElement,
  CardframeCopy as CopyElement,
  CardframeCvc as CvcElement,
  CardframeExpiry as ExpiryElement,
  CardframeField as FieldElement,
  CardframeGroup as GroupElement,
  CardframePan as PanElement,
  CardframePin as PinElement,
  CardframeToggle as ToggleElement,
  type CardframeEvent,
  type CardframeEventName,
} from '@cardframe/sdk';

const on = <K extends CardframeEventName>(name: K) => name as EventName<CardframeEvent<K>>;

/** Events every frame element fires. */
const frameEvents = {
  onReady: on('cardframe-ready'),
  onError: on('cardframe-error'),
  onFocus: on('cardframe-focus'),
  onBlur: on('cardframe-blur'),
};

/** Events of the elements that reveal card data. */
const revealEvents = { ...frameEvents, onReveal: on('cardframe-reveal'), onHide: on('cardframe-hide'), onCopy: on('cardframe-copy') };

/** Events bubbling up to a group from its members. */
const groupEvents = revealEvents;

/** `<cardframe-card>`: the whole card in one frame. */
export const CardframeCard = createComponent({ tagName: 'cardframe-card', elementClass: CardElement, react: React, events: revealEvents });
/** `<cardframe-group>`: one card as separate elements sharing one session. */
export const CardframeGroup = createComponent({ tagName: 'cardframe-group', elementClass: GroupElement, react: React, events: groupEvents });
/** `<cardframe-field>`: one field named by `field`. */
export const CardframeField = createComponent({ tagName: 'cardframe-field', elementClass: FieldElement, react: React, events: revealEvents });
/** `<cardframe-pan>`: the card number. */
export const CardframePan = createComponent({ tagName: 'cardframe-pan', elementClass: PanElement, react: React, events: revealEvents });
/** `<cardframe-cvc>`: the security code. */
export const CardframeCvc = createComponent({ tagName: 'cardframe-cvc', elementClass: CvcElement, react: React, events: revealEvents });
/** `<cardframe-expiry>`: the expiry date. */
export const CardframeExpiry = createComponent({ tagName: 'cardframe-expiry', elementClass: ExpiryElement, react: React, events: revealEvents });
/** `<cardframe-copy>`: a copy button; the value never reaches React. */
export const CardframeCopy = createComponent({ tagName: 'cardframe-copy', elementClass: CopyElement, react: React, events: revealEvents });
/** `<cardframe-toggle>`: reveals or hides every field of its group. */
export const CardframeToggle = createComponent({ tagName: 'cardframe-toggle', elementClass: ToggleElement, react: React, events: revealEvents });
/** `<cardframe-pin>`: PIN entry; `onChange` reports state, `onSubmit` the issuer's outcome. */
export const CardframePin = createComponent({
  tagName: 'cardframe-pin',
  elementClass: PinElement,
  react: React,
  events: { ...frameEvents, onChange: on('cardframe-change'), onSubmit: on('cardframe-submit') },
});

export type { CardframeEvent, CardframeEventDetails, CardframeStyle, ErrorInfo, ThemeName, FetchCardData, FetchEncryptedCard, FieldName, RegisterDevice, SubmitPin } from '@cardframe/sdk';
