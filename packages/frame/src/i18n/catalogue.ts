import { en, type Messages } from './en.ts';

/** A resolved language: the tag the frame uses and its texts. */
export interface Locale {
  /** The language the texts are in (`en`, `de`, `ar`), for the document's `lang`. */
  readonly tag: string;
  readonly messages: Messages;
}

// English ships in the frame's first download; the others load when a host asks for them.
const LANGUAGES: Record<string, () => Promise<Messages>> = {
  de: () => import('./de.ts').then((m) => m.de),
  ar: () => import('./ar.ts').then((m) => m.ar),
};

/** Languages the frame has texts for. */
export const LANGUAGE_TAGS: readonly string[] = ['en', ...Object.keys(LANGUAGES)];

/**
 * Picks texts for a BCP 47 tag (already checked by the protocol) by its
 * language subtag: `de-CH` gets German. A language the frame has no texts
 * for, or cannot load, gets English.
 */
export async function resolveLocale(tag: string | undefined): Promise<Locale> {
  const language = (tag ?? 'en').split('-')[0]!.toLowerCase();
  const load = Object.hasOwn(LANGUAGES, language) ? LANGUAGES[language] : undefined;
  if (!load) return { tag: 'en', messages: en };
  try {
    return { tag: language, messages: await load() };
  } catch {
    return { tag: 'en', messages: en };
  }
}
