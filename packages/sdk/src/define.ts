import { CardframeBind } from './bind/bind.ts';
import { CardframeCard } from './card/card.ts';
import { CardframeCopy, CardframeCvc, CardframeExpiry, CardframeField, CardframePan, CardframeToggle } from './fields/field.ts';
import { CardframeGroup } from './group/group.ts';
import { CardframePin } from './pin/pin.ts';

const ELEMENTS: Record<string, CustomElementConstructor> = {
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

/** Registers the cardframe elements once; safe to call from several bundles. */
export function defineElements(registry: CustomElementRegistry = customElements): void {
  for (const [name, element] of Object.entries(ELEMENTS)) if (!registry.get(name)) registry.define(name, element);
}
