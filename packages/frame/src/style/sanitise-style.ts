import { CardframeError, STYLE_TARGETS, type StyleTarget, type StyleVariant } from '@cardframe/protocol';

/** One rule the frame builds: a fixed target (and state), checked declarations. */
export interface SafeRule {
  readonly target: StyleTarget;
  readonly variant: StyleVariant | undefined;
  /** `[css-property-name, value]`, both checked against the allowlist. */
  readonly declarations: readonly (readonly [string, string])[];
}

/** A web font whose URL is on an allowlisted origin. */
export interface SafeFont {
  readonly family: string;
  readonly src: string;
  readonly weight: string;
  readonly style: 'normal' | 'italic';
}

export interface SafeStyle {
  readonly rules: readonly SafeRule[];
  readonly fonts: readonly SafeFont[];
}

// Value grammars. Each is anchored and admits no quote-escapes, backslashes,
// semicolons, braces, `<`, `@`, `:` or `(` — except the colour functions,
// whose arguments are digits and separators only.
const LENGTH = '(?:\\d{1,3}(?:\\.\\d{1,3})?|\\.\\d{1,3})(?:px|r?em|%|ch|ex)|0';
const lengths = (max: number, signed = false): RegExp => {
  const one = signed ? `-?(?:${LENGTH})` : `(?:${LENGTH})`;
  return new RegExp(`^${one}(?: ${one}){0,${max - 1}}$`);
};
const COLOR = /^(?:#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})|[a-z]{3,20}|(?:rgb|hsl)a?\([0-9.%, /]{1,40}\))$/i;
const FAMILY_NAME = '[A-Za-z][A-Za-z0-9 -]{0,39}';
const FAMILY = `(?:${FAMILY_NAME}|"${FAMILY_NAME}"|'${FAMILY_NAME}')`;
const FAMILY_ONLY = new RegExp(`^${FAMILY_NAME}$`);
const FONT_STYLE = /^(?:normal|italic)$/;
const keywords = (...words: string[]): RegExp => new RegExp(`^(?:${words.join('|')})$`);

const PROPERTIES = new Map<string, RegExp>([
  ...['color', 'backgroundColor', 'borderColor', 'outlineColor', 'caretColor'].map((key) => [key, COLOR] as const),
  ['borderWidth', lengths(1)],
  ['borderStyle', keywords('none', 'solid', 'dashed', 'dotted')],
  ['borderRadius', lengths(4)],
  ['fontFamily', new RegExp(`^${FAMILY}(?: ?, ?${FAMILY}){0,4}$`)],
  ['fontSize', lengths(1)],
  ['fontWeight', keywords('[1-9]00', 'normal', 'bold', 'bolder', 'lighter')],
  ['fontStyle', FONT_STYLE],
  ['letterSpacing', new RegExp(`^(?:normal|${lengths(1, true).source.slice(1, -1)})$`)],
  ['lineHeight', new RegExp(`^(?:normal|\\d{1,2}(?:\\.\\d{1,3})?|${lengths(1).source.slice(1, -1)})$`)],
  ['padding', lengths(4)],
  ['textAlign', keywords('start', 'end', 'left', 'right', 'center', 'justify')],
  ['textTransform', keywords('none', 'uppercase', 'lowercase', 'capitalize')],
  ['textDecoration', keywords('none', 'underline')],
  ['opacity', /^(?:0|1|0?\.\d{1,3})$/],
]);

/** States each target may vary by; `base`, `label` and `error` have none. */
const VARIANTS: Record<StyleTarget, readonly StyleVariant[]> = {
  base: [],
  label: [],
  value: [':hover', ':focus', ':disabled', '::placeholder'],
  button: [':hover', ':focus', ':disabled'],
  error: [],
};

const MAX_VALUE_CHARS = 200;
const MAX_DECLARATIONS = 100;
const MAX_FONTS = 4;
const FONT_FIELDS = ['family', 'src', 'weight', 'style'];
const FONT_WEIGHT = /^(?:[1-9]00(?: [1-9]00)?|normal|bold)$/;
// Scheme, host and path from a narrow alphabet: no userinfo (`@`), query,
// quotes or parentheses, so the URL can sit inside `url("…")` for FontFace.
const FONT_URL = /^https?:\/\/[a-z0-9.:[\]-]{1,255}\/[A-Za-z0-9._~/-]{0,300}$/;

/** Keys are named in errors only when they cannot be card data: letters, `:` and `-`, short. */
function name(key: string): string {
  return /^[A-Za-z:-]{1,32}$/.test(key) ? key : '…';
}

function refuse(path: string, problem = 'not allowed'): never {
  // Where and what kind of problem only: never the offending value.
  throw new CardframeError('ERR_STYLE_REFUSED', `${path}: ${problem}`);
}

function plainObject(value: unknown, path: string): Record<string, unknown> {
  const proto: unknown = typeof value === 'object' && value !== null ? Object.getPrototypeOf(value) : undefined;
  if (proto !== Object.prototype && proto !== null) refuse(path, 'expected a plain object');
  return value as Record<string, unknown>;
}

/**
 * Checks a host's style object against the frame's allowlist and returns the
 * rules to build. Anything outside it — an unknown target, state, property
 * or font origin, a value off its grammar, a non-plain object — refuses the
 * whole style with `ERR_STYLE_REFUSED`, naming where, never what.
 *
 * @param fontOrigins exact origins (from the frame config) fonts may come from.
 */
export function sanitiseStyle(input: unknown, fontOrigins: readonly string[]): SafeStyle {
  const style = plainObject(input, 'style');
  const rules: SafeRule[] = [];
  let fonts: SafeFont[] = [];
  let count = 0;

  const declarations = (value: unknown, path: string, target: StyleTarget, variant: StyleVariant | undefined): void => {
    const block = plainObject(value, path);
    const checked: [string, string][] = [];
    for (const key of Object.keys(block)) {
      const entry = block[key];
      if (!variant && (VARIANTS[target] as readonly string[]).includes(key)) {
        declarations(entry, path + key, target, key as StyleVariant);
        continue;
      }
      const grammar = PROPERTIES.get(key);
      if (++count > MAX_DECLARATIONS) refuse('style', 'too many declarations');
      if (!grammar || typeof entry !== 'string' || entry.length > MAX_VALUE_CHARS || !grammar.test(entry)) refuse(`${path}.${name(key)}`);
      checked.push([key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`), entry]);
    }
    if (checked.length > 0) rules.push({ target, variant, declarations: checked });
  };

  for (const key of Object.keys(style)) {
    if (key === 'fonts') fonts = sanitiseFonts(style[key], fontOrigins);
    else if ((STYLE_TARGETS as readonly string[]).includes(key)) declarations(style[key], `style.${key}`, key as StyleTarget, undefined);
    else refuse(`style.${name(key)}`);
  }
  return { rules, fonts };
}

function sanitiseFonts(value: unknown, fontOrigins: readonly string[]): SafeFont[] {
  if (!Array.isArray(value) || value.length > MAX_FONTS) refuse('style.fonts', `expected at most ${MAX_FONTS} fonts`);
  return value.map((item: unknown, i) => {
    const path = `style.fonts[${i}]`;
    const font = plainObject(item, path);
    for (const key of Object.keys(font)) if (!FONT_FIELDS.includes(key)) refuse(`${path}.${name(key)}`);
    const { family, src, weight = 'normal', style = 'normal' } = font;
    if (typeof family !== 'string' || !FAMILY_ONLY.test(family)) refuse(`${path}.family`);
    // Exact origin then `/`: the alphabet has no `@`, so nothing can pose as a different host.
    if (typeof src !== 'string' || !FONT_URL.test(src) || !fontOrigins.some((origin) => src.startsWith(`${origin}/`))) refuse(`${path}.src`, "not on the frame config's style.fontOrigins");
    if (typeof weight !== 'string' || !FONT_WEIGHT.test(weight)) refuse(`${path}.weight`);
    if (typeof style !== 'string' || !FONT_STYLE.test(style)) refuse(`${path}.style`);
    return { family, src, weight, style: style as SafeFont['style'] };
  });
}
