import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/views/field-view.ts';
import '../../src/views/copy-view.ts';
import '../../src/views/card-view.ts';
import type { FieldView } from '../../src/views/field-view.ts';
import type { CopyView } from '../../src/views/copy-view.ts';
import type { CardView } from '../../src/views/card-view.ts';
import { de } from '../../src/i18n/de.ts';

const shadow = (el: HTMLElement): ShadowRoot => el.shadowRoot!;
const valueOf = (el: HTMLElement): HTMLElement => shadow(el).querySelector<HTMLElement>('[part=value]')!;
const toggleOf = (el: HTMLElement): HTMLButtonElement => shadow(el).querySelector<HTMLButtonElement>('button')!;

/** Resolves with whether `name` fired on `el` within a few frames. */
async function fires(el: HTMLElement, name: string, action: () => void): Promise<boolean> {
  let fired = false;
  const listener = () => (fired = true);
  el.addEventListener(name, listener);
  action();
  await new Promise((resolve) => setTimeout(resolve, 20));
  el.removeEventListener(name, listener);
  return fired;
}

describe('cardframe-field-view', () => {
  it('shows the PAN masked with its last four, hidden from screen readers behind a "hidden" label', async () => {
    const el = await fixture<FieldView>(html`<cardframe-field-view .fields=${['pan']} .hint=${{ last4: '4242' }} state="ready"></cardframe-field-view>`);
    expect(valueOf(el).textContent).to.equal('•••• •••• •••• 4242');
    expect(valueOf(el).getAttribute('aria-hidden')).to.equal('true');
    expect(shadow(el).querySelector('.sr-only')!.textContent).to.equal('Card number hidden');
    await expect(el).to.be.accessible();
  });

  it('groups a masked Amex number as the card prints it', async () => {
    const el = await fixture<FieldView>(html`<cardframe-field-view .fields=${['pan']} .hint=${{ length: 15, prefix: '37', last4: '0005' }} state="ready"></cardframe-field-view>`);
    expect(valueOf(el).textContent).to.equal('•••• •••••• •0005');
  });

  it('shows the revealed PAN grouped by brand, readable by screen readers', async () => {
    const el = await fixture<FieldView>(html`<cardframe-field-view .fields=${['pan']} .values=${{ pan: '378282246310005' }} state="revealed"></cardframe-field-view>`);
    expect(valueOf(el).textContent).to.equal('3782 822463 10005');
    expect(valueOf(el).hasAttribute('aria-hidden')).to.equal(false);
    expect(shadow(el).querySelector('.sr-only')!.textContent).to.equal('Card number');
    // Contrast is checked once the 160 ms fade-in is over.
    await Promise.all(shadow(el).getAnimations().map((animation) => animation.finished));
    await expect(el).to.be.accessible();
  });

  it('describes a revealed expiry from the plaintext card profile as such', async () => {
    const el = await fixture<FieldView>(html`<cardframe-field-view .fields=${['expiry']} .profileFields=${['expiry']} state="revealed" .values=${{ expiry: '12/30' }}></cardframe-field-view>`);
    const value = valueOf(el);
    expect(value.textContent).to.equal('12/30');
    expect(value.dataset['source']).to.equal('profile');
    expect(shadow(el).getElementById(value.getAttribute('aria-describedby')!)!.textContent).to.contain('card profile');
    await Promise.all(shadow(el).getAnimations().map((animation) => animation.finished));
    await expect(el).to.be.accessible();
  });

  it('keeps a value masked until the state is revealed, even when values are set', async () => {
    const el = await fixture<FieldView>(html`<cardframe-field-view .fields=${['cvc']} .values=${{ cvc: '123' }} state="ready"></cardframe-field-view>`);
    expect(valueOf(el).textContent).to.equal('•••');
    expect(shadow(el).textContent).to.not.contain('123');
  });

  it('renders a revealed value as text, never as HTML', async () => {
    const el = await fixture<FieldView>(html`<cardframe-field-view .fields=${['cvc']} state="revealed"></cardframe-field-view>`);
    el.values = { cvc: '<img src=x onerror="window.__pwnedField=1">' };
    await el.updateComplete;
    expect(valueOf(el).querySelector('img')).to.equal(null);
    expect(shadow(el).querySelector('img')).to.equal(null);
    expect(valueOf(el).textContent).to.equal('<img src=x onerror="window.__pwnedField=1">');
    expect((window as { __pwnedField?: number }).__pwnedField).to.equal(undefined);
  });

  it('labels the eye toggle "Show …", not pressed, and fires cardframe-reveal-request on click', async () => {
    const el = await fixture<FieldView>(html`<cardframe-field-view .fields=${['expiry']} state="ready"></cardframe-field-view>`);
    const toggle = toggleOf(el);
    expect(toggle.getAttribute('aria-label')).to.equal('Show expiry date');
    expect(toggle.getAttribute('aria-pressed')).to.equal('false');
    expect(toggle.disabled).to.equal(false);
    setTimeout(() => toggle.click());
    const event = await oneEvent(el, 'cardframe-reveal-request');
    expect(event.bubbles && event.composed).to.equal(true);
    expect(await fires(el, 'cardframe-hide-request', () => toggleOf(el).click())).to.equal(false);
  });

  it('labels the eye toggle "Hide …", pressed, once revealed, and fires cardframe-hide-request on click', async () => {
    const el = await fixture<FieldView>(html`<cardframe-field-view .fields=${['cvc']} .values=${{ cvc: '123' }} state="revealed"></cardframe-field-view>`);
    const toggle = toggleOf(el);
    expect(toggle.getAttribute('aria-label')).to.equal('Hide CVC');
    expect(toggle.getAttribute('aria-pressed')).to.equal('true');
    expect(await fires(el, 'cardframe-reveal-request', () => toggle.click())).to.equal(false);
    setTimeout(() => toggleOf(el).click());
    await oneEvent(el, 'cardframe-hide-request');
  });

  it('disables the toggle while loading and revealing, and offers none when unavailable', async () => {
    const el = await fixture<FieldView>(html`<cardframe-field-view .fields=${['pan']}></cardframe-field-view>`);
    expect(toggleOf(el).disabled).to.equal(true);
    expect(await fires(el, 'cardframe-reveal-request', () => toggleOf(el).click())).to.equal(false);
    el.state = 'revealing';
    await el.updateComplete;
    expect(toggleOf(el).disabled).to.equal(true);
    expect(shadow(el).querySelector('.field')!.getAttribute('aria-busy')).to.equal('true');
    el.state = 'unavailable';
    el.error = { code: 'ERR_CONFIG', message: 'x' };
    await el.updateComplete;
    expect(shadow(el).querySelector('button')).to.equal(null);
    expect(shadow(el).querySelector('[role=alert]')!.textContent).to.contain('ERR_CONFIG');
  });

  it('renders nothing without a field', async () => {
    const el = await fixture<FieldView>(html`<cardframe-field-view state="ready"></cardframe-field-view>`);
    expect(shadow(el).querySelector('.field')).to.equal(null);
    expect(shadow(el).querySelector('button')).to.equal(null);
  });

  it('uses the German catalogue for its labels when given it', async () => {
    const el = await fixture<FieldView>(html`<cardframe-field-view .fields=${['pan']} .messages=${de} state="ready"></cardframe-field-view>`);
    expect(toggleOf(el).getAttribute('aria-label')).to.equal('Kartennummer anzeigen');
    expect(shadow(el).querySelector('.sr-only')!.textContent).to.equal('Kartennummer verborgen');
    el.values = { pan: '4242424242424242' };
    el.state = 'revealed';
    await el.updateComplete;
    expect(toggleOf(el).getAttribute('aria-label')).to.equal('Kartennummer verbergen');
    expect(shadow(el).querySelector('.sr-only')!.textContent).to.equal('Kartennummer');
  });
});

