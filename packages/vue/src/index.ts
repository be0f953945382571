/**
 * Vue 3 components for the cardframe elements. Each renders the custom
 * element itself, passes props as element properties, emits the events'
 * details (`@reveal`, `@copy`, `@error`, …) and exposes the element's
 * methods (`hide()`, `whenReady()`, `destroy()`) through a template ref.
 *
 * @example
 * <CardframeGroup :frame-url="FRAME_URL" :fetch-card-data="fetchCardData">
 *   <CardframePan /> <CardframeExpiry /> <CardframeCvc />
 *   <CardframeCopy for="pan" @copy="toast('Copied')" />
 * </CardframeGroup>
 * @packageDocumentation
 */
import '@cardframe/sdk';
import type { CardframeEventDetails, CardframeStyle, FetchCardData, FetchEncryptedCard, FieldName, RegisterDevice, SubmitPin, ThemeName } from '@cardframe/sdk';
import { defineComponent, h, ref, type ComponentObjectPropsOptions, type PropType } from 'vue';

type ShortName<K> = K extends `cardframe-${infer N}` ? N : never;
/** Vue event name → detail, e.g. `reveal` → `{fields}`. */
export type CardframeVueEvents = { [K in keyof CardframeEventDetails as ShortName<K>]: CardframeEventDetails[K] };
type EventOptions = { [K in keyof CardframeVueEvents]: (detail: CardframeVueEvents[K]) => true };

const EVENT_NAMES = ['ready', 'reveal', 'hide', 'copy', 'error', 'change', 'submit', 'focus', 'blur'] as const satisfies readonly (keyof CardframeVueEvents)[];
const emits = Object.fromEntries(EVENT_NAMES.map((name) => [name, () => true])) as unknown as EventOptions;

const appearanceProps = {
  theme: String as PropType<ThemeName>,
  locale: String,
  frameStyle: Object as PropType<CardframeStyle>,
};
const frameProps = {
  frameUrl: String,
  frameTitle: String,
  readyTimeout: Number,
  ...appearanceProps,
};
const revealProps = {
  ...frameProps,
  mode: String as PropType<'session-key' | 'key-pair'>,
  group: String,
  last4: String,
  autoHideSeconds: Number,
  hideOnBlur: { type: Boolean, default: undefined },
  fetchCardData: Function as PropType<FetchCardData>,
  fetchEncryptedCard: Function as PropType<FetchEncryptedCard>,
};

/** What a template ref to any of these components offers. */
export interface CardframeExposed {
  /** The custom element itself. */
  readonly element: HTMLElement | undefined;
  hide(): Promise<void>;
  whenReady(): Promise<unknown>;
  destroy(): void;
}

type Props = Record<string, unknown>;

function wrap<P extends ComponentObjectPropsOptions>(tag: string, props: P, attributes: Readonly<Record<string, string>> = {}) {
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

const fieldName = String as PropType<FieldName>;

/** `<cardframe-card>`: the whole card in one frame. */
export const CardframeCard = wrap('cardframe-card', { ...revealProps, fields: Array as PropType<FieldName[]> });
/** `<cardframe-group>`: one card as separate elements sharing one session (members go in its slot). */
export const CardframeGroup = wrap('cardframe-group', {
  ...appearanceProps,
  frameUrl: String,
  mode: String as PropType<'session-key' | 'key-pair'>,
  last4: String,
  autoHideSeconds: Number,
  hideOnBlur: { type: Boolean, default: undefined },
  fetchCardData: Function as PropType<FetchCardData>,
  fetchEncryptedCard: Function as PropType<FetchEncryptedCard>,
});
/** `<cardframe-field>`: one field named by `field`. */
export const CardframeField = wrap('cardframe-field', { ...revealProps, field: fieldName });
/** `<cardframe-pan>`: the card number. */
export const CardframePan = wrap('cardframe-pan', revealProps);
/** `<cardframe-cvc>`: the security code. */
export const CardframeCvc = wrap('cardframe-cvc', revealProps);
/** `<cardframe-expiry>`: the expiry date. */
export const CardframeExpiry = wrap('cardframe-expiry', revealProps);
/** `<cardframe-copy>`: a copy button for the field named by `for`; the value never reaches Vue. */
export const CardframeCopy = wrap('cardframe-copy', { ...revealProps, for: fieldName }, { for: 'for' });
/** `<cardframe-toggle>`: reveals or hides every field of its group. */
export const CardframeToggle = wrap('cardframe-toggle', revealProps);
/** `<cardframe-pin>`: PIN entry; `@change` reports state, `@submit` the issuer's outcome. */
export const CardframePin = wrap('cardframe-pin', {
  ...frameProps,
  submitPin: Function as PropType<SubmitPin>,
  registerDevice: Function as PropType<RegisterDevice>,
});

export type { CardframeEventDetails, CardframeStyle, ErrorInfo, ThemeName, FetchCardData, FetchEncryptedCard, FieldName, RegisterDevice, SubmitPin } from '@cardframe/sdk';
