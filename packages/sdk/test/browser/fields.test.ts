import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/index.ts';
import type { CardframeGroup, CardframePan, FrameElement } from '../../src/index.ts';
import { BLANK, connectFake, iframeOf, loaded, rejectionCode } from './fake-frame.ts';

/** Mounts `markup` (one element) with a frame-url and returns the element. */
async function mount(markup: string): Promise<FrameElement> {
  const holder = await fixture<HTMLDivElement>(`<div>${markup}</div>`);
  const el = holder.firstElementChild as FrameElement;
  el.setAttribute('frame-url', BLANK);
  await el.updateComplete;
  return el;
}

const ELEMENTS: [markup: string, title: string, clipboard: boolean][] = [
  ['<cardframe-card></cardframe-card>', 'Card details', false],
  ['<cardframe-pan></cardframe-pan>', 'Card number', false],
  ['<cardframe-cvc></cardframe-cvc>', 'CVC', false],
  ['<cardframe-expiry></cardframe-expiry>', 'Expiry date', false],
  ['<cardframe-field field="expiry"></cardframe-field>', 'Expiry date', false],
  ['<cardframe-field field="pin"></cardframe-field>', 'PIN', false],
  ['<cardframe-copy></cardframe-copy>', 'Copy card number', true],
  ['<cardframe-copy for="cvc"></cardframe-copy>', 'Copy CVC', true],
  ['<cardframe-copy for="expiry"></cardframe-copy>', 'Copy expiry date', true],
  ['<cardframe-toggle></cardframe-toggle>', 'Show or hide card details', false],
  ['<cardframe-pin></cardframe-pin>', 'Set card PIN', false],
];

describe('iframe of each element', () => {
  for (const [markup, title, clipboard] of ELEMENTS) {
    it(`${markup}: sandbox "allow-scripts allow-same-origin", no referrer, ${clipboard ? 'allow="clipboard-write"' : 'no allow'}, title "${title}"`, async () => {
      const el = await mount(markup);
      const iframe = await iframeOf(el);
      expect(iframe.getAttribute('sandbox')).to.equal('allow-scripts allow-same-origin');
      expect([...iframe.sandbox]).to.deep.equal(['allow-scripts', 'allow-same-origin']);
      expect(iframe.getAttribute('referrerpolicy')).to.equal('no-referrer');
      expect(iframe.getAttribute('allow')).to.equal(clipboard ? 'clipboard-write' : null);
      expect(iframe.title).to.equal(title);
      expect(iframe.src).to.equal(BLANK);
    });
  }

  it('takes its title from frame-title over the field\'s default, and follows a change', async () => {
    const el = await mount('<cardframe-cvc frame-title="Security code on the back"></cardframe-cvc>');
    expect((await iframeOf(el)).title).to.equal('Security code on the back');
    el.setAttribute('frame-title', 'Code');
    await el.updateComplete;
    expect((await iframeOf(el)).title).to.equal('Code');
  });

  it('retitles a field element when its field changes, unless the host set a title', async () => {
    const el = await mount('<cardframe-field field="pan"></cardframe-field>');
    el.setAttribute('field', 'cvc');
    await el.updateComplete;
    expect((await iframeOf(el)).title).to.equal('CVC');
    const named = await mount('<cardframe-field field="pan" frame-title="Number"></cardframe-field>');
    named.setAttribute('field', 'cvc');
    await named.updateComplete;
    expect((await iframeOf(named)).title).to.equal('Number');
  });

  it('keeps one iframe (the same node) across updates that do not change the URL', async () => {
    const el = await mount('<cardframe-pan></cardframe-pan>');
    const first = await iframeOf(el);
    el.setAttribute('theme', 'dark');
    el.setAttribute('frame-title', 'x');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelectorAll('iframe')).to.have.length(1);
    expect(await iframeOf(el)).to.equal(first);
  });

  it('configures a copy button with the copy view and the field named by `for`', async () => {
    const el = await mount('<cardframe-copy for="expiry"></cardframe-copy>');
    const frame = await connectFake(el);
    expect(await frame.configured).to.deep.equal({ flow: 'reveal', view: 'copy', fields: ['expiry'] });
  });

  it('configures <cardframe-field> with the field view and hide-on-blur when set', async () => {
    const el = await mount('<cardframe-field field="cvc" hide-on-blur auto-hide-seconds="12"></cardframe-field>');
    const frame = await connectFake(el);
    expect(await frame.configured).to.deep.equal({ flow: 'reveal', view: 'field', fields: ['cvc'], autoHideSeconds: 12, hideOnBlur: true });
  });
});

