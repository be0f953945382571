/** `value` as a frame URL: absolute http(s) only, else undefined. */
export function parseFrameUrl(value: string | undefined): URL | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The iframe every cardframe element mounts, before it is given a `src`:
 * scripts on the frame's own origin and nothing more, no referrer, and the
 * clipboard only for a copy button's frame.
 */
export function sandboxedIframe(allowClipboard: boolean, onLoad: (event: Event) => void): HTMLIFrameElement {
  // Built by hand: lit-html would cost the host page more than this single node is worth.
  const iframe = document.createElement('iframe');
  iframe.setAttribute('part', 'frame');
  // Sandbox and permissions first: the browser reads them when the frame navigates.
  iframe.setAttribute('sandbox', 'allow-scripts allow-same-origin');
  iframe.setAttribute('referrerpolicy', 'no-referrer');
  iframe.setAttribute('loading', 'eager');
  if (allowClipboard) iframe.setAttribute('allow', 'clipboard-write');
  iframe.addEventListener('load', onLoad);
  return iframe;
}
