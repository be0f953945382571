import { expect, fixture } from '@open-wc/testing';
import { html as template } from 'lit';
import { html } from 'lit/html.js';
import { FrameElement, css } from '../../src/views/frame-element.ts';

class Probe extends FrameElement {
  static override properties = { label: { attribute: false }, state: { reflect: true }, count: { attribute: false } };
  static override styles = [
    css`
      p {
        color: rgb(1, 2, 3);
      }
    `,
  ];
  declare label: string;
  declare state: string | undefined;
  declare count: number;
  renders = 0;
  updates = 0;

  constructor() {
    super();
    this.label = 'first';
    this.state = 'loading';
    this.count = 0;
  }

  override render() {
    this.renders++;
    return html`<p>${this.label}</p><button @click=${this.#press}>press</button>`;
  }

  protected override updated(): void {
    this.updates++;
  }

  #press(this: Probe): void {
    this.count++;
  }
}
customElements.define('frame-element-probe', Probe);

class Sub extends Probe {
  static override properties = { ...Probe.properties, extra: { attribute: false } };
  declare extra: string;
  override render() {
    return html`<p>${this.label} ${this.extra ?? ''}</p>`;
  }
}
customElements.define('frame-element-sub', Sub);

describe('FrameElement (the frame views\' base)', () => {
  it('renders only once it is in a document, into an open shadow root with its styles adopted', async () => {
    const el = document.createElement('frame-element-probe') as Probe;
    el.label = 'set before connecting';
    await Promise.resolve();
    await Promise.resolve();
    expect(el.renders).to.equal(0);
    expect(el.hasUpdated).to.equal(false);
    document.body.append(el);
    await el.updateComplete;
    expect(el.renders).to.equal(1);
    expect(el.hasUpdated).to.equal(true);
    expect(el.shadowRoot).to.equal(el.renderRoot);
    expect(el.renderRoot.querySelector('p')!.textContent).to.equal('set before connecting');
    expect(getComputedStyle(el.renderRoot.querySelector('p')!).color).to.equal('rgb(1, 2, 3)');
    el.remove();
  });

  it('batches property changes made together into one render, and calls updated after each render', async () => {
    const el = await fixture<Probe>(template`<frame-element-probe></frame-element-probe>`);
    const before = el.renders;
    el.label = 'a';
    el.label = 'b';
    el.state = 'ready';
    expect(el.renders, 'not synchronously').to.equal(before);
    expect(await el.updateComplete).to.equal(true);
    expect(el.renders).to.equal(before + 1);
    expect(el.updates).to.equal(el.renders);
    expect(el.renderRoot.querySelector('p')!.textContent).to.equal('b');
  });

  it('does not render again for a value equal to the current one', async () => {
    const el = await fixture<Probe>(template`<frame-element-probe></frame-element-probe>`);
    const before = el.renders;
    el.label = el.label;
    el.count = Number.NaN;
    await el.updateComplete;
    el.count = Number.NaN;
    await el.updateComplete;
    expect(el.renders).to.equal(before + 1);
  });

  it('reflects a reflected property into its attribute, and sets a property from its attribute', async () => {
    const el = await fixture<Probe>(template`<frame-element-probe state="ready"></frame-element-probe>`);
    expect(el.state).to.equal('ready');
    el.state = 'error';
    await el.updateComplete;
    expect(el.getAttribute('state')).to.equal('error');
    el.setAttribute('state', 'revealed');
    expect(el.state).to.equal('revealed');
    el.state = undefined;
    await el.updateComplete;
    expect(el.hasAttribute('state')).to.equal(false);
    // attribute: false: the attribute is not observed.
    el.setAttribute('label', 'from attribute');
    expect(el.label).to.not.equal('from attribute');
  });

  it('calls template listeners with the element as this', async () => {
    const el = await fixture<Probe>(template`<frame-element-probe></frame-element-probe>`);
    el.renderRoot.querySelector('button')!.click();
    expect(el.count).to.equal(1);
  });

  it('gives a subclass its parent\'s properties and its own', async () => {
    const el = await fixture<Sub>(template`<frame-element-sub state="ready"></frame-element-sub>`);
    el.extra = 'more';
    await el.updateComplete;
    expect(el.renderRoot.querySelector('p')!.textContent).to.equal('first more');
    expect(el.state).to.equal('ready');
  });
});
