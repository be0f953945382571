import { expect } from '@open-wc/testing';
import { createApp, defineComponent, h, nextTick, ref, type App, type Component } from 'vue';
import type { CardframeCopy as CopyElement, CardframeGroup as GroupElement, CardframePan as PanElement } from '@cardframe/sdk';
import { CardframeCard, CardframeCopy, CardframeCvc, CardframeGroup, CardframePan, type CardframeExposed } from '../../src/index.ts';

const BLANK = `${location.origin}/__blank__`;

let container: HTMLDivElement;
let app: App | undefined;

function mount(component: Component): void {
  app = createApp(component);
  app.mount(container);
}

const fire = (el: Element, name: string, detail: unknown) => el.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));

/** The element's code on rejection, or 'resolved'. */
async function rejectionCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return String((error as { code?: unknown }).code);
  }
  return 'resolved';
}

describe('Vue wrappers', () => {
  beforeEach(() => {
    container = document.createElement('div');
    document.body.append(container);
  });
  afterEach(() => {
    app?.unmount();
    app = undefined;
    container.remove();
  });

  it('renders the custom element itself, with no wrapper around it', () => {
    mount({ render: () => h(CardframePan, { frameUrl: BLANK }) });
    expect(container.children).to.have.length(1);
    expect(container.firstElementChild!.localName).to.equal('cardframe-pan');
  });

  it('sets props as element properties, functions and objects by identity, numbers as numbers', () => {
    const fetchCardData = async (sessionId: string) => ({ sessionId });
    const frameStyle = { base: { color: '#222222' } };
    mount({ render: () => h(CardframePan, { frameUrl: BLANK, last4: '4242', autoHideSeconds: 30, hideOnBlur: true, theme: 'dark', locale: 'de', frameStyle, fetchCardData, readyTimeout: 1234 }) });
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
    expect([...el.attributes].map((attribute) => attribute.name)).to.not.include('fetchcarddata');
  });

  it('leaves unset props alone, so a member still inherits from its group', async () => {
    mount({ render: () => h(CardframeGroup, { frameUrl: BLANK, hideOnBlur: true }, { default: () => [h(CardframePan)] }) });
    const pan = container.querySelector<PanElement>('cardframe-pan')!;
    expect(pan.frameUrl).to.equal(undefined);
    expect(pan.hideOnBlur).to.equal(false);
    await pan.updateComplete;
    expect(pan.shadowRoot!.querySelector('iframe')!.src).to.equal(BLANK);
  });

  it('updates an element property when the prop changes', async () => {
    const fields = ref<('pan' | 'cvc')[]>(['pan']);
    mount({ render: () => h(CardframeCard, { frameUrl: BLANK, fields: fields.value }) });
    const el = container.firstElementChild as HTMLElement & { fields: string[] };
    fields.value = ['pan', 'cvc'];
    await nextTick();
    expect(container.firstElementChild).to.equal(el);
    expect(el.fields).to.deep.equal(['pan', 'cvc']);
  });

  it('emits @reveal, @copy, @hide, @error, @focus and @blur with the event detail', () => {
    const calls: [string, unknown][] = [];
    const on = (name: string) => (detail: unknown) => calls.push([name, detail]);
    mount({
      render: () =>
        h(CardframeCopy, { onReveal: on('reveal'), onCopy: on('copy'), onHide: on('hide'), onError: on('error'), onFocus: on('focus'), onBlur: on('blur') }),
    });
    const el = container.querySelector('cardframe-copy')!;
    fire(el, 'cardframe-reveal', { fields: ['pan'] });
    fire(el, 'cardframe-copy', { field: 'pan' });
    fire(el, 'cardframe-hide', { reason: 'blur' });
    fire(el, 'cardframe-error', { code: 'ERR_COPY_REFUSED', message: 'x' });
    fire(el, 'cardframe-focus', {});
    fire(el, 'cardframe-blur', {});
    expect(calls).to.deep.equal([
      ['reveal', { fields: ['pan'] }],
      ['copy', { field: 'pan' }],
      ['hide', { reason: 'blur' }],
      ['error', { code: 'ERR_COPY_REFUSED', message: 'x' }],
      ['focus', {}],
      ['blur', {}],
    ]);
  });

  it('passes `for` to a copy button as the field it copies', () => {
    mount({ render: () => h(CardframeCopy, { for: 'cvc' }) });
    const el = container.querySelector<CopyElement>('cardframe-copy')!;
    expect(el.getAttribute('for')).to.equal('cvc');
    expect(el.field).to.equal('cvc');
  });

  it('exposes the element, whenReady and destroy through a template ref', async () => {
    const handle = ref<CardframeExposed>();
    mount(defineComponent({ setup: () => () => h(CardframePan, { ref: handle, frameUrl: BLANK }) }));
    const el = container.querySelector('cardframe-pan')!;
    expect(handle.value!.element).to.equal(el);
    const pending = rejectionCode(handle.value!.whenReady());
    handle.value!.destroy();
    expect(await pending).to.equal('ERR_DESTROYED');
    expect(el.isConnected).to.equal(false);
  });

  it('exposes hide, which reaches the element (and refuses before its frame is connected)', async () => {
    const handle = ref<CardframeExposed>();
    mount(defineComponent({ setup: () => () => h(CardframeCvc, { ref: handle }) }));
    expect(await rejectionCode(handle.value!.hide())).to.equal('ERR_OUT_OF_ORDER');
  });

  it('puts slot content inside the group, and removes everything on unmount', async () => {
    const showCvc = ref(true);
    mount({ render: () => h(CardframeGroup, { frameUrl: BLANK }, { default: () => [h(CardframePan), showCvc.value ? h(CardframeCvc) : null] }) });
    const group = container.querySelector<GroupElement>('cardframe-group')!;
    expect(group.fields).to.deep.equal(['pan', 'cvc']);
    showCvc.value = false;
    await nextTick();
    expect(container.querySelector('cardframe-cvc')).to.equal(null);
    expect(group.fields).to.deep.equal(['pan']);
    app!.unmount();
    app = undefined;
    expect(container.children).to.have.length(0);
    expect(group.isConnected).to.equal(false);
  });
});
