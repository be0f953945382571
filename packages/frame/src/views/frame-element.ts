import { render } from 'lit/html.js';

/**
 * How a view declares one reactive property: the subset of Lit's
 * `PropertyDeclaration` the views use. A property without `attribute: false`
 * is also set from the attribute of its lower-case name, as a string.
 */
export interface PropertyDeclaration {
  /** `false`: set as a property only, never from an attribute. */
  readonly attribute?: boolean;
  /** Mirrors the value into that attribute after each update, for `:host([state=…])` rules. */
  readonly reflect?: boolean;
}

/** A view's reactive properties by name. */
export type PropertyDeclarations = Readonly<Record<string, PropertyDeclaration>>;

/** A stylesheet from a template literal without interpolations; views adopt it into their shadow roots. */
export function css(strings: TemplateStringsArray): CSSStyleSheet {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(strings.join(''));
  return sheet;
}

const finalized = new WeakSet<typeof FrameElement>();
let accessor: (name: string) => PropertyDescriptor;

/**
 * The frame's views: a custom element with Lit's reactive-property contract
 * (declared properties, batched asynchronous rendering of `render()` with
 * lit-html into an open shadow root, `updateComplete`, `updated()`, reflected
 * attributes) without `LitElement` itself. A frame document holds one or two
 * views and never needs Lit's controllers, decorators or SSR hooks; leaving
 * them out keeps ≈2 KB gzip off the frame's first download, which every
 * field frame of a page pays.
 */
export abstract class FrameElement extends HTMLElement {
  /** The reactive properties; a subclass spreads its parent's into its own. */
  static properties: PropertyDeclarations = {};
  /** Adopted into every instance's shadow root, in this order. */
  static styles: readonly CSSStyleSheet[] = [];

  static {
    accessor = (name) => ({
      get(this: FrameElement) {
        return this.#values.get(name);
      },
      set(this: FrameElement, value: unknown) {
        const old = this.#values.get(name);
        // As Lit: NaN set over NaN is no change.
        if (old === value || (old !== old && value !== value)) return;
        this.#values.set(name, value);
        this.#changed.add(name);
        this.requestUpdate();
      },
      configurable: true,
    });
  }

  /** Installs the property accessors; the browser reads this once, as the element is defined. */
  static get observedAttributes(): string[] {
    if (!finalized.has(this)) {
      finalized.add(this);
      for (const name of Object.keys(this.properties)) Object.defineProperty(this.prototype, name, accessor(name));
    }
    return Object.entries(this.properties)
      .filter(([, options]) => options.attribute !== false)
      .map(([name]) => name.toLowerCase());
  }

  /** The shadow root the view renders into. */
  readonly renderRoot: ShadowRoot;
  /** Whether the view has rendered at least once. */
  hasUpdated = false;
  /** Settles after the pending render (`true` unless another was requested during it). */
  updateComplete: Promise<boolean>;

  #values = new Map<string, unknown>();
  #changed = new Set<string>();
  #pending = false;
  #connect!: () => void;
  // The first render waits for the element to be in a document, as Lit's does.
  #connected = new Promise<void>((resolve) => (this.#connect = resolve));

  constructor() {
    super();
    const ctor = this.constructor as typeof FrameElement;
    this.renderRoot = this.attachShadow({ mode: 'open' });
    this.renderRoot.adoptedStyleSheets = [...ctor.styles];
    this.#pending = true;
    this.updateComplete = this.#enqueue();
  }

  connectedCallback(): void {
    this.#connect();
  }

  attributeChangedCallback(attribute: string, _old: string | null, value: string | null): void {
    const ctor = this.constructor as typeof FrameElement;
    const name = Object.keys(ctor.properties).find((key) => key.toLowerCase() === attribute);
    if (name) (this as unknown as Record<string, unknown>)[name] = value;
  }

  /** Renders again in a microtask; any number of calls before then make one render. */
  requestUpdate(): void {
    if (this.#pending) return;
    this.#pending = true;
    this.updateComplete = this.#enqueue();
  }

  /** What the view shows, as a lit-html template. */
  abstract render(): unknown;

  /** Called after every render. */
  protected updated(): void {}

  async #enqueue(): Promise<boolean> {
    await this.#connected;
    this.#pending = false;
    const ctor = this.constructor as typeof FrameElement;
    for (const name of this.#changed) {
      if (!ctor.properties[name]?.reflect) continue;
      const value = this.#values.get(name);
      if (value === undefined || value === null) this.removeAttribute(name.toLowerCase());
      else this.setAttribute(name.toLowerCase(), String(value));
    }
    this.#changed.clear();
    render(this.render(), this.renderRoot, { host: this });
    this.hasUpdated = true;
    this.updated();
    return !this.#pending;
  }
}
