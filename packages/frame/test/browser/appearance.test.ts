import { expect, fixture, html } from '@open-wc/testing';
import { parseFrameConfig } from '../../src/config.ts';
import '../../src/views/card-view.ts';
import '../../src/views/pin-view.ts';
import '../../src/views/field-view.ts';
import type { FieldView } from '../../src/views/field-view.ts';
import type { CardView } from '../../src/views/card-view.ts';
import type { PinView } from '../../src/views/pin-view.ts';
import { prepareAppearance } from '../../src/appearance.ts';
import { de } from '../../src/i18n/de.ts';
import { applyFrameStyle, sanitiseStyle } from '../../src/style/apply-style.ts';
import { frameSheet } from '../../src/style/frame-sheet.ts';
import { rejectionCode } from '@cardframe/test-env';

const config = parseFrameConfig({
  allowedHostOrigins: ['https://shop.example'],
  issuer: { sessionKey: { pem: '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----' } },
  flows: { reveal: { fields: ['pan', 'cvc'] } },
  style: { fontOrigins: [location.origin] },
});

const card = () => fixture<CardView>(html`<cardframe-card-view .fields=${['pan', 'cvc']} state="ready"></cardframe-card-view>`);
const colour = (el: Element | null): string => getComputedStyle(el!).color;

