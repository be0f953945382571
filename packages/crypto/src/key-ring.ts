import { CardframeError } from '@cardframe/protocol';
import { readCappedText } from './capped-body.ts';
import { responsiveTimeout } from './responsive-timeout.ts';

/** Anything a ring holds: it must be named by `kid`. */
export interface RingKey {
  readonly kid: string;
}

/** Where a ring's keys come from: pinned in the frame's config, or a JWKS the frame fetches itself. */
export type KeyRingSource = { readonly keys: readonly unknown[] } | { readonly jwksUrl: string };

/**
 * Lets the rings of several contexts of one origin (the frames on a page)
 * share one fetch of a key set: `download` fetches and checks the set, and
 * the share either runs it (storing the text for the others) or answers with
 * a copy another context downloaded no earlier than `notBefore` (ms), with
 * the time that download started. The ring checks a copy as it checks a
 * download; a share that cannot store answers with `download()`.
 */
export type KeySetShare = (url: string, load: KeySetLoad) => Promise<{ readonly text: string; readonly fetchedAt?: number }>;

/** What a ring asks a `KeySetShare` for. */
export interface KeySetLoad {
  /** The oldest download (its start, ms) the ring accepts: a TTL ago, or the moment a refresh was asked for. */
  readonly notBefore: number;
  /**
   * Aborts on the ring's fetch timeout, counted from the request in time the
   * event loop ran on time: the longest to wait for another context, whose
   * answer a starved loop would hold back too.
   */
  readonly signal: AbortSignal;
  /** Fetches the set here, with every check and a fetch timeout of its own from the call; resolves with its text. */
  readonly download: () => Promise<string>;
}

/** A key the ring refused, and why (never key material). */
export interface SkippedKey {
  readonly kid: string | undefined;
  readonly reason: string;
}

export interface KeyRingOptions<K extends RingKey> {
  readonly source: KeyRingSource;
  /** Validates and imports one JWK; throwing skips that key (with the error's message as reason). */
  readonly importKey: (jwk: Readonly<Record<string, unknown>>) => Promise<K>;
  /** How long a fetched set is used before it is fetched again (default 10 min). */
  readonly ttlMs?: number;
  /**
   * The oldest a fetched set may get while refreshes keep failing; past it
   * the keys are dropped and the ring reports `ERR_KEY_NOT_FOUND` until a
   * fetch succeeds (default three TTLs).
   */
  readonly maxAgeMs?: number;
  /** Least time between two fetches, however often a refresh is asked for (default 30 s). */
  readonly cooldownMs?: number;
  /** Time allowed for one JWKS fetch (default 5 s). */
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
  /** Fetches through a store shared with other contexts of the same origin; absent, every ring fetches for itself. */
  readonly share?: KeySetShare;
  readonly now?: () => number;
  /** Told about keys refused at each load (kids and reasons only). */
  readonly onSkipped?: (skipped: readonly SkippedKey[]) => void;
}

interface Held<K> {
  readonly key: K;
  readonly nbf: number;
  readonly exp: number;
  readonly index: number;
}

const MAX_JWKS_BYTES = 64 * 1024;
const MAX_KEYS = 32;

function timeClaim(value: unknown, fallback: number): number | undefined {
  if (value === undefined) return fallback;
  return typeof value === 'number' && Number.isFinite(value) ? value * 1000 : undefined;
}

/**
 * Issuer keys held at once, as during a rotation. The preferred key is the
 * usable one (inside its `nbf`/`exp`, if the set says) that became valid
 * last; every operation names it by `kid`. A fetched set is cached for a TTL;
 * a refresh asked for sooner than the cooldown after the last fetch does
 * nothing, and only one fetch is ever in flight, so a broken or hostile
 * issuer cannot make the frame spin. Keys that fail the import rules, and
 * every key sharing a `kid` with another, are skipped with a reason; they
 * never take the others down.
 */
export class KeyRing<K extends RingKey> {
  readonly #options: KeyRingOptions<K>;
  readonly #now: () => number;
  #held: Held<K>[] = [];
  #skipped: SkippedKey[] = [];
  #loadedAt = Number.NEGATIVE_INFINITY;
  #attemptedAt = Number.NEGATIVE_INFINITY;
  #inFlight: Promise<boolean> | undefined;
  #fetches = 0;
  #expired = false;

  constructor(options: KeyRingOptions<K>) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /** Keys refused at the last load, with reasons. */
  get skipped(): readonly SkippedKey[] {
    return this.#skipped;
  }

  /** How many times the JWKS was fetched. */
  get fetches(): number {
    return this.#fetches;
  }

