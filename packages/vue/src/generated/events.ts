// Generated from @cardframe/sdk's custom-elements manifest by scripts/wrappers/generate.ts (run by the SDK build). Do not edit.

import type { CardframeVueEvents } from '../events.ts';

/** Every event the elements fire, by its Vue name; every component emits each. */
export const EVENT_NAMES = ['ready', 'bind', 'focus', 'blur', 'error', 'reveal', 'hide', 'provision', 'copy', 'change', 'submit'] as const satisfies readonly (keyof CardframeVueEvents)[];
