import { CardframeBind } from './bind/bind.ts';
import { CardframeCard } from './card/card.ts';
import { CardframeCopy, CardframeCvc, CardframeExpiry, CardframeField, CardframePan, CardframeToggle } from './fields/field.ts';
import { CardframeGroup } from './group/group.ts';
import { CardframePin } from './pin/pin.ts';
import { declareProperties, type BaseElement } from './base-element.ts';

const ELEMENTS: Record<string, typeof BaseElement & CustomElementConstructor> = {
  'cardframe-card': CardframeCard,
  'cardframe-pin': CardframePin,
  'cardframe-group': CardframeGroup,
  'cardframe-field': CardframeField,
  'cardframe-pan': CardframePan,
  'cardframe-cvc': CardframeCvc,
  'cardframe-expiry': CardframeExpiry,
  'cardframe-copy': CardframeCopy,
  'cardframe-toggle': CardframeToggle,
  'cardframe-bind': CardframeBind,
};

/**
 * Registers the cardframe elements once; safe to call from several bundles.
 * Without a registry (a server rendering the page) it only declares their
 * properties.
 */
export function defineElements(registry: CustomElementRegistry | undefined = globalThis.customElements): void {
  for (const [name, element] of Object.entries(ELEMENTS)) {
    if (!registry) declareProperties(element);
    else if (!registry.get(name)) registry.define(name, element);
  }
}
