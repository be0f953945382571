import { expect } from 'chai';
import fc from 'fast-check';
import { describe, it } from '@cardframe/test-env';
import { CardframeError } from '@cardframe/protocol';
import { sanitiseStyle } from '../../src/style/sanitise-style.ts';

const TARGETS = ['base', 'label', 'value', 'button', 'error', 'fonts', '__proto__', 'body', '*'];
const KEYS = ['color', 'backgroundColor', 'fontFamily', 'fontSize', 'padding', 'letterSpacing', 'lineHeight', 'opacity', ':hover', ':focus', '::placeholder', 'background', 'position', '[x]', '__proto__'];
/** Fragments that hostile CSS is made of, mixed with honest tokens. */
const PIECES = ['url(', ')', '(', '\\', '\\75 ', ';', '{', '}', '<', '</style>', '@import', '@', 'expression(', 'javascript:', '"', "'", ',', ' ', '#', 'rgb(', 'hsl(', 'red', '10px', '1.5', '-', '%', '/', 'ff', '0', 'sans-serif', 'Brand', '!important', 'var(--x', '\u0000', '\n'];

const value = fc.oneof(fc.array(fc.constantFrom(...PIECES), { maxLength: 8 }).map((parts) => parts.join('')), fc.string({ maxLength: 40 }), fc.anything());
const declarations = fc.dictionary(fc.constantFrom(...KEYS), fc.oneof(value, fc.dictionary(fc.constantFrom(...KEYS), value, { maxKeys: 3 })), { maxKeys: 4 });
const font = fc.record({ family: value, src: fc.oneof(fc.constantFrom('https://fonts.example/a.woff2', 'https://evil.example/a.woff2', 'https://fonts.example@evil.example/a'), fc.webUrl(), value) }, { requiredKeys: [] });
const style = fc.oneof(fc.dictionary(fc.constantFrom(...TARGETS), fc.oneof(declarations, fc.array(font, { maxLength: 2 }), fc.anything()), { maxKeys: 4 }), fc.anything());

/** Every string value in what the sanitiser returned. */
function values(safe: ReturnType<typeof sanitiseStyle>): string[] {
  return [...safe.rules.flatMap((rule) => rule.declarations.map(([, v]) => v)), ...safe.fonts.flatMap((f) => [f.family, f.src, f.weight, f.style])];
}

describe('style sanitiser under fuzzing', () => {
  it('throws nothing but ERR_STYLE_REFUSED, and what it accepts has no way out of its declaration', () => {
    fc.assert(
      fc.property(style, (input) => {
        let safe;
        try {
          safe = sanitiseStyle(input, ['https://fonts.example']);
        } catch (error) {
          if (!(error instanceof CardframeError) || error.code !== 'ERR_STYLE_REFUSED') throw error;
          return;
        }
        for (const v of values(safe)) {
          expect(v).to.not.match(/[\\;{}<@!\u0000-\u001f]/);
          // `(` only as an rgb()/hsl() colour with digits and separators inside.
          if (v.includes('(')) expect(v).to.match(/^(?:rgb|hsl)a?\([0-9.%, /]+\)$/);
          expect(v.toLowerCase()).to.not.match(/url\(|expression\(|javascript:|@import/);
        }
        for (const rule of safe.rules) for (const [property] of rule.declarations) expect(property).to.match(/^[a-z]+(?:-[a-z]+)*$/);
      }),
      { numRuns: 3000 },
    );
  });
});
