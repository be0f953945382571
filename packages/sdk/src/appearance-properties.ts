import type { AppearanceKey } from '@cardframe/protocol';

/**
 * The element property that sets each of protocol's appearance keys, so a
 * change to any of them re-sends `configure`. Keyed by protocol's list: a key
 * added there fails to compile here until an element property carries it.
 * `style` is every element's own inline style, so the frame's is `frameStyle`.
 */
export const APPEARANCE_PROPERTIES: { readonly [K in AppearanceKey]: 'theme' | 'frameStyle' | 'locale' } = {
  theme: 'theme',
  style: 'frameStyle',
  locale: 'locale',
};
