import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/views/card-view.ts';
import type { CardView } from '../../src/views/card-view.ts';

const values = (el: CardView): Record<string, string> =>
  Object.fromEntries([...el.shadowRoot!.querySelectorAll('dd')].map((dd) => [dd.dataset['field']!, dd.textContent!]));

describe('cardframe-card-view', () => {
  it('shows every field masked, with an enabled Reveal button once ready', async () => {
    const el = await fixture<CardView>(html`<cardframe-card-view .fields=${['pan', 'expiry', 'cvc']} state="ready"></cardframe-card-view>`);
    expect(values(el)).to.deep.equal({ pan: '•••• •••• •••• ••••', expiry: '••/••', cvc: '•••' });
    const button = el.shadowRoot!.querySelector('button')!;
    expect(button.textContent).to.equal('Reveal card details');
    expect(button.disabled).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('disables the button while loading and revealing', async () => {
    const el = await fixture<CardView>(html`<cardframe-card-view .fields=${['pan']}></cardframe-card-view>`);
    expect(el.shadowRoot!.querySelector('button')!.disabled).to.equal(true);
    el.state = 'revealing';
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('button')!.disabled).to.equal(true);
    expect(el.shadowRoot!.querySelector('dl')!.getAttribute('aria-busy')).to.equal('true');
  });

  it('fires cardframe-reveal-request on click and cardframe-hide-request when revealed', async () => {
    const el = await fixture<CardView>(html`<cardframe-card-view .fields=${['cvc']} state="ready"></cardframe-card-view>`);
    setTimeout(() => el.shadowRoot!.querySelector('button')!.click());
    await oneEvent(el, 'cardframe-reveal-request');
    el.values = { cvc: '123' };
    el.state = 'revealed';
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('button')!.textContent).to.equal('Hide card details');
    setTimeout(() => el.shadowRoot!.querySelector('button')!.click());
    await oneEvent(el, 'cardframe-hide-request');
  });

  it('renders revealed values as text, never as HTML', async () => {
    const el = await fixture<CardView>(html`<cardframe-card-view .fields=${['cvc']} state="revealed"></cardframe-card-view>`);
    el.values = { cvc: '<img src=x onerror="window.__pwned=1">' };
    await el.updateComplete;
    const dd = el.shadowRoot!.querySelector('dd')!;
    expect(dd.querySelector('img')).to.equal(null);
    expect(dd.textContent).to.equal('<img src=x onerror="window.__pwned=1">');
  });

  it('announces revealed values politely and labels masked ones as hidden', async () => {
    const el = await fixture<CardView>(html`<cardframe-card-view .fields=${['pan', 'cvc']} state="ready"></cardframe-card-view>`);
    expect(el.shadowRoot!.querySelector('dl')!.getAttribute('aria-live')).to.equal('polite');
    expect(el.shadowRoot!.querySelector('dd[data-field=cvc]')!.getAttribute('aria-label')).to.equal('CVC hidden');
    el.values = { pan: '4242 4242 4242 4242', cvc: '123' };
    el.state = 'revealed';
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('dd[data-field=cvc]')!.hasAttribute('aria-label')).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('describes a revealed value from the plaintext card profile as such, and only that one', async () => {
    const el = await fixture<CardView>(html`<cardframe-card-view .fields=${['pan', 'expiry']} .profileFields=${['expiry']} state="ready"></cardframe-card-view>`);
    expect(el.shadowRoot!.querySelector('#profile-note')).to.equal(null);
    el.values = { pan: '4242424242424242', expiry: '12/30' };
    el.state = 'revealed';
    await el.updateComplete;
    const expiry = el.shadowRoot!.querySelector<HTMLElement>('[data-field=expiry]')!;
    const pan = el.shadowRoot!.querySelector<HTMLElement>('[data-field=pan]')!;
    expect(expiry.textContent).to.equal('12/30');
    expect(expiry.dataset['source']).to.equal('profile');
    expect(el.shadowRoot!.getElementById(expiry.getAttribute('aria-describedby')!)!.textContent).to.contain('card profile');
    expect(pan.hasAttribute('aria-describedby')).to.equal(false);
    expect(pan.dataset['source']).to.equal(undefined);
    await expect(el).to.be.accessible();
    el.profileFields = [];
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('#profile-note')).to.equal(null);
    expect(el.shadowRoot!.querySelector('[data-field=expiry]')!.hasAttribute('aria-describedby')).to.equal(false);
  });

  it('shows an error as an alert with its code, with a retry button', async () => {
    const el = await fixture<CardView>(html`<cardframe-card-view .fields=${['pan']} state="error"></cardframe-card-view>`);
    el.error = { code: 'ERR_DECRYPT_FAILED', message: 'x' };
    await el.updateComplete;
    const alert = el.shadowRoot!.querySelector('[role=alert]')!;
    expect(alert.textContent).to.contain('ERR_DECRYPT_FAILED');
    expect(el.shadowRoot!.querySelector('button')!.textContent).to.contain('Reveal');
    await expect(el).to.be.accessible();
  });

  it('names the button after what it reveals', async () => {
    const el = await fixture<CardView>(html`<cardframe-card-view .fields=${['pin']} state="ready"></cardframe-card-view>`);
    expect(el.shadowRoot!.querySelector('button')!.textContent).to.equal('Reveal PIN');
  });

  it('offers no button when the frame is unavailable', async () => {
    const el = await fixture<CardView>(html`<cardframe-card-view .fields=${['pan']} state="unavailable"></cardframe-card-view>`);
    el.error = { code: 'ERR_CONFIG', message: 'x' };
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('button')).to.equal(null);
    expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).to.contain('unavailable');
  });

  it('carries no data-testid unless the frame is in test mode', async () => {
    const el = await fixture<CardView>(html`<cardframe-card-view .fields=${['pan', 'cvc']} state="ready"></cardframe-card-view>`);
    expect(el.shadowRoot!.querySelectorAll('[data-testid]').length).to.equal(0);
  });

  it('in test mode tags each value, the reveal and hide buttons and the error line', async () => {
    const el = await fixture<CardView>(html`<cardframe-card-view .fields=${['pan', 'cvc']} .testMode=${true} state="ready"></cardframe-card-view>`);
    const ids = (): string[] => [...el.shadowRoot!.querySelectorAll('[data-testid]')].map((node) => node.getAttribute('data-testid')!);
    expect(ids()).to.deep.equal(['cardframe-value-pan', 'cardframe-value-cvc', 'cardframe-reveal']);
    el.values = { pan: '4242 4242 4242 4242', cvc: '123' };
    el.state = 'revealed';
    await el.updateComplete;
    expect(ids()).to.deep.equal(['cardframe-value-pan', 'cardframe-value-cvc', 'cardframe-hide']);
    el.error = { code: 'ERR_DECRYPT_FAILED', message: 'x' };
    el.state = 'error';
    await el.updateComplete;
    expect(ids()).to.include('cardframe-error');
  });
});