  /** The `kid`s held now, usable or not. */
  get kids(): readonly string[] {
    return this.#held.map((held) => held.key.kid);
  }

  /** The key to use now. Loads the set first if it was never loaded or its TTL ran out. */
  async preferred(): Promise<K> {
    if (this.#stale()) await this.#load();
    this.#dropExpired();
    const now = this.#now();
    const usable = this.#held.filter((held) => held.nbf <= now && now < held.exp);
    usable.sort((a, b) => b.nbf - a.nbf || a.index - b.index);
    const best = usable[0];
    if (!best) throw new CardframeError('ERR_KEY_NOT_FOUND', this.#expired ? 'the issuer keys are past their maximum age and could not be refreshed' : 'no usable issuer key');
    return best.key;
  }

  /** The held key with this `kid`, if any. */
  async find(kid: string): Promise<K | undefined> {
    if (this.#stale()) await this.#load();
    this.#dropExpired();
    return this.#held.find((held) => held.key.kid === kid)?.key;
  }

  /**
   * Fetches the set again, unless the last fetch was within the cooldown.
   * Resolves true when a fresh set was loaded.
   */
  refresh(): Promise<boolean> {
    return this.#load(true);
  }

  /**
   * Runs `operation` with the preferred key. If it fails in a way
   * `keyWasRejected` recognises (the issuer no longer knows the key), the set
   * is refreshed and, if that yields a different preferred key, the operation
   * runs once more with it.
   */
  async run<T>(operation: (key: K) => Promise<T>, keyWasRejected: (error: unknown) => boolean): Promise<T> {
    const key = await this.preferred();
    try {
      return await operation(key);
    } catch (error) {
      if (!keyWasRejected(error) || !(await this.refresh())) throw error;
      const next = await this.preferred();
      if (next.kid === key.kid) throw error;
      return operation(next);
    }
  }

  /**
   * A fetched set older than the maximum age goes, however many refreshes
   * failed since: serving it longer would keep sealing to a key the issuer
   * may have retired because it leaked.
   */
  #dropExpired(): void {
    if ('keys' in this.#options.source || this.#held.length === 0) return;
    const maxAgeMs = this.#options.maxAgeMs ?? 3 * (this.#options.ttlMs ?? 10 * 60_000);
    if (this.#now() - this.#loadedAt < maxAgeMs) return;
    this.#held = [];
    this.#expired = true;
    this.#skipped = [{ kid: undefined, reason: 'the key set is past its maximum age and could not be refreshed' }];
  }

  #stale(): boolean {
    if ('keys' in this.#options.source) return this.#loadedAt === Number.NEGATIVE_INFINITY;
    return this.#now() - this.#loadedAt >= (this.#options.ttlMs ?? 10 * 60_000);
  }

  /** `fresh`: the set must be fetched after this call (a key was rejected), not just within a TTL. */
  #load(fresh = false): Promise<boolean> {
    if (this.#inFlight) return this.#inFlight;
    const pinned = 'keys' in this.#options.source;
    if (pinned && this.#loadedAt > Number.NEGATIVE_INFINITY) return Promise.resolve(false);
    // Every fetch after the first waits out the cooldown, whether asked for by
    // a rejection, a TTL or an empty ring after a failure.
    if (!pinned && this.#now() - this.#attemptedAt < (this.#options.cooldownMs ?? 30_000)) return Promise.resolve(false);
    this.#attemptedAt = this.#now();
    // A copy exactly a TTL old is already stale (see #stale), hence the + 1.
    const notBefore = fresh ? this.#attemptedAt : this.#attemptedAt - (this.#options.ttlMs ?? 10 * 60_000) + 1;
    this.#inFlight = this.#fetchAndImport(notBefore).finally(() => {
      this.#inFlight = undefined;
    });
    return this.#inFlight;
  }

  async #fetchAndImport(notBefore: number): Promise<boolean> {
    let jwks: readonly unknown[];
    let fetchedAt: number | undefined;
    try {
      if ('keys' in this.#options.source) jwks = this.#options.source.keys;
      else ({ keys: jwks, fetchedAt } = await this.#fetchJwks(this.#options.source.jwksUrl, notBefore));
    } catch (error) {
      // Keep serving what we have; a set that never loaded leaves the ring empty.
      if (this.#held.length === 0) this.#skipped = [{ kid: undefined, reason: error instanceof Error ? error.message : 'JWKS fetch failed' }];
      return false;
    }
    const kids = jwks.map((jwk) => (typeof jwk === 'object' && jwk !== null ? (jwk as Record<string, unknown>)['kid'] : undefined));
    const held: Held<K>[] = [];
    const skipped: SkippedKey[] = [];
    await Promise.all(
      jwks.map(async (jwk, index) => {
        const kid = typeof kids[index] === 'string' ? (kids[index] as string) : undefined;
        if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk)) return void skipped.push({ kid, reason: 'not a JWK object' });
        if (kid !== undefined && kids.filter((other) => other === kid).length > 1) return void skipped.push({ kid, reason: 'duplicate kid' });
        const record = jwk as Record<string, unknown>;
        const nbf = timeClaim(record['nbf'], Number.NEGATIVE_INFINITY);
        const exp = timeClaim(record['exp'], Number.POSITIVE_INFINITY);
        if (nbf === undefined || exp === undefined) return void skipped.push({ kid, reason: 'nbf/exp must be numbers' });
        try {
          held.push({ key: await this.#options.importKey(record), nbf, exp, index });
        } catch (error) {
          skipped.push({ kid, reason: error instanceof Error ? error.message : 'refused' });
        }
      }),
    );
    held.sort((a, b) => a.index - b.index);
    this.#held = held;
    this.#skipped = skipped;
    // A copy another context fetched ages from its fetch, so TTL and maximum age hold across frames.
    this.#loadedAt = Math.min(this.#now(), fetchedAt ?? Number.POSITIVE_INFINITY);
    this.#expired = false;
    if (skipped.length > 0) this.#options.onSkipped?.(skipped);
    return true;
  }

  async #fetchJwks(url: string, notBefore: number): Promise<{ keys: readonly unknown[]; fetchedAt: number | undefined }> {
    const timeoutMs = this.#options.timeoutMs ?? 5_000;
    // Bounds the wait for another context; a download gets the whole timeout from when it starts, so a
    // context that waited and then fetches for itself has as long as one that fetched at once. The
    // download's own timeout is wall-clock time: it bounds the network, not this loop.
    const wait = new AbortController();
    const stopWaiting = responsiveTimeout(timeoutMs, () => wait.abort(new DOMException('stopped waiting for another context', 'TimeoutError')));
    // Checked before a share stores it: a broken set is never handed to the other contexts.
    const download = async (): Promise<string> => {
      const text = await this.#download(url, AbortSignal.timeout(timeoutMs));
      parseKeySet(text);
      return text;
    };
    const share: KeySetShare = this.#options.share ?? (async (_url, load) => ({ text: await load.download() }));
    const { text, fetchedAt } = await share(url, { notBefore, signal: wait.signal, download })
      .catch((error: unknown) => {
        throw error instanceof CardframeError ? error : new CardframeError('ERR_KEY_NOT_FOUND', 'the issuer key set could not be fetched');
      })
      .finally(stopWaiting);
    // A copy from another context meets the same rules as a download.
    if (new TextEncoder().encode(text).byteLength > MAX_JWKS_BYTES) throw new CardframeError('ERR_KEY_NOT_FOUND', 'the issuer key set is too large');
    return { keys: parseKeySet(text), fetchedAt };
  }

  /** The set's text from the network: status, timeout and the streaming size cap checked. */
  async #download(url: string, signal: AbortSignal): Promise<string> {
    this.#fetches++;
    const fetcher = this.#options.fetch ?? fetch;
    // Aborted on timeout, and as soon as the body runs past the cap.
    const tooLarge = new AbortController();
    let response: Response;
    try {
      response = await fetcher(url, {
        credentials: 'omit',
        cache: 'no-store',
        redirect: 'error',
        headers: { accept: 'application/jwk-set+json, application/json' },
        signal: AbortSignal.any([signal, tooLarge.signal]),
      });
    } catch {
      throw new CardframeError('ERR_KEY_NOT_FOUND', 'the issuer key set could not be fetched');
    }
    if (!response.ok) {
      void response.body?.cancel().catch(() => {});
      throw new CardframeError('ERR_KEY_NOT_FOUND', `the issuer key set answered HTTP ${response.status}`);
    }
    return readCappedText(response, MAX_JWKS_BYTES, 'the issuer key set', () => tooLarge.abort());
  }
}

/** The `keys` of a JWKS text, or a typed error. */
function parseKeySet(text: string): readonly unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new CardframeError('ERR_KEY_NOT_FOUND', 'the issuer key set is not JSON');
  }
  const keys = (parsed as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys)) throw new CardframeError('ERR_KEY_NOT_FOUND', 'the issuer key set has no "keys" array');
  if (keys.length > MAX_KEYS) throw new CardframeError('ERR_KEY_NOT_FOUND', `the issuer key set has more than ${MAX_KEYS} keys`);
  return keys;
}
