import { expect, fixture, html } from '@open-wc/testing';
import '../../src/views/card-view.ts';
import '../../src/views/field-view.ts';
import type { CardView } from '../../src/views/card-view.ts';
import type { FieldView } from '../../src/views/field-view.ts';
import { de } from '../../src/i18n/de.ts';
import { RevealGroup, type GroupMessage } from '../../src/reveal-group.ts';

describe('a field the issuer\'s answer held no readable value for', () => {
  it('shows "Not available" in the card view beside the fields that opened, and stays accessible', async () => {
    const el = await fixture<CardView>(html`<cardframe-card-view .fields=${['pan', 'expiry', 'cvc']} state="ready"></cardframe-card-view>`);
    el.values = { pan: '4242424242424242', cvc: '123' };
    el.unavailable = ['expiry'];
    el.state = 'revealed';
    await el.updateComplete;
    const text = Object.fromEntries([...el.shadowRoot!.querySelectorAll('dd')].map((dd) => [dd.dataset['field']!, dd.textContent!.trim()]));
    expect(text).to.deep.equal({ pan: '4242 4242 4242 4242', expiry: 'Not available', cvc: '123' });
    expect(el.shadowRoot!.querySelector('[data-field=expiry]')!.hasAttribute('data-unavailable')).to.equal(true);
    await expect(el).to.be.accessible();
    // Masked again, it is a masked field like the others.
    el.state = 'ready';
    el.values = {};
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[data-field=expiry]')!.textContent).to.equal('••/••');
  });

  it('says so to screen readers in the field view, in the frame\'s language, with a Hide toggle', async () => {
    const el = await fixture<FieldView>(html`<cardframe-field-view .fields=${['expiry']} state="revealed"></cardframe-field-view>`);
    el.unavailable = ['expiry'];
    el.messages = de;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.sr-only')!.textContent).to.equal('Gültig bis nicht verfügbar');
    expect(el.shadowRoot!.querySelector('[data-field=expiry]')!.textContent).to.equal('Nicht verfügbar');
    expect(el.shadowRoot!.querySelector('button')!.getAttribute('aria-pressed')).to.equal('true');
    await expect(el).to.be.accessible();
  });

  it('is handed to the other frames of a group with its reason, and unknown fields or codes are dropped', async () => {
    const received: GroupMessage[] = [];
    const id = crypto.randomUUID();
    const a = new RevealGroup(id, ['pan', 'expiry'], () => undefined);
    const b = new RevealGroup(id, ['pan', 'expiry'], (message) => received.push(message));
    try {
      a.post({ type: 'values', values: { pan: '4242424242424242' }, unavailable: [{ field: 'expiry', code: 'ERR_PROFILE_MISSING' }], show: true });
      const raw = new BroadcastChannel(`cardframe-group:${id}`);
      raw.postMessage({ type: 'values', values: {}, unavailable: [{ field: 'name', code: 'ERR_PROFILE_MISSING' }, { field: 'cvc', code: 'ERR_OOPS', value: '123' }], show: true });
      await new Promise<void>((resolve) => {
        const wait = (): void => void (received.length >= 2 ? resolve() : setTimeout(wait, 10));
        wait();
      });
      raw.close();
      expect(received).to.deep.equal([
        { type: 'values', values: { pan: '4242424242424242' }, unavailable: [{ field: 'expiry', code: 'ERR_PROFILE_MISSING' }], show: true },
        { type: 'values', values: {}, show: true },
      ]);
    } finally {
      a.close();
      b.close();
    }
  });
});
