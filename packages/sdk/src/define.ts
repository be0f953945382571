import { CardframeCard } from './card/card.ts';
import { CardframePin } from './pin/pin.ts';

/** Registers the cardframe elements once; safe to call from several bundles. */
export function defineElements(registry: CustomElementRegistry = customElements): void {
  if (!registry.get('cardframe-card')) registry.define('cardframe-card', CardframeCard);
  if (!registry.get('cardframe-pin')) registry.define('cardframe-pin', CardframePin);
}
