/**
 * cardframe host SDK. Importing it registers `<cardframe-card>`.
 * @packageDocumentation
 */
import { defineElements } from './define.ts';

export { CardframeCard } from './card/card.ts';
export { defineElements } from './define.ts';
export type { CardframeEvent, CardframeEventDetails, CardframeEventName } from './events.ts';
export type { FetchCardData } from './fetch-card-data.ts';
export { mountCard } from './mount.ts';
export type { CardHandle, MountCardOptions } from './mount.ts';
export { CardframeError, ERROR_CODES } from '@cardframe/protocol';
export type { ErrorCode, ErrorInfo, FieldName } from '@cardframe/protocol';

defineElements();