describe('whenReady and destroy', () => {
  it('whenReady rejects with ERR_FRAME_TIMEOUT when the page at frame-url never answers', async () => {
    const el = await mount('<cardframe-pan ready-timeout="200"></cardframe-pan>');
    const error = oneEvent(el, 'cardframe-error');
    expect(await rejectionCode(el.whenReady())).to.equal('ERR_FRAME_TIMEOUT');
    expect((await error).detail).to.include({ code: 'ERR_FRAME_TIMEOUT' });
  });

  it('whenReady resolves with the frame\'s fields on ready, also for a caller that asks afterwards', async () => {
    const el = await mount('<cardframe-expiry></cardframe-expiry>');
    const early = el.whenReady();
    const frame = await connectFake(el);
    await frame.configured;
    const event = oneEvent(el, 'cardframe-ready');
    frame.ready(['expiry']);
    expect(await early).to.deep.equal(['expiry']);
    expect((await event).detail).to.deep.equal({ fields: ['expiry'] });
    expect(await el.whenReady()).to.deep.equal(['expiry']);
  });

  it('after the frame reloads before ready, whenReady still waits for the new load and times out with ERR_FRAME_TIMEOUT', async () => {
    const el = await mount('<cardframe-pan ready-timeout="300"></cardframe-pan>');
    const iframe = await iframeOf(el);
    await loaded(iframe);
    const waiting = rejectionCode(el.whenReady());
    // The frame document loads again (it reloaded itself): the element connects afresh.
    iframe.dispatchEvent(new Event('load'));
    expect(await waiting).to.equal('ERR_FRAME_TIMEOUT');
  });

  it('a whenReady pending across a frame-url change resolves from the new frame', async () => {
    const el = await mount('<cardframe-cvc></cardframe-cvc>');
    await connectFake(el);
    const waiting = el.whenReady();
    el.setAttribute('frame-url', `${BLANK}?second`);
    await el.updateComplete;
    const frame = await connectFake(el);
    await frame.configured;
    frame.ready(['cvc']);
    expect(await waiting).to.deep.equal(['cvc']);
  });

  it('destroy removes the element and its iframe and rejects a pending whenReady with ERR_DESTROYED, without an error event', async () => {
    const el = await mount('<cardframe-copy></cardframe-copy>');
    const holder = el.parentElement!;
    const iframe = await iframeOf(el);
    let errors = 0;
    el.addEventListener('cardframe-error', () => errors++);
    const pending = rejectionCode(el.whenReady());
    el.destroy();
    expect(await pending).to.equal('ERR_DESTROYED');
    expect(holder.children).to.have.length(0);
    expect(el.isConnected).to.equal(false);
    expect(iframe.isConnected).to.equal(false);
    expect(errors).to.equal(0);
  });

  it('destroy leaves a ready frame\'s whenReady alone and a later connect does not revive it', async () => {
    const el = await mount('<cardframe-pan></cardframe-pan>');
    const frame = await connectFake(el);
    await frame.configured;
    frame.ready(['pan']);
    expect(await el.whenReady()).to.deep.equal(['pan']);
    el.destroy();
    expect(el.isConnected).to.equal(false);
    expect(await rejectionCode(el.hide())).to.equal('ERR_OUT_OF_ORDER');
  });
});

describe('inside a host\'s open shadow root', () => {
  /** A host component that renders `markup` into its own open shadow root. */
  async function shadowHost(markup: string): Promise<ShadowRoot> {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML = markup;
    return root;
  }

  it('mounts its iframe in the shadow root', async () => {
    const root = await shadowHost(`<cardframe-pan frame-url="${BLANK}"></cardframe-pan>`);
    const pan = root.querySelector<CardframePan>('cardframe-pan')!;
    const iframe = await iframeOf(pan);
    expect(iframe.getAttribute('sandbox')).to.equal('allow-scripts allow-same-origin');
    expect(iframe.src).to.equal(BLANK);
  });

  it('joins a group that contains it in the same shadow root and inherits its frame-url', async () => {
    const root = await shadowHost(`<cardframe-group frame-url="${BLANK}"><div><cardframe-pan></cardframe-pan></div><cardframe-copy for="cvc"></cardframe-copy></cardframe-group>`);
    const group = root.querySelector<CardframeGroup>('cardframe-group')!;
    expect(group.fields).to.deep.equal(['pan', 'cvc']);
    expect((await iframeOf(root.querySelector('cardframe-pan')!)).src).to.equal(BLANK);
  });

  it('joins a group named by id in the same shadow root, not one with that id in the document', async () => {
    const decoy = document.createElement('cardframe-group') as CardframeGroup;
    decoy.id = 'shadow-card';
    document.body.append(decoy);
    try {
      const root = await shadowHost(`<cardframe-group id="shadow-card" frame-url="${BLANK}"></cardframe-group><section><cardframe-cvc group="shadow-card"></cardframe-cvc></section>`);
      const group = root.querySelector<CardframeGroup>('cardframe-group')!;
      expect(group.fields).to.deep.equal(['cvc']);
      expect(decoy.fields).to.deep.equal([]);
      expect((await iframeOf(root.querySelector('cardframe-cvc')!)).src).to.equal(BLANK);
    } finally {
      decoy.remove();
    }
  });
});
