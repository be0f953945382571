import type { StyleTarget, StyleVariant, ThemeName } from '@cardframe/protocol';
import { frameSheet } from './frame-sheet.ts';
import type { SafeFont, SafeStyle } from './sanitise-style.ts';

export { sanitiseStyle } from './sanitise-style.ts';

/** Where each target lands inside a view. Fixed here: the host never supplies a selector. */
const SELECTORS: Record<StyleTarget, readonly string[]> = {
  base: [':host'],
  label: ['dt', 'label', '.hint'],
  value: ['dd', 'input', '.value'],
  button: ['button'],
  error: ['.error'],
};

const STATES: Record<StyleVariant, string> = { ':hover': ':hover:not(:disabled)', ':focus': ':focus-visible', ':disabled': ':disabled', '::placeholder': '::placeholder' };

// The dark preset only swaps the colours the views already read from custom
// properties; the light preset is the views' own default. The frame stays
// transparent so the host page's background shows through, as in light.
const DARK =
  ':host{--cardframe-color:#f1f1f1;--cardframe-label-color:#b8b8b8;--cardframe-error-color:#ff8b7e;--cardframe-focus:#8ab4ff;--cardframe-success-color:#6fdca2}' +
  'input{background-color:transparent;color:inherit;border-color:#8a8a8a}';

let fontFaces: FontFace[] = [];

/**
 * Replaces what the sheet holds with the preset and the checked style, and
 * starts loading the style's fonts. Resolves once the fonts have loaded or
 * failed (a font that fails leaves the fallback families in use).
 */
export function applyFrameStyle(theme: ThemeName | undefined, style: SafeStyle | undefined): Promise<void> {
  frameSheet.replaceSync('');
  if (theme === 'dark') frameSheet.insertRule(`@media all{${DARK}}`);
  if (theme === 'auto') frameSheet.insertRule(`@media (prefers-color-scheme: dark){${DARK}}`);
  for (const rule of style?.rules ?? []) {
    const selector = SELECTORS[rule.target].map((s) => (rule.variant ? s + STATES[rule.variant] : s)).join(',');
    const index = frameSheet.insertRule(`${selector}{}`, frameSheet.cssRules.length);
    // setProperty parses each value on its own, so it cannot reach past its declaration.
    const declaration = (frameSheet.cssRules[index] as CSSStyleRule).style;
    for (const [property, value] of rule.declarations) declaration.setProperty(property, value);
  }
  return loadFonts(style?.fonts ?? []);
}

async function loadFonts(fonts: readonly SafeFont[]): Promise<void> {
  for (const face of fontFaces) document.fonts.delete(face);
  // The URL is on an allowlisted origin and drawn from an alphabet without quotes or parentheses.
  fontFaces = fonts.map((font) => new FontFace(font.family, `url("${font.src}")`, { weight: font.weight, style: font.style }));
  for (const face of fontFaces) document.fonts.add(face);
  await Promise.allSettled(fontFaces.map((face) => face.load()));
}
