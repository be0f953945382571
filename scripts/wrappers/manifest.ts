// Reads the SDK's custom-elements manifest into what a framework wrapper
// needs of each element: its tag, class, one-line summary, the properties a
// wrapper offers and the events it maps.

/** The parts of a custom-elements manifest (schema 2.x) the wrappers read. */
export interface Manifest {
  modules: { path?: string; declarations?: Declaration[] }[];
}

export interface Declaration {
  kind: string;
  name: string;
  customElement?: boolean;
  tagName?: string;
  description?: string;
  superclass?: { name: string };
  members?: { kind: string; name: string; attribute?: string; static?: boolean; privacy?: string; readonly?: boolean; type?: { text: string }; inheritedFrom?: { name: string } }[];
  attributes?: { name: string; fieldName?: string; inheritedFrom?: { name: string } }[];
  events?: { name?: string }[];
}

/** A property a wrapper passes to the element. */
export interface WrapperProp {
  /** The wrapper's name for it: the element property, or the attribute where the element names it differently. */
  name: string;
  /** Its TypeScript type, without `| undefined`. */
  type: string;
  /** Set as this attribute rather than as a property. */
  attribute?: string;
}

export interface WrapperElement {
  tagName: string;
  className: string;
  summary: string;
  /**
   * The SDK base class the element is built on (`RevealElement`), or its
   * own class name when it has none. Elements of one family share their
   * options and take each other's event handlers, as they always have.
   */
  family: string;
  props: WrapperProp[];
  /** Its props that its family's base classes do not declare. */
  ownProps: WrapperProp[];
  /** Events the element itself declares (`@fires`). */
  events: string[];
}

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

function summaryOf(element: Declaration): string {
  const text = (element.description ?? '').replace(/\s+/g, ' ').trim();
  const sentence = /^(.*?\.)(\s|$)/.exec(text)?.[1] ?? text;
  const tag = `\`<${element.tagName}>\``;
  return sentence.startsWith(tag) ? sentence : `${tag}: ${sentence.charAt(0).toLowerCase()}${sentence.slice(1)}`;
}

type Member = NonNullable<Declaration['members']>[number];

/** What a wrapper offers of a class's properties; `keep` picks which of its public fields count. */
function propsOf(declaration: Declaration, keep: (member: Member) => boolean): WrapperProp[] {
  const renamed = new Map(
    (declaration.attributes ?? []).filter((a) => !a.inheritedFrom && a.fieldName && a.name !== kebab(a.fieldName)).map((a) => [a.fieldName!, a.name]),
  );
  return (declaration.members ?? [])
    .filter((m) => m.kind === 'field' && !m.static && !m.readonly && (m.privacy ?? 'public') === 'public' && !m.name.startsWith('_'))
    .filter((m) => renamed.has(m.name) || keep(m))
    .map((m): WrapperProp => {
      const type = (m.type?.text ?? 'unknown').replace(/\s*\|\s*undefined\b/g, '');
      const attribute = renamed.get(m.name);
      return attribute ? { name: attribute, type, attribute } : { name: m.name, type };
    });
}

function classesOf(manifest: Manifest): Map<string, Declaration> {
  // The analyzer lists modules in whatever order it found them; the generated files must not depend on it.
  const modules = [...manifest.modules].sort((a, b) => (a.path ?? '').localeCompare(b.path ?? ''));
  return new Map(modules.flatMap((module) => module.declarations ?? []).filter((d) => d.kind === 'class').map((d) => [d.name, d]));
}

/** The custom elements in the manifest, by module path then source order, as the wrappers see them. */
export function wrapperElements(manifest: Manifest): WrapperElement[] {
  const classes = classesOf(manifest);
  const isElement = (name: string | undefined) => Boolean(name && classes.get(name)?.tagName);
  const elements = [...classes.values()].filter((d) => d.customElement && d.tagName);
  return elements.map((element) => {
    let base = element.superclass?.name;
    while (isElement(base)) base = classes.get(base!)!.superclass?.name;
    const family = base && classes.has(base) ? base : element.name;
    return {
      tagName: element.tagName!,
      className: element.name,
      summary: summaryOf(element),
      family,
      // A subclass of another element (`<cardframe-pan>` of `<cardframe-field>`) presets what that element's own properties choose.
      props: propsOf(element, (m) => !isElement(m.inheritedFrom?.name)),
      // An element with no SDK base class of its own writes all its options itself.
      ownProps: propsOf(element, (m) => !m.inheritedFrom || (!isElement(m.inheritedFrom.name) && family === element.name)),
      events: (element.events ?? []).flatMap((event) => (event.name ? [event.name] : [])),
    };
  });
}

/** A class the elements are built on (`FrameElement`, `RevealElement`): its own properties, and the base it is built on in turn. */
export interface WrapperBase {
  className: string;
  parent: string | undefined;
  props: WrapperProp[];
}

/** The SDK's own base classes the elements' families stand on, each after its parent. */
export function wrapperBases(manifest: Manifest): WrapperBase[] {
  const classes = classesOf(manifest);
  const bases: WrapperBase[] = [];
  const add = (name: string | undefined) => {
    const declaration = name ? classes.get(name) : undefined;
    if (!declaration || declaration.tagName || bases.some((b) => b.className === name)) return;
    const parent = declaration.superclass?.name && classes.has(declaration.superclass.name) ? declaration.superclass.name : undefined;
    add(parent);
    bases.push({ className: declaration.name, parent, props: propsOf(declaration, (m) => !m.inheritedFrom) });
  };
  for (const element of wrapperElements(manifest)) add(element.family);
  return bases;
}

/** Every event any element in the family fires, in first-seen order. */
export function familyEvents(elements: readonly WrapperElement[], family: string): string[] {
  return [...new Set(elements.filter((e) => e.family === family).flatMap((e) => e.events))];
}

/** Every event any element fires, in first-seen order. */
export function allEvents(elements: readonly WrapperElement[]): string[] {
  return [...new Set(elements.flatMap((e) => e.events))];
}

/** `cardframe-copy` → `copy`. */
export function shortEventName(event: string): string {
  return event.replace(/^cardframe-/, '');
}

export const pascal = (name: string) => name.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase());
export const camel = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

export const GENERATED_HEADER = '// Generated from @cardframe/sdk\'s custom-elements manifest by scripts/wrappers/generate.ts (run by the SDK build). Do not edit.\n';
