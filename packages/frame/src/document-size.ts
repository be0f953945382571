/** Measures the document again; called whenever its size may have changed. */
export type SizeListener = () => void;

const listeners = new Set<SizeListener>();
let observer: ResizeObserver | undefined;

/**
 * Calls `listener` whenever the document's size changes. Every listener of a
 * document shares one ResizeObserver on its root element: several observers of
 * one target each give script a turn (and Lit a render) between their
 * callbacks, and a size change in between ends the browser's observation loop
 * with an error instead of a measurement.
 */
export function watchDocumentSize(listener: SizeListener): void {
  listeners.add(listener);
  if (observer) return;
  observer = new ResizeObserver(() => {
    for (const each of listeners) each();
  });
  observer.observe(document.documentElement);
}