describe('frame appearance', () => {
  afterEach(async () => {
    await applyFrameStyle(undefined, undefined);
    document.documentElement.removeAttribute('dir');
    document.documentElement.lang = 'en';
  });

  it('applies a host style inside the view, with its states, and drops it again', async () => {
    const el = await card();
    const dd = el.shadowRoot!.querySelector('dd');
    const before = colour(dd);
    await applyFrameStyle(undefined, sanitiseStyle({ value: { color: 'rgb(1, 2, 3)', letterSpacing: '2px' }, label: { textTransform: 'uppercase' }, button: { ':disabled': { color: 'rgb(9, 9, 9)' } } }, []));
    expect(colour(dd)).to.equal('rgb(1, 2, 3)');
    // Spacing reaches the value target's inputs, but never a card value (see the value-text test below).
    const pin = await fixture<PinView>(html`<cardframe-pin-view></cardframe-pin-view>`);
    expect(getComputedStyle(pin.shadowRoot!.querySelector('input')!).letterSpacing).to.equal('2px');
    expect(getComputedStyle(dd!).letterSpacing).to.not.equal('2px');
    expect(getComputedStyle(el.shadowRoot!.querySelector('dt')!).textTransform).to.equal('uppercase');
    expect(colour(el.shadowRoot!.querySelector('button'))).to.not.equal('rgb(9, 9, 9)');
    await applyFrameStyle(undefined, undefined);
    expect(colour(dd)).to.equal(before);
  });

  it('draws card values in the frame face, unspaced and unwrapped, whatever font and spacing the host sets', async () => {
    const el = await fixture<CardView>(html`<cardframe-card-view .fields=${['pan', 'expiry']} state="revealed" .values=${{ pan: '4111111111111111', expiry: '08/31' }}></cardframe-card-view>`);
    const field = await fixture<FieldView>(html`<cardframe-field-view .fields=${['pan']} state="revealed" .values=${{ pan: '4242424242424242' }}></cardframe-field-view>`);
    const style = { base: { fontFamily: 'Host Sans', letterSpacing: '3px' }, value: { fontFamily: 'Host Sans', letterSpacing: '5px', fontWeight: 'bold', fontStyle: 'italic', textTransform: 'uppercase', color: 'rgb(1, 2, 3)' } };
    await applyFrameStyle(undefined, sanitiseStyle(style, []));
    for (const value of [...el.shadowRoot!.querySelectorAll('dd'), field.shadowRoot!.querySelector('[part=value]')!]) {
      const computed = getComputedStyle(value);
      expect(computed.fontFamily).to.equal('cardframe-value, ui-monospace, monospace');
      expect(computed.letterSpacing).to.not.match(/^[35]px$/);
      expect(computed.fontVariantNumeric).to.equal('tabular-nums');
      expect(computed.fontWeight).to.equal('400');
      expect(computed.fontStyle).to.equal('normal');
      expect(computed.whiteSpace).to.equal('nowrap');
      // Colour and size are the host's to choose: they do not depend on the digits.
      expect(computed.color).to.equal('rgb(1, 2, 3)');
    }
    // Labels keep the host's font.
    // Engines differ only in whether they quote a one-name family in computed style.
    expect(getComputedStyle(el.shadowRoot!.querySelector('dt')!).fontFamily.replace(/"/g, '')).to.equal('Host Sans');
  });

  it('keeps a card value on one line however narrow the view', async () => {
    const el = await fixture<CardView>(html`<cardframe-card-view style="width: 40px" .fields=${['pan']} state="revealed" .values=${{ pan: '4242424242424242' }}></cardframe-card-view>`);
    const dd = el.shadowRoot!.querySelector('dd')!;
    const line = Number.parseFloat(getComputedStyle(dd).lineHeight) || dd.getClientRects()[0]!.height;
    expect(dd.getClientRects()).to.have.length(1);
    expect(dd.getBoundingClientRect().height).to.be.below(line * 1.5);
  });

  it('builds its rules by CSSOM from fixed selectors only', async () => {
    await applyFrameStyle('dark', sanitiseStyle({ button: { ':hover': { color: 'red' } } }, []));
    const text = [...frameSheet.cssRules].map((rule) => rule.cssText).join('\n');
    expect(text).to.contain('button:hover:not(:disabled) { color: red; }');
    expect(text).to.match(/^@media all/);
  });

  it('switches the views to dark colours with the dark preset; a host colour wins over the preset', async () => {
    const el = await card();
    await applyFrameStyle('dark', undefined);
    expect(colour(el)).to.equal('rgb(241, 241, 241)');
    expect(colour(el.shadowRoot!.querySelector('dt'))).to.equal('rgb(184, 184, 184)');
    await applyFrameStyle('dark', sanitiseStyle({ base: { color: '#ff0000' } }, []));
    expect(colour(el)).to.equal('rgb(255, 0, 0)');
  });

  it('follows prefers-color-scheme with the auto preset', async () => {
    const el = await card();
    await applyFrameStyle('auto', undefined);
    const dark = matchMedia('(prefers-color-scheme: dark)').matches;
    expect(colour(el)).to.equal(dark ? 'rgb(241, 241, 241)' : 'rgb(26, 26, 26)');
  });

  it('loads a font from an allowed origin with FontFace and settles even when it fails', async () => {
    const src = `${location.origin}/no-such-font.woff2`;
    await applyFrameStyle(undefined, sanitiseStyle({ fonts: [{ family: 'Brand Test', src }], base: { fontFamily: 'Brand Test, sans-serif' } }, [location.origin]));
    const faces = [...document.fonts].filter((face) => face.family.replace(/"/g, '') === 'Brand Test');
    expect(faces).to.have.length(1);
    expect(faces[0]!.status).to.equal('error');
    await applyFrameStyle(undefined, undefined);
    expect([...document.fonts].filter((face) => face.family.replace(/"/g, '') === 'Brand Test')).to.have.length(0);
  });

  it('refuses a hostile style before changing anything', async () => {
    const el = await card();
    (await prepareAppearance({ style: { value: { color: 'rgb(1, 2, 3)' } } }, config))(el);
    await el.updateComplete;
    const rules = frameSheet.cssRules.length;
    expect(await rejectionCode(prepareAppearance({ style: { value: { color: 'url(https://evil.example/)' } }, locale: 'de' }, config))).to.equal('ERR_STYLE_REFUSED');
    expect(frameSheet.cssRules.length).to.equal(rules);
    expect(colour(el.shadowRoot!.querySelector('dd'))).to.equal('rgb(1, 2, 3)');
    expect(el.shadowRoot!.querySelector('button')!.textContent).to.equal('Reveal card details');
  });

  it('renders the card view in German, with German screen-reader labels', async () => {
    const el = await card();
    (await prepareAppearance({ locale: 'de' }, config))(el);
    await el.updateComplete;
    expect(document.documentElement.lang).to.equal('de');
    expect([...el.shadowRoot!.querySelectorAll('dt')].map((dt) => dt.textContent)).to.deep.equal(['Kartennummer', 'CVC']);
    expect(el.shadowRoot!.querySelector('dd[data-field=pan]')!.getAttribute('aria-label')).to.equal('Kartennummer verborgen');
    expect(el.shadowRoot!.querySelector('button')!.textContent).to.equal('Kartendaten anzeigen');
    el.error = { code: 'ERR_RATE_LIMITED', message: 'x' };
    el.state = 'error';
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).to.contain('Zu viele Versuche');
    expect(el.shadowRoot!.querySelector('button')!.textContent).to.equal('Kartendaten anzeigen (erneut versuchen)');
    await expect(el).to.be.accessible();
  });

  it('renders the PIN view in German', async () => {
    const el = await fixture<PinView>(html`<cardframe-pin-view state="ready" .minLength=${4} .maxLength=${6} .messages=${de}></cardframe-pin-view>`);
    expect([...el.shadowRoot!.querySelectorAll('label')].map((l) => l.textContent)).to.deep.equal(['Neue PIN', 'Neue PIN bestätigen']);
    expect(el.shadowRoot!.querySelector('#hint')!.textContent).to.equal('4 bis 6 Ziffern');
    el.error = { code: 'ERR_PIN_LENGTH', message: 'x' };
    el.notice = 'changed';
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('#error')!.textContent).to.equal('Die PIN muss 4 bis 6 Ziffern haben.');
    expect(el.shadowRoot!.querySelector('[role=status]')!.textContent).to.equal('Ihre PIN wurde geändert.');
    await expect(el).to.be.accessible();
  });

  it('lays Arabic out right to left but keeps card numbers left to right', async () => {
    const el = await card();
    (await prepareAppearance({ locale: 'ar-EG' }, config))(el);
    el.values = { pan: '4242 4242 4242 4242', cvc: '123' };
    el.state = 'revealed';
    await el.updateComplete;
    expect(document.documentElement.dir).to.equal('rtl');
    expect(getComputedStyle(el).direction).to.equal('rtl');
    expect(getComputedStyle(el.shadowRoot!.querySelector('dd[data-field=pan]')!).direction).to.equal('ltr');
    expect(el.shadowRoot!.querySelector('button')!.textContent).to.equal('إخفاء بيانات البطاقة');
    await expect(el).to.be.accessible();
  });

  it('keeps every control in the tab order and gives it a visible focus ring', async () => {
    const el = await card();
    const pin = await fixture<PinView>(html`<cardframe-pin-view state="ready"></cardframe-pin-view>`);
    const controls = [...el.shadowRoot!.querySelectorAll<HTMLElement>('button, input'), ...pin.shadowRoot!.querySelectorAll<HTMLElement>('button, input')];
    expect(controls).to.have.length(5);
    for (const control of controls) {
      expect(control.tabIndex, control.outerHTML).to.equal(0);
      control.focus();
      // Focus that did not come from a pointer shows the ring, as it does for Tab.
      expect(control.matches(':focus-visible'), control.outerHTML).to.equal(true);
      expect(getComputedStyle(control).outlineStyle).to.equal('solid');
      expect(getComputedStyle(control).outlineWidth).to.equal('2px');
    }
  });
});
