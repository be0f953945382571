/** Turns an attribute's text into the property's value (`null`: the attribute is absent). */
export type AttributeConverter = { readonly fromAttribute: (value: string | null) => unknown };

/**
 * How an element declares one reactive property: the subset of Lit's
 * `PropertyDeclaration` the cardframe elements use, with its meaning.
 */
export interface PropertyDeclaration {
  /** The attribute that sets it: the lower-case property name by default, another name, or `false` for none. */
  readonly attribute?: boolean | string;
  /** `Number` (absent: `null`) or `Boolean` (present: `true`); otherwise the attribute's text. */
  readonly type?: typeof Number | typeof Boolean | typeof String;
  readonly converter?: AttributeConverter;
  /** Internal state: re-renders like a property, never set from an attribute. */
  readonly state?: boolean;
}

/** An element's reactive properties by name; a subclass's add to (or replace) its parent's. */
export type PropertyDeclarations = Readonly<Record<string, PropertyDeclaration>>;

/** The properties changed since the last update, each with its value before. */
export type PropertyValues = Map<PropertyKey, unknown>;

interface Finalized {
  readonly properties: Map<string, PropertyDeclaration>;
  readonly attributes: Map<string, string>;
}

// A server rendering a page (React in Node) imports the elements without a DOM; a plain class stands in there.
const DomElement: typeof HTMLElement = globalThis.HTMLElement ?? (class {} as unknown as typeof HTMLElement);

const finalized = new WeakMap<typeof BaseElement, Finalized>();
const sheets = new Map<string, CSSStyleSheet>();
let accessor: (name: string) => PropertyDescriptor;

function finalize(ctor: typeof BaseElement): Finalized {
  let done = finalized.get(ctor);
  if (done) return done;
  const parent = Object.getPrototypeOf(ctor) as typeof BaseElement;
  const properties = new Map(parent.prototype instanceof BaseElement ? finalize(parent).properties : []);
  if (Object.hasOwn(ctor, 'properties')) {
    for (const [name, options] of Object.entries(ctor.properties)) {
      properties.set(name, options);
      Object.defineProperty(ctor.prototype, name, accessor(name));
    }
  }
  const attributes = new Map<string, string>();
  for (const [name, options] of properties) {
    if (options.state || options.attribute === false) continue;
    attributes.set(typeof options.attribute === 'string' ? options.attribute : name.toLowerCase(), name);
  }
  done = { properties, attributes };
  finalized.set(ctor, done);
  return done;
}

/**
 * Installs a class's property accessors without registering it, as `define`
 * does through `observedAttributes`: where there is no registry (server
 * rendering), a framework wrapper still finds the properties on the
 * prototype and passes them as properties, as it does in the browser.
 */
export function declareProperties(ctor: typeof BaseElement): void {
  finalize(ctor);
}

function fromAttribute(options: PropertyDeclaration, value: string | null): unknown {
  if (options.converter) return options.converter.fromAttribute(value);
  if (options.type === Number) return value === null ? null : Number(value);
  if (options.type === Boolean) return value !== null;
  return value;
}

/**
 * The cardframe elements' base: a custom element with Lit's reactive-property
 * contract (declared properties and attributes, batched asynchronous updates
 * through `willUpdate`/`update`/`updated` with the changed properties,
 * `updateComplete`) and an open shadow root with constructed stylesheets,
 * without `ReactiveElement` itself. The elements render no template (one
 * iframe each), never reflect attributes and use no controllers; leaving the
 * rest out keeps ≈2 KB gzip off the script every host page loads.
 */
export abstract class BaseElement extends DomElement {
  /**
   * The reactive properties; merged with every parent class's. Each is
   * `undefined` until set: constructors set only the defaults that are not.
   */
  static properties: PropertyDeclarations = {};
  /** CSS texts adopted into every instance's shadow root, in this order. */
  static styles: readonly string[] = [];

