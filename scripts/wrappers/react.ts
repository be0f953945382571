// Writes @cardframe/react's components from the manifest: one
// `createComponent` per element, with its family's events as `on*` props.
import { camel, familyEvents, GENERATED_HEADER, pascal, shortEventName, type WrapperElement } from './manifest.ts';

/** `cardframe-copy` → `onCopy`. */
export const reactHandlerName = (event: string) => `on${pascal(shortEventName(event))}`;

export function reactSource(elements: readonly WrapperElement[]): string {
  // Families that map the same events share one table.
  const tables = new Map<string, { name: string; events: string[]; tags: string[] }>();
  const tableOf = new Map<string, string>();
  for (const family of new Set(elements.map((e) => e.family))) {
    const events = familyEvents(elements, family);
    const key = [...events].sort().join(' ');
    const table = tables.get(key) ?? { name: `${camel(family)}Events`, events, tags: [] };
    table.tags.push(...elements.filter((e) => e.family === family).map((e) => `\`<${e.tagName}>\``));
    tables.set(key, table);
    tableOf.set(family, table.name);
  }
  const lines = [
    GENERATED_HEADER,
    "import { createComponent, type EventName } from '@lit/react';",
    "import * as React from 'react';",
    'import {',
    ...elements.map((e) => `  ${e.className} as ${e.className}Element,`),
    '  type CardframeEvent,',
    '  type CardframeEventName,',
    "} from '@cardframe/sdk';",
    '',
    'const on = <K extends CardframeEventName>(name: K) => name as EventName<CardframeEvent<K>>;',
  ];
  // What every table maps is written once and spread.
  const all = [...tables.values()];
  const shared = all.length > 1 ? all[0]!.events.filter((event) => all.every((t) => t.events.includes(event))) : [];
  const entries = (events: string[]) => events.map((event) => `${reactHandlerName(event)}: on('${event}')`);
  if (shared.length) lines.push('', '/** Events every element fires. */', `const sharedEvents = { ${entries(shared).join(', ')} };`);
  for (const table of all) {
    const own = entries(table.events.filter((event) => !shared.includes(event)));
    lines.push('', `/** Events of ${table.tags.join(', ')}. */`, `const ${table.name} = { ${[...(shared.length ? ['...sharedEvents'] : []), ...own].join(', ')} };`);
  }
  for (const e of elements) {
    lines.push(
      '',
      `/** ${e.summary} */`,
      `export const ${e.className} = createComponent({ tagName: '${e.tagName}', elementClass: ${e.className}Element, react: React, events: ${tableOf.get(e.family)} });`,
    );
  }
  return `${lines.join('\n')}\n`;
}
