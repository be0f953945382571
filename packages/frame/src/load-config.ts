import { CardframeError } from '@cardframe/protocol';
import type { FrameConfig } from './config.ts';
import { FRAME_CONFIG_CHECKED_ATTRIBUTE, FRAME_CONFIG_ELEMENT_ID, FRAME_CONFIG_PATH } from './config-location.ts';
import { loadChunk } from './load-chunk.ts';

/** The part of a document `loadFrameConfig` reads. */
export type ConfigDocument = Pick<Document, 'getElementById'>;

type Checker = typeof import('./config.ts');

const bad = (message: string): CardframeError => new CardframeError('ERR_CONFIG', `frame config: ${message}`);

/** The base64 SHA-256 of an inline config block's text: written beside a block that was checked, and compared as the frame loads. */
export async function configDigest(text: string): Promise<string> {
  return btoa(String.fromCharCode(...new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)))));
}

/**
 * The config written into the frame's HTML, if there is one, else the one
 * fetched from the frame's own origin (plain static deploys). A block that
 * `inlineFrameConfig` wrote, checked, and that nobody changed since is read
 * as it stands; anything else is checked here by the config checker, a chunk
 * of its own (the built HTML preloads it for the fetched file). An inline
 * block that is not a valid config is an error, not a reason to fetch: the
 * deployment said where its config is.
 */
export async function loadFrameConfig(fetcher: typeof fetch = fetch, page: ConfigDocument | undefined = globalThis.document): Promise<FrameConfig> {
  const inline = page?.getElementById(FRAME_CONFIG_ELEMENT_ID);
  if (inline) {
    if (inline.localName !== 'script' || (inline as HTMLScriptElement).type !== 'application/json') throw bad(`#${FRAME_CONFIG_ELEMENT_ID} must be a <script type="application/json"> block`);
    const text = inline.textContent ?? '';
    // Checked when it was written, and not changed since.
    if (inline.getAttribute(FRAME_CONFIG_CHECKED_ATTRIBUTE) === (await configDigest(text))) return JSON.parse(text) as FrameConfig;
    return (await loadChunk<Checker>(import('./config.ts'))).parseInlineFrameConfig(text);
  }
  // Asked for at once, so it downloads while the file does.
  const checker = loadChunk<Checker>(import('./config.ts'));
  checker.catch(() => undefined);
  let response: Response;
  try {
    // Same mode and credentials as the page's <link rel=preload>, so the browser hands over that response.
    response = await fetcher(FRAME_CONFIG_PATH, { mode: 'cors', credentials: 'same-origin' });
  } catch {
    throw bad('could not be fetched');
  }
  if (!response.ok) throw bad(`fetch failed with HTTP ${response.status}`);
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    throw bad('is not JSON');
  }
  return (await checker).parseFrameConfig(json);
}
