/**
 * The one stylesheet the host's theme and style end up in. Every frame view
 * lists it last in its `static styles`, so it is adopted into each shadow
 * root and its rules win over the views' defaults. It stays empty until a
 * host sends a theme or style; `apply-style.ts` (loaded only then) fills it
 * through CSSOM, as the frame's CSP (`style-src 'self'`) forbids inline styles.
 */
export const frameSheet = new CSSStyleSheet();
