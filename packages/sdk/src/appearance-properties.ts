import type { AppearanceKey } from '@cardframe/protocol';

/**
 * The element property that sets each of protocol's appearance keys. `style`
 * is every element's own inline style, so the frame's is `frameStyle`.
 */
export interface AppearanceProperties {
  readonly theme: 'theme';
  readonly style: 'frameStyle';
  readonly locale: 'locale';
}

/** Those properties: a change to any of them re-sends `configure`. */
export const APPEARANCE_PROPERTIES = ['theme', 'locale', 'frameStyle'] as const satisfies readonly AppearanceProperties[AppearanceKey][];

// Checked when compiling, free at run time: a key protocol adds, or a
// property left out of the list, is a type error here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<T extends true> = T;
export type AppearancePropertiesCoverProtocol = Holds<Same<keyof AppearanceProperties, AppearanceKey>> & Holds<Same<AppearanceProperties[AppearanceKey], (typeof APPEARANCE_PROPERTIES)[number]>>;
