import { expect } from '@open-wc/testing';
import { BaseElement, type PropertyDeclarations, type PropertyValues } from '../../src/base-element.ts';

const upper = { fromAttribute: (value: string | null) => (value === null ? 'NONE' : value.toUpperCase()) };

class Probe extends BaseElement {
  static override properties: PropertyDeclarations = {
    label: {},
    frameUrl: { attribute: 'frame-url' },
    timeout: { type: Number },
    open: { type: Boolean },
    shout: { converter: upper },
    callback: { attribute: false },
    _inner: { state: true },
  };
  static override styles = [':host { display: block; }', 'span { color: rgb(1, 2, 3); }'];
  declare label: string | undefined;
  declare frameUrl: string | undefined;
  declare timeout: number | null;
  declare open: boolean;
  declare shout: string | undefined;
  declare callback: (() => void) | undefined;
  declare _inner: number;
  /** Each update's changed properties with their old values, as `willUpdate` saw them. */
  readonly seen: Record<string, unknown>[] = [];
  readonly updatedWith: string[][] = [];
  /** Set by a test: `willUpdate` sets `label` from `shout`, as an element derives one option from another. */
  derive = false;
  /** Set by a test: `updated` sets `_inner` once, as an element reacting to its own update does. */
  bumpOnce = false;

  constructor() {
    super();
    this.label = 'default';
    this.open = false;
    this._inner = 0;
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (this.derive && changed.has('shout')) this.label = `from ${this.shout}`;
    this.seen.push(Object.fromEntries(changed));
  }

  protected override update(changed: PropertyValues): void {
    super.update(changed);
    if (!this.renderRoot.querySelector('span')) this.renderRoot.append(document.createElement('span'));
  }

  protected override updated(changed: PropertyValues): void {
    this.updatedWith.push([...changed.keys()].map(String));
    if (this.bumpOnce) {
      this.bumpOnce = false;
      this._inner++;
    }
  }
}
customElements.define('base-element-probe', Probe);

class Narrowed extends Probe {
  // Redeclared under another attribute, as `<cardframe-copy for="…">` does with `field`.
  static override properties: PropertyDeclarations = { label: { attribute: 'for' }, extra: {} };
  declare extra: string | undefined;
}
customElements.define('base-element-narrowed', Narrowed);

async function connected<T extends HTMLElement>(el: T): Promise<T> {
  document.body.append(el);
  await (el as unknown as BaseElement).updateComplete;
  return el;
}

describe('BaseElement (the host elements\' base)', () => {
  afterEach(() => {
    for (const el of document.querySelectorAll('base-element-probe, base-element-narrowed')) el.remove();
  });

  it('observes each declared property\'s attribute, under its own name where it has one, and none for attribute: false or state', () => {
    expect(Probe.observedAttributes).to.have.members(['label', 'frame-url', 'timeout', 'open', 'shout']);
  });

  it('sets properties from attributes: text as it is, Number (null when removed), Boolean by presence, and through a converter', async () => {
    const el = await connected(document.createElement('base-element-probe') as Probe);
    el.setAttribute('label', 'hello');
    el.setAttribute('frame-url', 'https://frame.example/');
    el.setAttribute('timeout', '250');
    el.setAttribute('open', '');
    el.setAttribute('shout', 'quiet');
    expect([el.label, el.frameUrl, el.timeout, el.open, el.shout]).to.deep.equal(['hello', 'https://frame.example/', 250, true, 'QUIET']);
    el.removeAttribute('timeout');
    el.removeAttribute('open');
    el.removeAttribute('shout');
    expect([el.timeout, el.open, el.shout]).to.deep.equal([null, false, 'NONE']);
  });

  it('adds a subclass\'s declarations to its parent\'s, a redeclared property taking its new attribute only', async () => {
    expect(Narrowed.observedAttributes).to.have.members(['for', 'extra', 'frame-url', 'timeout', 'open', 'shout']);
    const el = await connected(document.createElement('base-element-narrowed') as Narrowed);
    el.setAttribute('label', 'ignored');
    el.setAttribute('for', 'pan');
    el.setAttribute('extra', 'x');
    expect([el.label, el.extra]).to.deep.equal(['pan', 'x']);
  });

  it('waits for a document before its first update, makes an open shadow root there and adopts its styles once for every instance', async () => {
    const el = document.createElement('base-element-probe') as Probe;
    el.label = 'before connecting';
    await Promise.resolve();
    await Promise.resolve();
    expect(el.hasUpdated).to.equal(false);
    expect(el.seen).to.deep.equal([]);
    expect(el.shadowRoot).to.equal(null);
    await connected(el);
    expect(el.hasUpdated).to.equal(true);
    expect(el.seen).to.have.length(1);
    expect(el.shadowRoot).to.equal(el.renderRoot);
    expect(getComputedStyle(el.renderRoot.querySelector('span')!).color).to.equal('rgb(1, 2, 3)');
    const other = await connected(document.createElement('base-element-probe') as Probe);
    expect(other.renderRoot.adoptedStyleSheets).to.have.length(2);
    expect(other.renderRoot.adoptedStyleSheets[1]).to.equal(el.renderRoot.adoptedStyleSheets[1]);
  });

  it('batches any number of changes into one update that names each changed property with its value before the first change', async () => {
    const el = await connected(document.createElement('base-element-probe') as Probe);
    el.seen.length = 0;
    el.label = 'one';
    el.label = 'two';
    el.timeout = 5;
    el.callback = () => {};
    expect(el.isUpdatePending).to.equal(true);
    expect(await el.updateComplete).to.equal(true);
    expect(el.isUpdatePending).to.equal(false);
    expect(el.seen).to.have.length(1);
    expect(el.seen[0]).to.deep.equal({ label: 'default', timeout: undefined, callback: undefined });
    expect(el.label).to.equal('two');
  });

  it('does not update for a value set over the same one (NaN over NaN included)', async () => {
    const el = await connected(document.createElement('base-element-probe') as Probe);
    el.timeout = Number.NaN;
    await el.updateComplete;
    el.seen.length = 0;
    el.timeout = Number.NaN;
    el.label = 'default';
    await el.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(el.seen).to.deep.equal([]);
  });

  it('takes what willUpdate sets into the same update, and schedules another for what updated sets', async () => {
    const el = await connected(document.createElement('base-element-probe') as Probe);
    el.updatedWith.length = 0;
    el.derive = true;
    el.shout = 'LOUD';
    await el.updateComplete;
    expect(el.label).to.equal('from LOUD');
    expect(el.updatedWith).to.deep.equal([['shout', 'label']]);
    el.bumpOnce = true;
    el.open = true;
    // The first update's promise says another was requested during it.
    expect(await el.updateComplete).to.equal(false);
    await el.updateComplete;
    expect(el.updatedWith.slice(1)).to.deep.equal([['open'], ['_inner']]);
  });

  it('keeps a property set on the element before it was upgraded, over the constructor\'s default', async () => {
    const el = document.createElement('base-element-late');
    (el as unknown as { label: string }).label = 'set early';
    (el as unknown as { timeout: number }).timeout = 42;
    document.body.append(el);
    customElements.define('base-element-late', class extends Probe {});
    const late = el as unknown as Probe;
    await late.updateComplete;
    expect(late.label).to.equal('set early');
    expect(late.timeout).to.equal(42);
    expect(Object.hasOwn(late, 'label')).to.equal(false);
    // Still reactive: the value went through the accessor, not around it.
    late.label = 'later';
    await late.updateComplete;
    expect(late.seen.at(-1)).to.deep.equal({ label: 'set early' });
    late.remove();
  });
});
