/**
 * How the host may dress the frame: a light/dark preset, a style object the
 * frame checks against its own allowlist, and the language of its texts.
 * The frame is the authority on all three; these types describe what an
 * honest host sends.
 */

/** Colour presets. `auto` follows the cardholder's `prefers-color-scheme` inside the frame. */
export const THEME_NAMES = ['light', 'dark', 'auto'] as const;
export type ThemeName = (typeof THEME_NAMES)[number];

/** Parts of a frame view a style can address. There are no selectors: only these names. */
export const STYLE_TARGETS = ['base', 'label', 'value', 'button', 'error'] as const;
export type StyleTarget = (typeof STYLE_TARGETS)[number];

/** States a target's declarations can be varied for, as nested keys. */
export type StyleVariant = ':hover' | ':focus' | ':disabled' | '::placeholder';

/**
 * Declarations for one target, camelCase as in CSSOM. Every value must
 * match the frame's grammar for that property (see the SDK README): plain
 * colours, lengths, keywords and font family names; no `url()`, functions
 * other than `rgb()`/`hsl()`, escapes or punctuation that could end a rule.
 */
export interface StyleDeclarations {
  readonly color?: string;
  readonly backgroundColor?: string;
  readonly borderColor?: string;
  readonly borderWidth?: string;
  readonly borderStyle?: string;
  readonly borderRadius?: string;
  readonly outlineColor?: string;
  readonly caretColor?: string;
  readonly fontFamily?: string;
  readonly fontSize?: string;
  readonly fontWeight?: string;
  readonly fontStyle?: string;
  readonly letterSpacing?: string;
  readonly lineHeight?: string;
  readonly padding?: string;
  readonly textAlign?: string;
  readonly textTransform?: string;
  readonly textDecoration?: string;
  readonly opacity?: string;
}

/** A target's declarations plus variants nested by state, e.g. `{ color: '#111', ':hover': { color: '#000' } }`. */
export type TargetStyle = StyleDeclarations & { readonly [V in StyleVariant]?: StyleDeclarations };

/** A web font the frame loads with the `FontFace` API, from an origin its config allowlists. */
export interface StyleFont {
  /** The family name the declarations then use in `fontFamily`. */
  readonly family: string;
  /** An https URL on one of the frame config's `style.fontOrigins`. */
  readonly src: string;
  /** `400`, `bold`, or a range such as `100 900` for a variable font. */
  readonly weight?: string;
  readonly style?: 'normal' | 'italic';
}

/** The `style` parameter of `configure`. */
export type CardframeStyle = { readonly [T in StyleTarget]?: TargetStyle } & { readonly fonts?: readonly StyleFont[] };

/** A BCP 47 language tag as the frame accepts it: `de`, `de-CH`, `ar-EG`, `zh-Hant-TW`. */
export const LOCALE_PATTERN = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,4}$/;
