import { CardframeCard } from './card/card.ts';

/** Registers the cardframe elements once; safe to call from several bundles. */
export function defineElements(registry: CustomElementRegistry = customElements): void {
  if (!registry.get('cardframe-card')) registry.define('cardframe-card', CardframeCard);
}
