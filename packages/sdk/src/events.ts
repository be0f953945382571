import type { ErrorInfo, FrameEventDetails } from '@cardframe/protocol';

/** Detail of each DOM event a cardframe element fires. None carries card data. */
export interface CardframeEventDetails {
  'cardframe-ready': FrameEventDetails['ready'];
  'cardframe-reveal': FrameEventDetails['reveal'];
  'cardframe-hide': FrameEventDetails['hide'];
  'cardframe-error': ErrorInfo;
  'cardframe-change': FrameEventDetails['change'];
  'cardframe-submit': FrameEventDetails['submit'];
  'cardframe-copy': FrameEventDetails['copy'];
  'cardframe-focus': FrameEventDetails['focus'];
  'cardframe-blur': FrameEventDetails['blur'];
  'cardframe-bind': FrameEventDetails['bind'];
  'cardframe-provision': FrameEventDetails['provision'];
}

export type CardframeEventName = keyof CardframeEventDetails;

/** A DOM event fired by a cardframe element: bubbles, crosses shadow roots, typed detail. */
export type CardframeEvent<K extends CardframeEventName> = CustomEvent<CardframeEventDetails[K]>;

export function cardframeEvent<K extends CardframeEventName>(name: K, detail: CardframeEventDetails[K]): CardframeEvent<K> {
  return new CustomEvent(name, { detail, bubbles: true, composed: true });
}

declare global {
  interface HTMLElementEventMap {
    'cardframe-ready': CardframeEvent<'cardframe-ready'>;
    'cardframe-reveal': CardframeEvent<'cardframe-reveal'>;
    'cardframe-hide': CardframeEvent<'cardframe-hide'>;
    'cardframe-error': CardframeEvent<'cardframe-error'>;
    'cardframe-change': CardframeEvent<'cardframe-change'>;
    'cardframe-submit': CardframeEvent<'cardframe-submit'>;
    'cardframe-copy': CardframeEvent<'cardframe-copy'>;
    'cardframe-focus': CardframeEvent<'cardframe-focus'>;
    'cardframe-blur': CardframeEvent<'cardframe-blur'>;
    'cardframe-bind': CardframeEvent<'cardframe-bind'>;
    'cardframe-provision': CardframeEvent<'cardframe-provision'>;
  }
}
