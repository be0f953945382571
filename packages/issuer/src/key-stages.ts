import { IssuerError } from './errors.ts';

/**
 * Where a key is in its life. `next` is published ahead of use and already
 * accepted; `active` is the one senders should prefer; `retiring` is still
 * accepted but no longer preferred; `retired` is refused with `retired_key`.
 */
export type KeyStage = 'next' | 'active' | 'retiring' | 'retired';

/** What the lifecycle adds to a key of any format: its stage, and when senders may start using it. */
export interface KeyStageFields {
  /** Seconds since the epoch from which senders should use it (the published entry's `nbf`). */
  nbf: number;
  stage: KeyStage;
}

/** A key of some format with its place in the lifecycle. */
export type StagedKey<K> = K & KeyStageFields;

/** Finds the key an id names; by default the one whose `kid` it is. */
export type KeyFinder<K> = (keys: readonly StagedKey<K>[], id: string) => StagedKey<K> | undefined;

const RETIRED_KEPT = 4;
// A new `next` key is published with an activation time well ahead, so
// senders holding a cached set keep using the active key until they refresh.
const NEXT_LEAD_SECONDS = 24 * 3600;
const ORDER: Record<KeyStage, number> = { active: 0, next: 1, retiring: 2, retired: 3 };

const byKid = <K extends { readonly kid: string }>(keys: readonly StagedKey<K>[], id: string) => keys.find((key) => key.kid === id);

/**
 * The rotation rules for an issuer's keys, whatever their format: several
 * trusted at once (next, active, retiring), so senders holding any of them
 * keep working while they pick up the new set; retired keys are kept a
 * while only to answer `retired_key` instead of a generic failure. A format
 * extends this with how its keys are made, published and stored, and hands
 * it finished keys, so a rotation itself never waits or half-happens.
 */
export class KeyStages<K extends { readonly kid: string }> {
  #keys: StagedKey<K>[];
  readonly #find: KeyFinder<K>;

  /** `keys` from {@link KeyStages.started} or {@link KeyStages.restored}. */
  protected constructor(keys: StagedKey<K>[], find: KeyFinder<K> = byKid) {
    this.#keys = keys;
    this.#find = find;
  }

  /** A fresh lifecycle's keys: `active` valid from now, `next` published a day ahead. */
  protected static started<K extends { readonly kid: string }>(active: K, next: K, now: number): StagedKey<K>[] {
    const seconds = Math.floor(now / 1000);
    return [
      { ...active, nbf: seconds, stage: 'active' },
      { ...next, nbf: seconds + NEXT_LEAD_SECONDS, stage: 'next' },
    ];
  }

  /**
   * The keys as {@link KeyStages.stored} kept them: `saved[i]` is stored
   * entry `i`, `keys[i]` the key the format loaded from it. Exactly one key
   * must be active.
   */
  protected static restored<K extends { readonly kid: string }>(saved: readonly Readonly<KeyStageFields>[], keys: readonly K[]): StagedKey<K>[] {
    if (saved.length !== keys.length) throw new Error('every stored key must be loaded');
    const staged = keys.map((key, i): StagedKey<K> => ({ ...key, nbf: saved[i]!.nbf, stage: saved[i]!.stage }));
    if (staged.filter((key) => key.stage === 'active').length !== 1) throw new Error('a key ring needs exactly one active key');
    return staged;
  }

  /** The persisted form: what the format stores for each key, followed by its `nbf` and stage. */
  protected stored<J extends object>(store: (key: StagedKey<K>) => J): (J & Readonly<KeyStageFields>)[] {
    return this.#keys.map((key) => ({ ...store(key), nbf: key.nbf, stage: key.stage }));
  }

  /** The set senders fetch: every trusted key's published entry with its `nbf`. */
  protected published<E extends object>(entry: (key: StagedKey<K>) => E): { keys: (E & { nbf: number })[] } {
    return { keys: this.trusted.map((key) => ({ ...entry(key), nbf: key.nbf })) };
  }

  /** How many new keys {@link KeyStages.rotateTo} takes: one for the new `next`, one more for `active` when no key waits as `next`. */
  protected get keysToRotate(): 1 | 2 {
    return this.#keys.some((key) => key.stage === 'next') ? 1 : 2;
  }

  /**
   * One rotation: retiring → retired, active → retiring, next → active (valid
   * from now), and a fresh key becomes the new next one. The old active key
   * stays accepted until the rotation after this one; only the last few
   * retired keys are kept.
   */
  protected rotateTo(fresh: readonly K[], now: number): void {
    if (fresh.length !== this.keysToRotate) throw new Error(`a rotation takes ${this.keysToRotate} new key(s)`);
    const seconds = Math.floor(now / 1000);
    const next = this.#keys.find((key) => key.stage === 'next');
    for (const key of this.#keys) {
      if (key.stage === 'retiring') key.stage = 'retired';
      else if (key.stage === 'active') key.stage = 'retiring';
    }
    const [first, second] = fresh as readonly [K, K?];
    if (next) {
      next.stage = 'active';
      next.nbf = seconds;
    } else {
      this.#keys.push({ ...first, nbf: seconds, stage: 'active' });
    }
    this.#keys.push({ ...(next ? first : second!), nbf: seconds + NEXT_LEAD_SECONDS, stage: 'next' });
    const retired = this.retired;
    if (retired.length > RETIRED_KEPT) this.#keys = this.#keys.filter((key) => !retired.slice(0, retired.length - RETIRED_KEPT).includes(key));
  }

  get active(): StagedKey<K> {
    return this.#keys.find((key) => key.stage === 'active')!;
  }

  /** Keys senders may use and the issuer accepts: next, active, retiring — active first. */
  get trusted(): readonly StagedKey<K>[] {
    return this.#keys.filter((key) => key.stage !== 'retired').sort((a, b) => ORDER[a.stage] - ORDER[b.stage]);
  }

  get retired(): readonly StagedKey<K>[] {
    return this.#keys.filter((key) => key.stage === 'retired');
  }

  /** The key `id` names if trusted; `retired_key` if retired; `unknown_key` otherwise. */
  accept(id: string): StagedKey<K> {
    const key = this.#find(this.#keys, id);
    if (!key) throw new IssuerError('unknown_key', 400, 'key_id names no key this issuer knows');
    if (key.stage === 'retired') throw new IssuerError('retired_key', 400, 'the key was retired; fetch the current keys');
    return key;
  }
}
