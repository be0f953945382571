import { LOCALE_PATTERN, THEME_NAMES, type CardframeStyle } from './appearance.ts';
import { CardframeError } from './errors.ts';
import type { AppearanceParams } from './messages.ts';

/**
 * The `configure` parameters that dress the frame, which {@link parseAppearanceParams}
 * reads. A host element maps each to the property that sets it.
 */
export const APPEARANCE_KEYS = ['theme', 'style', 'locale'] as const;
export type AppearanceKey = (typeof APPEARANCE_KEYS)[number];

/**
 * Checks the shape of `theme`, `style` and `locale` in a `configure`. The
 * style's contents are left to the frame's sanitiser, which alone knows its
 * allowlist; here it only has to be an object. Never echoes a value.
 */
export function parseAppearanceParams(params: Record<string, unknown>): AppearanceParams {
  const { theme, style, locale } = params;
  if (theme !== undefined && !(THEME_NAMES as readonly unknown[]).includes(theme)) {
    throw new CardframeError('ERR_BAD_MESSAGE', 'message.params.theme: expected "light", "dark" or "auto"');
  }
  if (style !== undefined && (typeof style !== 'object' || style === null || Array.isArray(style))) {
    throw new CardframeError('ERR_STYLE_REFUSED', 'style: expected an object');
  }
  if (locale !== undefined && (typeof locale !== 'string' || locale.length > 35 || !LOCALE_PATTERN.test(locale))) {
    throw new CardframeError('ERR_BAD_MESSAGE', 'message.params.locale: expected a BCP 47 language tag');
  }
  return {
    ...(theme === undefined ? {} : { theme: theme as AppearanceParams['theme'] & string }),
    // Its contents are checked by the frame before anything is applied.
    ...(style === undefined ? {} : { style: style as CardframeStyle }),
    ...(locale === undefined ? {} : { locale: locale as string }),
  };
}
