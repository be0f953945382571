/**
 * React components for the cardframe elements. Each renders the custom
 * element itself (no extra DOM), sets props as element properties, and maps
 * `cardframe-*` DOM events to `on*` props. The components and their events
 * are generated from the SDK's custom-elements manifest (`generated/`).
 *
 * @example
 * <CardframeGroup frameUrl={FRAME_URL} fetchCardData={(id) => fetch('/api/card', { headers: { sessionid: id } })}>
 *   <CardframePan /> <CardframeExpiry /> <CardframeCvc />
 *   <CardframeCopy field="pan" onCopy={() => toast('Copied')} />
 * </CardframeGroup>
 * @packageDocumentation
 */
export * from './generated/elements.ts';
export type { CardframeEvent, CardframeEventDetails, CardframeStyle, ErrorInfo, ThemeName, FetchCardData, FetchEncryptedCard, FieldName, RegisterDevice, SubmitPin } from '@cardframe/sdk';
