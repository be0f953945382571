import { CardframeError, type ErrorInfo, type FieldName } from '@cardframe/protocol';
import type { CardframeCard } from './card/card.ts';
import { defineElements } from './define.ts';
import type { CardframeEventDetails, CardframeEventName } from './events.ts';
import type { BindCard, FetchCard, FetchCardData } from './host-callback.ts';

export interface MountCardOptions {
  /** URL of the frame page on the frame's origin. */
  frameUrl: string;
  /** Relays the frame's sessionid to your backend and returns the issuer's answer. */
  fetchCardData: FetchCardData;
  /** Bound mode: fetches the issuer's passkey statement (`GET /card?scope=webauthn`); lets the frame use passkeys. */
  fetchCard?: FetchCard;
  /** Bound mode: forwards a new passkey's binding to the issuer's `PATCH /`. */
  bindCard?: BindCard;
  /** Narrow the fields shown (default: all the frame's config enables). */
  fields?: FieldName[];
  /** Milliseconds the frame may stay silent on its way to ready (default 15000); see `readyTimeout` on the element. */
  readyTimeout?: number;
}

/** A mounted card. */
export interface CardHandle {
  readonly element: CardframeCard;
  /** Fields the frame will reveal, as it reported when ready. */
  readonly fields: readonly FieldName[];
  /** Listens to a cardframe event; returns a function that removes the listener. */
  on<K extends CardframeEventName>(name: K, listener: (detail: CardframeEventDetails[K]) => void): () => void;
  /** Masks the fields again. */
  hide(): Promise<void>;
  /** Removes the frame and closes its channel; the frame forgets everything. */
  destroy(): void;
}

/**
 * Mounts a `<cardframe-card>` into `container` and resolves once the frame is
 * ready, or rejects with a `CardframeError` if it fails first.
 *
 * @example
 * const card = await mountCard(document.querySelector('#card')!, {
 *   frameUrl: 'https://frame.example/',
 *   fetchCardData: (sessionId) => fetch('/api/card', { headers: { sessionid: sessionId } }),
 * });
 */
export function mountCard(container: Element, options: MountCardOptions): Promise<CardHandle> {
  defineElements();
  const element = document.createElement('cardframe-card');
  const { frameUrl, fetchCardData, fetchCard, bindCard, fields, readyTimeout } = options;
  // An option left out stays unset (an element's properties start undefined); the ready timeout keeps its default.
  Object.assign(element, { fetchCardData, fetchCard, bindCard, fields, frameUrl }, readyTimeout === undefined ? {} : { readyTimeout });

  return new Promise<CardHandle>((resolve, reject) => {
    const onReady = (event: CustomEvent<CardframeEventDetails['cardframe-ready']>): void => {
      cleanup();
      resolve({
        element,
        fields: event.detail.fields,
        on: (name, listener) => {
          const handler = (e: Event): void => listener((e as CustomEvent<CardframeEventDetails[typeof name]>).detail);
          element.addEventListener(name, handler);
          return () => element.removeEventListener(name, handler);
        },
        hide: () => element.hide(),
        destroy: () => element.destroy(),
      });
    };
    const onError = (event: CustomEvent<ErrorInfo>): void => {
      cleanup();
      element.remove();
      reject(CardframeError.fromInfo(event.detail));
    };
    const cleanup = (): void => {
      element.removeEventListener('cardframe-ready', onReady);
      element.removeEventListener('cardframe-error', onError);
    };
    element.addEventListener('cardframe-ready', onReady);
    element.addEventListener('cardframe-error', onError);
    container.append(element);
  });
}
