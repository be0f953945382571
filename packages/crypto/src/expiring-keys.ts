import type { RingKey } from './key-ring.ts';

/** A key the frame holds for the issuer to encrypt to, with the public half it hands out. */
export interface ExpiringKey<P> extends RingKey {
  readonly publicKey: P;
}

export interface ExpiringKeysOptions<K> {
  /** Makes a new key that will live `ttlMs` (OpenPGP writes it into the key as its expiry). */
  readonly generate: (ttlMs: number) => Promise<K>;
  /** Called once for each key as it expires or is dropped, for keys whose secrets must be overwritten. */
  readonly discard?: (key: K) => void;
  /** Lifetime of each key (default 5 min); expired keys are dropped and can open nothing. */
  readonly ttlMs?: number;
  readonly now?: () => number;
}

interface Held<K> {
  readonly key: K;
  readonly expiresAt: number;
}

/**
 * The lifecycle of keys the frame makes for the issuer to encrypt to,
 * whatever their format: each lives a fixed time; one is handed out until
 * half its life is spent, then a new one is made while the old one still
 * opens what was already sent to it; an expired key is forgotten before any
 * lookup, so it opens nothing. A format extends this with how to open a
 * message with one of the {@link ExpiringKeys.live} keys.
 */
export class ExpiringKeys<K extends ExpiringKey<P>, P = K['publicKey']> {
  readonly #generate: (ttlMs: number) => Promise<K>;
  readonly #discard: (key: K) => void;
  readonly #ttlMs: number;
  readonly #now: () => number;
  #held: Held<K>[] = [];

  constructor(options: ExpiringKeysOptions<K>) {
    this.#generate = options.generate;
    this.#discard = options.discard ?? (() => {});
    this.#ttlMs = options.ttlMs ?? 5 * 60_000;
    this.#now = options.now ?? Date.now;
  }

  /** The public half to hand out: the newest key's if more than half its life is left, else a new key's. */
  async current(): Promise<P> {
    this.#dropExpired();
    const newest = this.#held[this.#held.length - 1];
    if (newest && newest.expiresAt - this.#now() > this.#ttlMs / 2) return newest.key.publicKey;
    const key = await this.#generate(this.#ttlMs);
    this.#held.push({ key, expiresAt: this.#now() + this.#ttlMs });
    return key.publicKey;
  }

  /** Kids of the live keys, oldest first. */
  get kids(): readonly string[] {
    return this.live.map((key) => key.kid);
  }

  /** Forgets every key. */
  drop(): void {
    for (const { key } of this.#held) this.#discard(key);
    this.#held = [];
  }

  /** The keys still alive, oldest first: the only ones a format may open with. */
  protected get live(): readonly K[] {
    this.#dropExpired();
    return this.#held.map((held) => held.key);
  }

  #dropExpired(): void {
    const now = this.#now();
    for (const { key, expiresAt } of this.#held) if (expiresAt <= now) this.#discard(key);
    this.#held = this.#held.filter((held) => held.expiresAt > now);
  }
}
