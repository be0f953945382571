import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/views/pin-view.ts';
import type { PinView } from '../../src/views/pin-view.ts';

const input = (el: PinView, id: string): HTMLInputElement => el.shadowRoot!.querySelector<HTMLInputElement>(`#${id}`)!;

describe('cardframe-pin-view', () => {
  it('has labelled, masked, numeric inputs with a length hint, and is accessible', async () => {
    const el = await fixture<PinView>(html`<cardframe-pin-view state="ready" .minLength=${4} .maxLength=${6}></cardframe-pin-view>`);
    for (const id of ['pin', 'confirm']) {
      const field = input(el, id);
      expect(field.type).to.equal('password');
      expect(field.inputMode).to.equal('numeric');
      expect(field.autocomplete).to.equal('off');
      expect(field.maxLength).to.equal(6);
      expect(el.shadowRoot!.querySelector(`label[for=${id}]`)).to.not.equal(null);
    }
    expect(el.shadowRoot!.querySelector('#hint')!.textContent).to.equal('4 to 6 digits');
    await expect(el).to.be.accessible();
  });

  it('keeps the inputs at 16 px or more when the host asks for a smaller font, so iOS Safari does not zoom into them', async () => {
    const el = await fixture<PinView>(html`<cardframe-pin-view state="ready" style="--cardframe-font: 12px/1.2 sans-serif"></cardframe-pin-view>`);
    expect(getComputedStyle(el.shadowRoot!.querySelector('.hint')!).fontSize).to.not.equal('16px');
    for (const id of ['pin', 'confirm']) expect(parseFloat(getComputedStyle(input(el, id)).fontSize)).to.be.at.least(16);
    el.style.setProperty('--cardframe-font', '20px/1.2 sans-serif');
    expect(getComputedStyle(input(el, 'pin')).fontSize).to.equal('20px');
  });

  it('shows the digits on request and masks them again', async () => {
    const el = await fixture<PinView>(html`<cardframe-pin-view state="ready"></cardframe-pin-view>`);
    const toggle = el.shadowRoot!.querySelector<HTMLButtonElement>('button[aria-pressed]')!;
    toggle.click();
    await el.updateComplete;
    expect(input(el, 'pin').type).to.equal('text');
    expect(toggle.getAttribute('aria-pressed')).to.equal('true');
    toggle.click();
    await el.updateComplete;
    expect(input(el, 'pin').type).to.equal('password');
  });

  it('asks to submit on the button and on Enter, but not while submitting', async () => {
    const el = await fixture<PinView>(html`<cardframe-pin-view state="ready"></cardframe-pin-view>`);
    setTimeout(() => el.shadowRoot!.querySelector<HTMLButtonElement>('[part=submit]')!.click());
    await oneEvent(el, 'cardframe-pin-submit-request');
    setTimeout(() => input(el, 'confirm').dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' })));
    await oneEvent(el, 'cardframe-pin-submit-request');
    el.state = 'submitting';
    await el.updateComplete;
    let asked = false;
    el.addEventListener('cardframe-pin-submit-request', () => (asked = true));
    input(el, 'pin').dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    expect(el.shadowRoot!.querySelector<HTMLButtonElement>('[part=submit]')!.disabled).to.equal(true);
    expect(asked).to.equal(false);
  });

  it('reads and clears what was typed', async () => {
    const el = await fixture<PinView>(html`<cardframe-pin-view state="ready"></cardframe-pin-view>`);
    input(el, 'pin').value = '4821';
    input(el, 'confirm').value = '4812';
    expect(el.read()).to.deep.equal({ pin: '4821', confirm: '4812' });
    el.clear();
    expect(el.read()).to.deep.equal({ pin: '', confirm: '' });
  });

  it('announces an error, marks both inputs invalid and links them to it', async () => {
    const el = await fixture<PinView>(html`<cardframe-pin-view state="ready"></cardframe-pin-view>`);
    el.error = { code: 'ERR_PIN_MISMATCH', message: 'x' };
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).to.equal('The two PINs do not match.');
    expect(input(el, 'pin').getAttribute('aria-invalid')).to.equal('true');
    expect(input(el, 'pin').getAttribute('aria-describedby')).to.contain('error');
    await expect(el).to.be.accessible();
  });

  it('carries no data-testid unless the frame is in test mode, and tags every control in it', async () => {
    const plain = await fixture<PinView>(html`<cardframe-pin-view state="ready"></cardframe-pin-view>`);
    expect(plain.shadowRoot!.querySelectorAll('[data-testid]').length).to.equal(0);
    const el = await fixture<PinView>(html`<cardframe-pin-view state="ready" .testMode=${true}></cardframe-pin-view>`);
    const ids = [...el.shadowRoot!.querySelectorAll('[data-testid]')].map((node) => node.getAttribute('data-testid'));
    expect(ids).to.deep.equal(['cardframe-pin-new', 'cardframe-pin-confirm', 'cardframe-pin-show', 'cardframe-pin-submit', 'cardframe-pin-error', 'cardframe-pin-notice']);
  });
});
