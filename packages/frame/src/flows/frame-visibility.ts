/** Whether the cardholder could really see an element when asked, and if not, why. */
export type Visibility = { readonly visible: true } | { readonly visible: false; readonly reason: 'obscured' | 'offscreen' | 'unknown' };

// Intersection Observer v2 (Chromium): `trackVisibility` makes the browser
// check that nothing on the page (the host's elements included) covers the
// target or fades, filters or transforms it. Not in TypeScript's DOM lib yet.
type ObserverInitV2 = IntersectionObserverInit & { trackVisibility?: boolean; delay?: number };
type EntryV2 = IntersectionObserverEntry & { readonly isVisible?: boolean };

/** Whether the engine can tell a covered element from a shown one (Intersection Observer v2). */
export const canTrackVisibility = (): boolean => typeof IntersectionObserverEntry !== 'undefined' && 'isVisible' in IntersectionObserverEntry.prototype;

/**
 * Observes `target` once and says whether it is fully on screen and, where
 * the engine can tell (Intersection Observer v2), not covered by anything.
 * Elsewhere only the page's visibility and the intersection ratio are
 * checked: a host could still lay a transparent element over the frame
 * there. No answer within `timeoutMs` (a throttled, hidden frame) counts as
 * not visible.
 */
export function frameVisibility(target: Element, timeoutMs = 1000): Promise<Visibility> {
  if (document.visibilityState !== 'visible' || typeof IntersectionObserver === 'undefined') return Promise.resolve({ visible: false, reason: 'unknown' });
  const tracks = canTrackVisibility();
  return new Promise((resolve) => {
    const options: ObserverInitV2 = tracks ? { threshold: [0, 1], trackVisibility: true, delay: 100 } : { threshold: [0, 1] };
    const observer = new IntersectionObserver((entries) => {
      const entry = entries[entries.length - 1] as EntryV2;
      clearTimeout(timer);
      observer.disconnect();
      // Sub-pixel layout can leave a fully shown element a hair under 1.
      if (!entry.isIntersecting || entry.intersectionRatio < 0.99) resolve({ visible: false, reason: 'offscreen' });
      else if (tracks && entry.isVisible !== true) resolve({ visible: false, reason: 'obscured' });
      else resolve({ visible: true });
    }, options);
    const timer = setTimeout(() => {
      observer.disconnect();
      resolve({ visible: false, reason: 'unknown' });
    }, timeoutMs);
    observer.observe(target);
  });
}
