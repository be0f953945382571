import type { AppearanceParams } from '@cardframe/protocol';
import type { FrameConfig } from './config.ts';
import { resolveLocale } from './i18n/catalogue.ts';
import { loadChunk } from './load-chunk.ts';
import type { Messages } from './i18n/en.ts';

/** Puts a prepared appearance on the page and on one view. */
export type ApplyAppearance = (view: HTMLElement) => void;

type Styling = typeof import('./style/apply-style.ts');

// The sanitiser and the stylesheet builder load with the first theme or style
// a host sends; a frame with the default look never downloads them.
let styling: Promise<Styling> | undefined;

function rendered(view: HTMLElement): void {
  // The frame app re-measures on this, so the iframe follows the new look (and late fonts).
  view.dispatchEvent(new Event('cardframe-rendered', { bubbles: true, composed: true }));
}

/**
 * Checks the host's theme, style and locale and loads the texts, without
 * changing anything yet: a style outside the allowlist rejects here with
 * `ERR_STYLE_REFUSED` and the frame keeps its current look. The returned
 * function applies the result.
 */
export async function prepareAppearance({ theme, style, locale }: AppearanceParams, config: FrameConfig): Promise<ApplyAppearance> {
  if (theme !== undefined || style !== undefined) styling ??= loadChunk(import('./style/apply-style.ts'));
  let module: Styling | undefined;
  try {
    module = await styling;
  } catch (error) {
    // Fetched again by the next configure that asks for a look.
    styling = undefined;
    throw error;
  }
  const safe = style === undefined ? undefined : module!.sanitiseStyle(style, config.style?.fontOrigins ?? []);
  const { tag, messages } = await resolveLocale(locale);
  return (view) => {
    // On the document, so screen readers pick the language and RTL layout reaches into every view.
    document.documentElement.lang = tag;
    document.documentElement.dir = messages.dir;
    if ('messages' in view) (view as HTMLElement & { messages: Messages }).messages = messages;
    // Without the module loaded nothing was ever styled, so there is nothing to reset.
    if (module) void module.applyFrameStyle(theme, safe).then(() => rendered(view));
    rendered(view);
  };
}
