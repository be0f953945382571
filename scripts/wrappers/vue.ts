// Writes @cardframe/vue's components from the manifest: one `wrap` per
// element with its props (and their Vue runtime types), and the list of
// events every component emits.
import { camel, allEvents, GENERATED_HEADER, shortEventName, type WrapperBase, type WrapperElement, type WrapperProp } from './manifest.ts';

/**
 * Vue's runtime type for each named type the elements' properties use. A
 * property of a type not listed here stops the generator, rather than
 * reaching Vue untyped.
 */
const RUNTIME_TYPES: Readonly<Record<string, 'String' | 'Object' | 'Function'>> = {
  FieldName: 'String',
  ThemeName: 'String',
  RevealModeName: 'String',
  CardframeStyle: 'Object',
  FetchCardData: 'Function',
  FetchEncryptedCard: 'Function',
  SubmitPin: 'Function',
  RegisterDevice: 'Function',
  FetchCard: 'Function',
  BindCard: 'Function',
  SignMessage: 'Function',
};

function propOption(prop: WrapperProp): string {
  const { type } = prop;
  if (type === 'string') return 'String';
  if (type === 'number') return 'Number';
  if (type === 'boolean') return 'flag';
  if (type.endsWith('[]')) return `Array as PropType<${type}>`;
  if (/^('[^']*'\s*\|\s*)*'[^']*'$/.test(type)) return `String as PropType<${type}>`;
  const runtime = RUNTIME_TYPES[type];
  if (!runtime) throw new Error(`no Vue runtime type for property ${prop.name}: ${type}; add it to RUNTIME_TYPES in scripts/wrappers/vue.ts`);
  return `${runtime} as PropType<${type}>`;
}

const propEntry = (prop: WrapperProp) => `${/^[a-z_$][\w$]*$/i.test(prop.name) ? prop.name : `'${prop.name}'`}: ${propOption(prop)}`;

/** The generated list of events, kept apart so `wrap` can import it without a cycle. */
export function vueEventsSource(elements: readonly WrapperElement[]): string {
  const names = allEvents(elements).map((event) => `'${shortEventName(event)}'`);
  return [
    GENERATED_HEADER,
    "import type { CardframeVueEvents } from '../events.ts';",
    '',
    '/** Every event the elements fire, by its Vue name; every component emits each. */',
    `export const EVENT_NAMES = [${names.join(', ')}] as const satisfies readonly (keyof CardframeVueEvents)[];`,
    '',
  ].join('\n');
}

export function vueElementsSource(elements: readonly WrapperElement[], bases: readonly WrapperBase[]): string {
  const tableName = (className: string) => `${camel(className)}Props`;
  const body: string[] = [];
  // Each base class's options are written once, spreading its own base's, as the classes inherit them.
  for (const base of bases) {
    const members = elements.filter((e) => e.family === base.className).map((e) => `\`<${e.tagName}>\``);
    const what = members.length ? `every element built on ${base.className} (${members.join(', ')})` : `every element built on ${base.className}`;
    const entries = [...(base.parent ? [`...${tableName(base.parent)}`] : []), ...base.props.map(propEntry)];
    body.push('', `/** Props of ${what}. */`, `const ${tableName(base.className)} = { ${entries.join(', ')} };`);
  }
  for (const e of elements) {
    const shared = bases.some((b) => b.className === e.family) ? [`...${tableName(e.family)}`] : [];
    const entries = [...shared, ...e.ownProps.map(propEntry)];
    const props = e.ownProps.length === 0 && shared.length ? tableName(e.family) : `{ ${entries.join(', ')} }`;
    const renamed = e.props.filter((p) => p.attribute).map((p) => `${propEntry({ ...p, type: 'string' }).split(':')[0]}: '${p.attribute}'`);
    body.push('', `/** ${e.summary} */`, `export const ${e.className} = wrap('${e.tagName}', ${props}${renamed.length ? `, { ${renamed.join(', ')} }` : ''});`);
  }
  const types = [...new Set([...elements.flatMap((e) => e.props), ...bases.flatMap((b) => b.props)].flatMap((p) => (propOption(p).includes('PropType<') ? (p.type.match(/\b[A-Z]\w*/g) ?? []) : [])))].sort();
  return [
    GENERATED_HEADER,
    ...(types.length ? [`import type { ${types.join(', ')} } from '@cardframe/sdk';`, "import type { PropType } from 'vue';"] : []),
    "import { wrap } from '../wrap.ts';",
    ...(body.some((line) => line.includes(': flag')) ? ['', '/** `default: undefined` keeps an unset flag unset, so a member still inherits it from its group. */', 'const flag = { type: Boolean, default: undefined };'] : []),
    ...body,
    '',
  ].join('\n');
}