describe('cardframe-copy-view', () => {
  it('names the button after its field and fires cardframe-copy-request on click', async () => {
    const el = await fixture<CopyView>(html`<cardframe-copy-view .fields=${['pan']} state="ready"></cardframe-copy-view>`);
    const button = shadow(el).querySelector('button')!;
    expect(button.textContent).to.equal('Copy card number');
    expect(button.disabled).to.equal(false);
    setTimeout(() => button.click());
    const event = await oneEvent(el, 'cardframe-copy-request');
    expect(event.bubbles && event.composed).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('cannot be pressed while loading, revealing or unavailable', async () => {
    const el = await fixture<CopyView>(html`<cardframe-copy-view .fields=${['cvc']}></cardframe-copy-view>`);
    for (const state of ['loading', 'revealing', 'unavailable'] as const) {
      el.state = state;
      await el.updateComplete;
      expect(shadow(el).querySelector('button')!.disabled, state).to.equal(true);
      expect(await fires(el, 'cardframe-copy-request', () => shadow(el).querySelector('button')!.click()), state).to.equal(false);
    }
  });

  it('says "Copied" in a polite live region after a copy, and nothing before', async () => {
    const el = await fixture<CopyView>(html`<cardframe-copy-view .fields=${['cvc']} state="ready"></cardframe-copy-view>`);
    const status = shadow(el).querySelector('[part=status]')!;
    expect(status.getAttribute('aria-live')).to.equal('polite');
    expect(status.textContent).to.equal('');
    el.status = 'copied';
    await el.updateComplete;
    expect(shadow(el).querySelector('[part=status]')!.textContent).to.equal('Copied');
    expect(shadow(el).querySelector('[role=alert]')).to.equal(null);
  });

  it('explains a refused copy as an alert with its code, and keeps the button usable', async () => {
    const el = await fixture<CopyView>(html`<cardframe-copy-view .fields=${['pan']} state="revealed"></cardframe-copy-view>`);
    el.status = 'refused';
    el.error = { code: 'ERR_COPY_REFUSED', message: 'x' };
    await el.updateComplete;
    const alert = shadow(el).querySelector('[role=alert]')!;
    expect(alert.textContent).to.equal('Copying is not allowed here. Reveal the number and copy it by hand. (ERR_COPY_REFUSED)');
    expect(shadow(el).querySelector('[part=status]')!.textContent).to.equal('');
    expect(shadow(el).querySelector('button')!.disabled).to.equal(false);
  });

  it('never renders a value, whatever it is given', async () => {
    const el = await fixture<CopyView>(html`<cardframe-copy-view .fields=${['pan']} state="revealed"></cardframe-copy-view>`);
    (el as unknown as { values: object }).values = { pan: '4242424242424242' };
    el.requestUpdate();
    await el.updateComplete;
    expect(shadow(el).textContent).to.not.contain('4242');
  });

  it('uses the German catalogue for its button and status when given it', async () => {
    const el = await fixture<CopyView>(html`<cardframe-copy-view .fields=${['expiry']} .messages=${de} state="ready"></cardframe-copy-view>`);
    expect(shadow(el).querySelector('button')!.textContent).to.equal('Ablaufdatum kopieren');
    el.status = 'copied';
    await el.updateComplete;
    expect(shadow(el).querySelector('[part=status]')!.textContent).to.equal('Kopiert');
    el.status = 'refused';
    el.error = { code: 'ERR_COPY_REFUSED', message: 'x' };
    await el.updateComplete;
    expect(shadow(el).querySelector('[role=alert]')!.textContent).to.contain(de.card.copyRefused);
  });
});

describe('cardframe-card-view as a group toggle (no fields)', () => {
  it('renders only the reveal button, then the hide button, and fires the requests', async () => {
    const el = await fixture<CardView>(html`<cardframe-card-view .fields=${[]} state="ready"></cardframe-card-view>`);
    expect(shadow(el).querySelector('dl')).to.equal(null);
    expect(shadow(el).querySelectorAll('button').length).to.equal(1);
    expect(shadow(el).querySelector('[part=value]')).to.equal(null);
    expect(toggleOf(el).textContent).to.equal('Reveal card details');
    setTimeout(() => toggleOf(el).click());
    await oneEvent(el, 'cardframe-reveal-request');
    el.state = 'revealed';
    await el.updateComplete;
    expect(shadow(el).querySelector('dl')).to.equal(null);
    expect(toggleOf(el).textContent).to.equal('Hide card details');
    setTimeout(() => toggleOf(el).click());
    await oneEvent(el, 'cardframe-hide-request');
    await expect(el).to.be.accessible();
  });
});
