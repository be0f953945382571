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
 * scripts on the frame's own origin and nothing more, no referrer, and only
 * the permissions `allow` names (see {@link iframeAllow}).
 */
export function sandboxedIframe(allow: string, onLoad: (event: Event) => void): HTMLIFrameElement {
  // Built by hand: lit-html would cost the host page more than this single node is worth.
  const iframe = document.createElement('iframe');
  iframe.setAttribute('part', 'frame');
  // Sandbox and permissions first: the browser reads them when the frame navigates.
  iframe.setAttribute('sandbox', 'allow-scripts allow-same-origin');
  iframe.setAttribute('referrerpolicy', 'no-referrer');
  iframe.setAttribute('loading', 'eager');
  if (allow) iframe.setAttribute('allow', allow);
  iframe.addEventListener('load', onLoad);
  return iframe;
}

/**
 * The iframe's `allow`: the clipboard for a copy button's frame, and passkeys
 * (WebAuthn get and create) for the frame's own origin only where the host
 * relays binding requests.
 */
export function iframeAllow(allowClipboard: boolean, passkeyOrigin: string | false): string {
  const passkeys = passkeyOrigin ? `publickey-credentials-get ${passkeyOrigin}; publickey-credentials-create ${passkeyOrigin}` : '';
  return allowClipboard ? (passkeys ? `clipboard-write; ${passkeys}` : 'clipboard-write') : passkeys;
}
