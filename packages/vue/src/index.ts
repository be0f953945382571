/**
 * Vue 3 components for the cardframe elements. Each renders the custom
 * element itself, passes props as element properties, emits the events'
 * details (`@reveal`, `@copy`, `@error`, …) and exposes the element's
 * methods (`hide()`, `whenReady()`, `destroy()`) through a template ref.
 * The components and their props are generated from the SDK's
 * custom-elements manifest (`generated/`).
 *
 * @example
 * <CardframeGroup :frame-url="FRAME_URL" :fetch-card-data="fetchCardData">
 *   <CardframePan /> <CardframeExpiry /> <CardframeCvc />
 *   <CardframeCopy for="pan" @copy="toast('Copied')" />
 * </CardframeGroup>
 * @packageDocumentation
 */
export * from './generated/elements.ts';
export type { CardframeVueEvents } from './events.ts';
export type { CardframeExposed } from './wrap.ts';
export type { CardframeEventDetails, CardframeStyle, ErrorInfo, ThemeName, FetchCardData, FetchEncryptedCard, FieldName, RegisterDevice, SubmitPin } from '@cardframe/sdk';
