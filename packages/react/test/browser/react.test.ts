import { expect } from '@open-wc/testing';
import * as React from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { CardframeCopy as CopyElement, CardframeGroup as GroupElement, CardframePan as PanElement } from '@cardframe/sdk';
import { CardframeCard, CardframeCopy, CardframeCvc, CardframeGroup, CardframePan, CardframeToggle } from '../../src/index.ts';

const BLANK = `${location.origin}/__blank__`;
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let container: HTMLDivElement;
let root: Root;

async function render(node: React.ReactNode): Promise<void> {
  await React.act(async () => root.render(node));
}

const reveal = (fields: string[]) => new CustomEvent('cardframe-reveal', { detail: { fields }, bubbles: true, composed: true });

describe('React wrappers', () => {
  beforeEach(() => {
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
  });
  afterEach(async () => {
    await React.act(async () => root.unmount());
    container.remove();
  });

  it('renders the custom element itself, with no wrapper around it', async () => {
    await render(React.createElement(CardframePan, { frameUrl: BLANK }));
    expect(container.children).to.have.length(1);
    expect(container.firstElementChild!.localName).to.equal('cardframe-pan');
  });

  it('sets props as element properties, functions and objects by identity, numbers as numbers', async () => {
    const fetchCardData = async (sessionId: string) => ({ sessionId });
    const frameStyle = { base: { color: '#222222' } };
    await render(React.createElement(CardframePan, { frameUrl: BLANK, last4: '4242', autoHideSeconds: 30, hideOnBlur: true, theme: 'dark', locale: 'de', frameStyle, fetchCardData, readyTimeout: 1234 }));
    const el = container.querySelector<PanElement>('cardframe-pan')!;
    expect(el.frameUrl).to.equal(BLANK);
    expect(el.last4).to.equal('4242');
    expect(el.autoHideSeconds).to.equal(30);
    expect(el.hideOnBlur).to.equal(true);
    expect(el.theme).to.equal('dark');
    expect(el.locale).to.equal('de');
    expect(el.frameStyle).to.equal(frameStyle);
    expect(el.fetchCardData).to.equal(fetchCardData);
    expect(el.readyTimeout).to.equal(1234);
    // A function never lands in the markup as an attribute.
    expect(el.hasAttribute('fetchcarddata') || el.hasAttribute('fetchCardData')).to.equal(false);
  });

  it('updates an element property when the prop changes, on the same element', async () => {
    await render(React.createElement(CardframeCard, { frameUrl: BLANK, fields: ['pan'] }));
    const el = container.firstElementChild as HTMLElement & { fields: string[] };
    await render(React.createElement(CardframeCard, { frameUrl: BLANK, fields: ['pan', 'cvc'] }));
    expect(container.firstElementChild).to.equal(el);
    expect(el.fields).to.deep.equal(['pan', 'cvc']);
  });

  it('calls onReveal with the cardframe-reveal event and its detail', async () => {
    const received: CustomEvent[] = [];
    await render(React.createElement(CardframePan, { frameUrl: BLANK, onReveal: (event: CustomEvent) => received.push(event) }));
    const el = container.querySelector('cardframe-pan')!;
    const event = reveal(['pan']);
    el.dispatchEvent(event);
    expect(received).to.have.length(1);
    expect(received[0]).to.equal(event);
    expect(received[0]!.detail).to.deep.equal({ fields: ['pan'] });
  });

  it('calls only the latest handler after a re-render', async () => {
    const calls: string[] = [];
    await render(React.createElement(CardframePan, { onReveal: () => calls.push('first') }));
    const el = container.querySelector('cardframe-pan')!;
    await render(React.createElement(CardframePan, { onReveal: () => calls.push('second') }));
    el.dispatchEvent(reveal(['pan']));
    expect(calls).to.deep.equal(['second']);
  });

  it('maps onCopy, onHide, onError, onFocus and onBlur to their cardframe events', async () => {
    const calls: string[] = [];
    const record = (name: string) => (event: CustomEvent) => calls.push(`${name}:${JSON.stringify(event.detail)}`);
    await render(
      React.createElement(CardframeCopy, {
        onCopy: record('copy'),
        onHide: record('hide'),
        onError: record('error'),
        onFocus: record('focus'),
        onBlur: record('blur'),
      }),
    );
    const el = container.querySelector('cardframe-copy')!;
    const fire = (name: string, detail: unknown) => el.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
    fire('cardframe-copy', { field: 'pan' });
    fire('cardframe-hide', { reason: 'timeout' });
    fire('cardframe-error', { code: 'ERR_COPY_REFUSED', message: 'x' });
    fire('cardframe-focus', {});
    fire('cardframe-blur', {});
    expect(calls).to.deep.equal(['copy:{"field":"pan"}', 'hide:{"reason":"timeout"}', 'error:{"code":"ERR_COPY_REFUSED","message":"x"}', 'focus:{}', 'blur:{}']);
  });

  it('passes the typed `field` prop (as the README spells it) to a copy button as the field it copies', async () => {
    await render(React.createElement(CardframeCopy, { field: 'expiry' }));
    expect(container.querySelector<CopyElement>('cardframe-copy')!.field).to.equal('expiry');
  });

  it('passes `for` to a copy button as the field it copies', async () => {
    await render(React.createElement(CardframeCopy, { for: 'cvc' } as React.ComponentProps<typeof CardframeCopy>));
    expect(container.querySelector<CopyElement>('cardframe-copy')!.field).to.equal('cvc');
  });

  it('removes the element when unmounted, and its group forgets it', async () => {
    await render(React.createElement(CardframeGroup, { frameUrl: BLANK }, React.createElement(CardframePan), React.createElement(CardframeCvc)));
    const group = container.querySelector<GroupElement>('cardframe-group')!;
    expect(group.fields).to.deep.equal(['pan', 'cvc']);
    await render(React.createElement(CardframeGroup, { frameUrl: BLANK }, React.createElement(CardframePan)));
    expect(container.querySelector('cardframe-cvc')).to.equal(null);
    expect(group.fields).to.deep.equal(['pan']);
    await React.act(async () => root.unmount());
    expect(container.children).to.have.length(0);
    expect(group.isConnected).to.equal(false);
    root = createRoot(container);
  });

  it('renders a single element per component under StrictMode, and each member joins its group once', async () => {
    await render(
      React.createElement(
        React.StrictMode,
        null,
        React.createElement(CardframeGroup, { frameUrl: BLANK }, React.createElement(CardframePan), React.createElement(CardframeCvc), React.createElement(CardframeToggle)),
      ),
    );
    expect(container.querySelectorAll('cardframe-group')).to.have.length(1);
    expect(container.querySelectorAll('cardframe-pan')).to.have.length(1);
    expect(container.querySelectorAll('cardframe-cvc')).to.have.length(1);
    expect(container.querySelectorAll('cardframe-toggle')).to.have.length(1);
    const group = container.querySelector<GroupElement>('cardframe-group')!;
    expect(group.members.map((member) => member.localName)).to.deep.equal(['cardframe-pan', 'cardframe-cvc', 'cardframe-toggle']);
    const pan = container.querySelector<PanElement>('cardframe-pan')!;
    await pan.updateComplete;
    expect(pan.shadowRoot!.querySelectorAll('iframe')).to.have.length(1);
    expect(pan.shadowRoot!.querySelector('iframe')!.src).to.equal(BLANK);
  });
});
