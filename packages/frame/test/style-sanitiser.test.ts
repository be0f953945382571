import { expect } from 'chai';
import { describe, it } from '@cardframe/test-env';
import { CardframeError } from '@cardframe/protocol';
import { sanitiseStyle } from '../src/style/sanitise-style.ts';

const FONTS = ['https://fonts.example', 'http://localhost:5174'];

/** What the sanitiser says about a style: `accepted`, or the refusal's message (its code checked here). */
function verdict(style: unknown): string {
  try {
    sanitiseStyle(style, FONTS);
    return 'accepted';
  } catch (error) {
    expect(error).to.be.instanceOf(CardframeError);
    expect((error as CardframeError).code).to.equal('ERR_STYLE_REFUSED');
    return (error as Error).message;
  }
}

describe('style sanitiser', () => {
  it('accepts honest styles for every target and returns CSS property names', () => {
    const style = {
      base: { color: '#1a1a1a', fontFamily: '"Brand Sans", Helvetica Neue, sans-serif', fontSize: '15px', fontWeight: '500', lineHeight: '1.5', letterSpacing: '-0.01em' },
      label: { color: 'rgb(80, 80, 80)', textTransform: 'uppercase', fontSize: '0.8rem' },
      value: { fontFamily: 'ui-monospace, monospace', textAlign: 'end', ':hover': { color: 'hsl(210 40% 30%)' }, ':focus': { outlineColor: '#2563eb' }, '::placeholder': { color: 'gray' } },
      button: { backgroundColor: 'transparent', borderRadius: '6px 6px 0 0', padding: '0.5em 1em', borderWidth: '2px', borderStyle: 'solid', ':hover': { backgroundColor: '#0000000d' }, ':disabled': { opacity: '0.4' } },
      error: { color: 'rgba(180, 35, 24, 0.9)', fontStyle: 'italic', textDecoration: 'underline' },
      fonts: [{ family: 'Brand Sans', src: 'https://fonts.example/brand/sans.woff2', weight: '100 900' }],
    };
    const safe = sanitiseStyle(style, FONTS);
    expect(safe.rules.find((r) => r.target === 'base')!.declarations).to.deep.include(['font-family', '"Brand Sans", Helvetica Neue, sans-serif']);
    expect(safe.rules.find((r) => r.target === 'value' && r.variant === ':hover')!.declarations).to.deep.equal([['color', 'hsl(210 40% 30%)']]);
    expect(safe.rules.find((r) => r.target === 'button' && r.variant === undefined)!.declarations).to.deep.include(['background-color', 'transparent']);
    expect(safe.fonts).to.deep.equal([{ family: 'Brand Sans', src: 'https://fonts.example/brand/sans.woff2', weight: '100 900', style: 'normal' }]);
  });

  it('accepts an empty style and empty targets', () => {
    expect(sanitiseStyle({}, [])).to.deep.equal({ rules: [], fonts: [] });
    expect(sanitiseStyle({ base: {}, fonts: [] }, [])).to.deep.equal({ rules: [], fonts: [] });
  });

  const hostile: [string, unknown][] = [
    ['url()', { base: { backgroundColor: 'url(https://evil.example/x)' } }],
    ['url() behind a colour', { base: { color: 'red url(https://evil.example/x)' } }],
    ['unicode escape of url(', { base: { color: '\\75 rl(https://evil.example/x)' } }],
    ['escaped character', { base: { fontFamily: 'A\\000022' } }],
    ['expression()', { base: { color: 'expression(alert(1))' } }],
    ['@import', { base: { fontFamily: '@import "https://evil.example"' } }],
    ['</style>', { base: { fontFamily: '</style><script>alert(1)</script>' } }],
    ['a semicolon to start another declaration', { base: { color: 'red; background: url(x)' } }],
    ['braces to end the rule', { base: { color: 'red} * {color:red' } }],
    ['javascript:', { base: { color: 'javascript:alert(1)' } }],
    ['var()', { base: { color: 'var(--x)' } }],
    ['calc()', { base: { fontSize: 'calc(100vh * 100)' } }],
    ['a letter inside rgb()', { base: { color: 'rgb(url)' } }],
    ['!important', { base: { color: 'red !important' } }],
    ['a quote in a family name', { base: { fontFamily: '"Brand", x"' } }],
    ['a huge value', { base: { fontFamily: 'a'.repeat(10_000) } }],
    ['a huge length', { base: { fontSize: '99999999px' } }],
    ['a negative padding', { base: { padding: '-4px' } }],
    ['a number where a string belongs', { base: { fontSize: 16 } }],
    ['an unknown property', { base: { background: 'red' } }],
    ['a kebab-case property', { base: { 'background-color': 'red' } }],
    ['position, which could overlay the card', { base: { position: 'fixed' } }],
    ['content, which could add text', { label: { content: '"PIN"' } }],
    ['an unknown target', { body: { color: 'red' } }],
    ['a selector as a target', { 'input[type=password]': { color: 'red' } }],
    ['an attribute selector as a state', { value: { '[data-field=pan]': { color: 'red' } } }],
    ['a state the target lacks', { base: { ':hover': { color: 'red' } } }],
    ['a state nested in a state', { button: { ':hover': { ':focus': { color: 'red' } } } }],
    ['an unknown pseudo-element', { value: { '::before': { color: 'red' } } }],
    ['__proto__ as a target', JSON.parse('{"__proto__": {"color": "red"}}')],
    ['__proto__ as a property', JSON.parse('{"base": {"__proto__": "red"}}')],
    ['constructor as a property', { base: { constructor: 'red' } }],
    ['a string instead of an object', 'color: red'],
    ['an array instead of an object', [{ color: 'red' }]],
    ['null', null],
    ['a non-plain object', { base: new Map([['color', 'red']]) }],
    ['a font from an origin the config does not list', { fonts: [{ family: 'Evil', src: 'https://evil.example/x.woff2' }] }],
    ['a font from a host that only starts like an allowed one', { fonts: [{ family: 'Evil', src: 'https://fonts.example.evil.example/x.woff2' }] }],
    ['a font URL with credentials', { fonts: [{ family: 'Evil', src: 'https://fonts.example@evil.example/x.woff2' }] }],
    ['a font URL with a quote', { fonts: [{ family: 'Evil', src: 'https://fonts.example/x.woff2")' }] }],
    ['a data: font', { fonts: [{ family: 'Evil', src: 'data:font/woff2;base64,AAAA' }] }],
    ['a font with an unknown field', { fonts: [{ family: 'Brand', src: 'https://fonts.example/x.woff2', unicodeRange: 'U+0-10FFFF' }] }],
    ['too many fonts', { fonts: Array(5).fill({ family: 'Brand', src: 'https://fonts.example/x.woff2' }) }],
    ['too many declarations', { base: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [i % 2 ? 'color' : 'fontSize', i % 2 ? 'red' : '1px'])), ...Object.fromEntries(['label', 'value', 'button', 'error'].map((t) => [t, { color: 'red', fontSize: '1px', padding: '0', lineHeight: '1', opacity: '1', textAlign: 'start', fontStyle: 'normal', fontWeight: 'bold', textTransform: 'none', textDecoration: 'none', borderStyle: 'none', borderWidth: '0', borderRadius: '0', letterSpacing: 'normal', caretColor: 'red', outlineColor: 'red', borderColor: 'red', backgroundColor: 'red', fontFamily: 'serif', color2: 'x' }])) }],
  ];

  for (const [what, style] of hostile) {
    it(`refuses ${what} with ERR_STYLE_REFUSED`, () => {
      expect(verdict(style)).to.not.equal('accepted');
    });
  }

  it('names the path of what it refused, never the value', () => {
    const message = verdict({ button: { ':hover': { backgroundColor: 'url(https://evil.example/4242424242424242)' } } });
    expect(message).to.equal('style.button:hover.backgroundColor: not allowed');
    expect(verdict({ base: { '4242424242424242': 'red' } })).to.equal('style.base.…: not allowed');
    expect(verdict({ fonts: [{ family: 'Evil', src: 'https://evil.example/x.woff2' }] })).to.contain('style.fonts[0].src').and.not.contain('evil');
  });

  it('accepts fonts only from origins the frame config lists', () => {
    const font = { family: 'Brand', src: 'https://fonts.example/brand.woff2' };
    expect(verdict({ fonts: [font] })).to.equal('accepted');
    expect(() => sanitiseStyle({ fonts: [font] }, [])).to.throw(CardframeError, 'style.fonts[0].src');
  });
});