  static {
    accessor = (name) => ({
      get(this: BaseElement) {
        return this.#values.get(name);
      },
      set(this: BaseElement, value: unknown) {
        const old = this.#values.get(name);
        this.#values.set(name, value);
        // As Lit: a value is changed unless Object.is says it is the same.
        if (!Object.is(old, value)) this.requestUpdate(name, old);
      },
      configurable: true,
      enumerable: true,
    });
  }

  /** Observes each declared property's attribute; the browser reads this once, when the element is defined. */
  static get observedAttributes(): string[] {
    return [...finalize(this).attributes.keys()];
  }

  /** The shadow root, made when the element first connects. */
  renderRoot!: ShadowRoot;
  /** Whether the element has updated at least once. */
  hasUpdated = false;
  /** Whether an update is scheduled and not yet run. */
  isUpdatePending = false;

  #values = new Map<string, unknown>();
  #changed: PropertyValues = new Map();
  #updatePromise: Promise<boolean>;
  #enableUpdating!: (value: boolean) => void;
  /** Values set on the element before it was upgraded, applied at its first update. */
  #early: Map<string, unknown> | undefined;

  constructor() {
    super();
    const { properties } = finalize(this.constructor as typeof BaseElement);
    for (const name of properties.keys()) {
      if (!Object.hasOwn(this, name)) continue;
      (this.#early ??= new Map()).set(name, (this as unknown as Record<string, unknown>)[name]);
      delete (this as unknown as Record<string, unknown>)[name];
    }
    // The first update waits for the element to be in a document.
    this.#updatePromise = new Promise((resolve) => (this.#enableUpdating = resolve));
    this.requestUpdate();
  }

  /** Settles after the pending update: `true` unless another was requested during it. */
  get updateComplete(): Promise<boolean> {
    return this.#updatePromise;
  }

  connectedCallback(): void {
    this.renderRoot ??= this.createRenderRoot();
    this.#enableUpdating(true);
  }

  disconnectedCallback(): void {}

  attributeChangedCallback(attribute: string, _old: string | null, value: string | null): void {
    const { properties, attributes } = finalize(this.constructor as typeof BaseElement);
    const name = attributes.get(attribute);
    if (name !== undefined) (this as unknown as Record<string, unknown>)[name] = fromAttribute(properties.get(name)!, value);
  }

  /** Schedules an update in a microtask (any number of calls before it make one), noting `name`'s old value. */
  requestUpdate(name?: PropertyKey, oldValue?: unknown): void {
    if (name !== undefined && !this.#changed.has(name)) this.#changed.set(name, oldValue);
    if (this.isUpdatePending) return;
    this.isUpdatePending = true;
    this.#updatePromise = this.#enqueueUpdate();
  }

  /** Makes the shadow root and adopts the class's styles into it. */
  protected createRenderRoot(): ShadowRoot {
    const root = this.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = (this.constructor as typeof BaseElement).styles.map((text) => {
      let sheet = sheets.get(text);
      if (!sheet) {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(text);
        sheets.set(text, sheet);
      }
      return sheet;
    });
    return root;
  }

  /** Before `update`: properties set here join this update. */
  protected willUpdate(_changed: PropertyValues): void {}

  /** Applies the changes; properties set after it schedule another update. */
  protected update(_changed: PropertyValues): void {
    this.#changed = new Map();
    this.isUpdatePending = false;
  }

  /** After every update. */
  protected updated(_changed: PropertyValues): void {}

  async #enqueueUpdate(): Promise<boolean> {
    try {
      await this.#updatePromise;
    } catch (error) {
      // An update that threw is reported once, where it threw; this one still runs.
      void Promise.reject(error);
    }
    this.#performUpdate();
    return !this.isUpdatePending;
  }

  #performUpdate(): void {
    if (!this.isUpdatePending) return;
    if (this.#early) {
      for (const [name, value] of this.#early) (this as unknown as Record<string, unknown>)[name] = value;
      this.#early = undefined;
    }
    const changed = this.#changed;
    try {
      this.willUpdate(changed);
      this.update(changed);
    } catch (error) {
      this.#changed = new Map();
      this.isUpdatePending = false;
      throw error;
    }
    this.hasUpdated = true;
    this.updated(changed);
  }
}
