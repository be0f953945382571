/**
 * The messages between a frame and the key-set coordinator (the SharedWorker
 * of the frame origin), and between frames where there is none, with their
 * runtime checks: every side drops anything that does not pass them.
 */

/** The largest key-set text either side passes on (the ring's download cap; it checks bytes again). */
export const MAX_TEXT = 64 * 1024;
const MAX_URL = 2048;

/** From a frame: it needs a set fetched no earlier than `notBefore`, reports the fetch it was asked for, or gives up waiting. */
export type FrameMessage =
  | { readonly kind: 'want'; readonly id: number; readonly url: string; readonly notBefore: number }
  | { readonly kind: 'fetched'; readonly id: number; readonly url: string; readonly text: string; readonly fetchedAt: number }
  | { readonly kind: 'failed'; readonly id: number; readonly url: string }
  | { readonly kind: 'cancel'; readonly id: number; readonly url: string };

/** From the coordinator, to the frame's `want` of the same id: a copy, fetch it, wait (a copy or `fetch` follows), or fetch it for yourself. */
export type CoordinatorMessage =
  | { readonly kind: 'have'; readonly id: number; readonly text: string; readonly fetchedAt: number }
  | { readonly kind: 'fetch'; readonly id: number }
  | { readonly kind: 'queued'; readonly id: number }
  | { readonly kind: 'self'; readonly id: number };

type Fields = Record<string, unknown>;

const record = (value: unknown): Fields | undefined => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Fields) : undefined);
const only = (m: Fields, names: readonly string[]): boolean => Object.keys(m).every((name) => names.includes(name));
const isId = (value: unknown): boolean => Number.isSafeInteger(value) && (value as number) >= 0;
const isTime = (value: unknown): boolean => typeof value === 'number' && Number.isFinite(value);
const isText = (value: unknown): boolean => typeof value === 'string' && value.length <= MAX_TEXT;
const isUrl = (value: unknown): boolean => typeof value === 'string' && value.length > 0 && value.length <= MAX_URL;

export function isFrameMessage(value: unknown): value is FrameMessage {
  const m = record(value);
  if (!m || !isId(m['id']) || !isUrl(m['url'])) return false;
  switch (m['kind']) {
    case 'want':
      return only(m, ['kind', 'id', 'url', 'notBefore']) && isTime(m['notBefore']);
    case 'fetched':
      return only(m, ['kind', 'id', 'url', 'text', 'fetchedAt']) && isText(m['text']) && isTime(m['fetchedAt']);
    case 'failed':
    case 'cancel':
      return only(m, ['kind', 'id', 'url']);
    default:
      return false;
  }
}

export function isCoordinatorMessage(value: unknown): value is CoordinatorMessage {
  const m = record(value);
  if (!m || !isId(m['id'])) return false;
  switch (m['kind']) {
    case 'have':
      return only(m, ['kind', 'id', 'text', 'fetchedAt']) && isText(m['text']) && isTime(m['fetchedAt']);
    case 'fetch':
    case 'queued':
    case 'self':
      return only(m, ['kind', 'id']);
    default:
      return false;
  }
}

/**
 * Between the frames of one origin where there is no coordinator (no
 * SharedWorker, or storage refused to the frames). On the `asks` channel, a
 * frame wants a set fetched no earlier than `notBefore`. On the `answers`
 * channel, a frame that heard no answer bids to fetch it (the lowest random
 * `ticket` heard fetches), a frame fetching one since `startedAt` claims it,
 * a frame that fetched one hands out its copy, or reports its fetch failed.
 */
export type AskMessage = { readonly kind: 'want'; readonly url: string; readonly notBefore: number };
export type AnswerMessage =
  | { readonly kind: 'bid'; readonly url: string; readonly notBefore: number; readonly ticket: number }
  | { readonly kind: 'claim'; readonly url: string; readonly startedAt: number }
  | { readonly kind: 'have'; readonly url: string; readonly text: string; readonly fetchedAt: number }
  | { readonly kind: 'failed'; readonly url: string; readonly startedAt: number };

export function isAskMessage(value: unknown): value is AskMessage {
  const m = record(value);
  return Boolean(m && m['kind'] === 'want' && isUrl(m['url']) && only(m, ['kind', 'url', 'notBefore']) && isTime(m['notBefore']));
}

export function isAnswerMessage(value: unknown): value is AnswerMessage {
  const m = record(value);
  if (!m || !isUrl(m['url'])) return false;
  switch (m['kind']) {
    case 'bid':
      return only(m, ['kind', 'url', 'notBefore', 'ticket']) && isTime(m['notBefore']) && isTime(m['ticket']);
    case 'claim':
    case 'failed':
      return only(m, ['kind', 'url', 'startedAt']) && isTime(m['startedAt']);
    case 'have':
      return only(m, ['kind', 'url', 'text', 'fetchedAt']) && isText(m['text']) && isTime(m['fetchedAt']);
    default:
      return false;
  }
}

/** A frame's connection to the coordinator; `broken` settles if the worker fails. */
export interface KeySetLink {
  readonly port: Pick<MessagePort, 'postMessage' | 'addEventListener' | 'start'>;
  readonly broken?: Promise<unknown>;
}
