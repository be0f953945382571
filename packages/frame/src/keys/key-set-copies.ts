/** A key-set text and when its download started (ms), as the frames of one origin pass it around. */
export interface KeySetCopy {
  readonly text: string;
  readonly fetchedAt: number;
}

/** `copy` if it was fetched no earlier than `notBefore` and not after `now`: a copy dated in the future is refused. */
export function freshCopy<C extends KeySetCopy>(copy: C | undefined, notBefore: number, now: number): C | undefined {
  return copy && copy.fetchedAt >= notBefore && copy.fetchedAt <= now ? copy : undefined;
}

/** Holds `copy` for `url` unless a newer one is held already; returns `copy`. */
export function keepNewer<C extends KeySetCopy>(copies: Map<string, C>, url: string, copy: C): C {
  if ((copies.get(url)?.fetchedAt ?? Number.NEGATIVE_INFINITY) < copy.fetchedAt) copies.set(url, copy);
  return copy;
}
