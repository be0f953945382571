/** What a challenge (or provisioning code) was issued for. */
export type ChallengePurpose = 'webauthn' | 'siwe' | 'provisioning';

/** A challenge the issuer handed out: the card it names, its purpose and expiry, and any text the issuer wants back. */
export interface ChallengeRecord {
  readonly cardId: string;
  readonly purpose: ChallengePurpose;
  /** Milliseconds since the epoch. */
  readonly expiresAt: number;
  readonly data?: Readonly<Record<string, string>>;
}

/**
 * What {@link ChallengeStore.take} found: `taken` only once per key; `used` on
 * every later take; `expired` past `expiresAt` (not consumed, so it stays
 * `expired`); `unknown` for a key never stored, stored for another card or
 * purpose, or forgotten long after expiry.
 */
export type ChallengeTake =
  | { readonly status: 'taken'; readonly record: ChallengeRecord }
  | { readonly status: 'used' | 'expired'; readonly record: ChallengeRecord }
  | { readonly status: 'unknown' };

/**
 * Single-use challenges, shared by every instance of an issuer. `take` must be
 * atomic: of two concurrent takes of one key, exactly one sees `taken`.
 */
export interface ChallengeStore {
  /** Stores a new challenge under `key` (a nonce); throws if the key exists. */
  put(key: string, record: ChallengeRecord): Promise<void>;
  /** Consumes the challenge under `key` if it was issued for this card and purpose and has not expired at `now`. */
  take(key: string, expect: { readonly cardId: string; readonly purpose: ChallengePurpose }, now: number): Promise<ChallengeTake>;
}

/** How long a store keeps a challenge after its expiry, so a late take reads `expired` or `used`, not `unknown`. */
export const DEFAULT_CHALLENGE_GRACE_MS = 15 * 60_000;

interface Entry {
  readonly record: ChallengeRecord;
  used: boolean;
}

/** The in-memory {@link ChallengeStore}: one process only. */
export class MemoryChallengeStore implements ChallengeStore {
  readonly #entries = new Map<string, Entry>();
  readonly #graceMs: number;
  readonly #now: () => number;

  constructor(options: { graceMs?: number; now?: () => number } = {}) {
    this.#graceMs = options.graceMs ?? DEFAULT_CHALLENGE_GRACE_MS;
    this.#now = options.now ?? Date.now;
  }

  async put(key: string, record: ChallengeRecord): Promise<void> {
    this.#prune();
    if (this.#entries.has(key)) throw new Error('challenge key already stored');
    this.#entries.set(key, { record, used: false });
  }

  async take(key: string, expect: { readonly cardId: string; readonly purpose: ChallengePurpose }, now: number): Promise<ChallengeTake> {
    const entry = this.#entries.get(key);
    if (!entry || entry.record.cardId !== expect.cardId || entry.record.purpose !== expect.purpose) return { status: 'unknown' };
    if (entry.used) return { status: 'used', record: entry.record };
    if (now > entry.record.expiresAt) return { status: 'expired', record: entry.record };
    entry.used = true;
    return { status: 'taken', record: entry.record };
  }

  #prune(): void {
    const horizon = this.#now() - this.#graceMs;
    for (const [key, entry] of this.#entries) if (entry.record.expiresAt < horizon) this.#entries.delete(key);
  }
}
