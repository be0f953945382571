import type { CardframeEventDetails } from '@cardframe/sdk';

type ShortName<K> = K extends `cardframe-${infer N}` ? N : never;
/** Vue event name → detail, e.g. `reveal` → `{fields}`. */
export type CardframeVueEvents = { [K in keyof CardframeEventDetails as ShortName<K>]: CardframeEventDetails[K] };
