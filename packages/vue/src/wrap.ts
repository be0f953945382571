import '@cardframe/sdk';
import { defineComponent, h, ref, type ComponentObjectPropsOptions } from 'vue';
import type { CardframeVueEvents } from './events.ts';
import { EVENT_NAMES } from './generated/events.ts';

type EventOptions = { [K in keyof CardframeVueEvents]: (detail: CardframeVueEvents[K]) => true };
const emits = Object.fromEntries(EVENT_NAMES.map((name) => [name, () => true])) as unknown as EventOptions;

/** What a template ref to any of these components offers. */
export interface CardframeExposed {
  /** The custom element itself. */
  readonly element: HTMLElement | undefined;
  hide(): Promise<void>;
  whenReady(): Promise<unknown>;
  destroy(): void;
}

type Props = Record<string, unknown>;

/** A component rendering `tag` itself, with `props` as element properties (or the attributes `attributes` names) and every event emitted by its short name. */
export function wrap<P extends ComponentObjectPropsOptions>(tag: string, props: P, attributes: Readonly<Record<string, string>> = {}) {
  return defineComponent({
    name: tag.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
    props,
    emits,
    setup(values, { emit, slots, expose }) {
      const element = ref<HTMLElement & Partial<Omit<CardframeExposed, 'element'>>>();
      expose({
        get element() {
          return element.value;
        },
        hide: () => element.value?.hide?.() ?? Promise.resolve(),
        whenReady: () => element.value?.whenReady?.() ?? Promise.resolve(undefined),
        destroy: () => element.value?.destroy?.(),
      } satisfies CardframeExposed);
      const listeners = Object.fromEntries(
        EVENT_NAMES.map((name) => [`onCardframe-${name}`, (event: CustomEvent) => (emit as (name: string, detail: unknown) => void)(name, event.detail)]),
      );
      return () => {
        const bound: Props = { ref: element, ...listeners };
        for (const [key, value] of Object.entries(values as Props)) {
          if (value === undefined) continue;
          // `.name` makes Vue set a DOM property (functions and numbers stay typed); mapped names are attributes.
          if (attributes[key]) bound[attributes[key]] = value;
          else bound[`.${key}`] = value;
        }
        return h(tag, bound, slots['default']?.());
      };
    },
  });
}
