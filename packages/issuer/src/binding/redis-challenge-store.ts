import { DEFAULT_CHALLENGE_GRACE_MS, type ChallengePurpose, type ChallengeRecord, type ChallengeStore, type ChallengeTake } from './challenge-store.ts';

/**
 * The one Redis command the store needs, as node-redis (`redis`) clients have
 * it: `client.eval(script, {keys, arguments})`. For ioredis, pass
 * `{ eval: (s, o) => ioredis.eval(s, o.keys.length, ...o.keys, ...o.arguments) }`.
 */
export interface RedisScriptClient {
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

export interface RedisChallengeStoreOptions {
  /** Prepended to every key; default `cardframe:challenge:`. */
  readonly prefix?: string;
  /** Kept this long past expiry so late takes read `expired`/`used`; default 15 minutes. */
  readonly graceMs?: number;
  /** The clock that sets key TTLs; default `Date.now`. */
  readonly now?: () => number;
}

// The record and its "used" mark are two keys in one hash slot (the {nonce}
// tag), so both scripts stay atomic on a cluster too. The mark expires at the
// record's own instant (PEXPIRETIME, Redis 7): a TTL read with PTTL and set
// again with PX drifts by however many milliseconds pass between the two.
const PUT = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1`;

const TAKE = `
local value = redis.call('GET', KEYS[1])
if not value then return {'unknown'} end
local record = cjson.decode(value)
if record.cardId ~= ARGV[1] or record.purpose ~= ARGV[2] then return {'unknown'} end
if redis.call('EXISTS', KEYS[2]) == 1 then return {'used', value} end
if tonumber(ARGV[3]) > tonumber(record.expiresAt) then return {'expired', value} end
local at = redis.pcall('PEXPIRETIME', KEYS[1])
if type(at) == 'number' and at > 0 then
  redis.call('SET', KEYS[2], '1', 'PXAT', at)
else
  local ttl = redis.call('PTTL', KEYS[1])
  if ttl < 1 then ttl = 1 end
  redis.call('SET', KEYS[2], '1', 'PX', ttl)
end
return {'taken', value}`;

/** A {@link ChallengeStore} in Redis, shared by every instance of an issuer. */
export class RedisChallengeStore implements ChallengeStore {
  readonly #client: RedisScriptClient;
  readonly #prefix: string;
  readonly #graceMs: number;
  readonly #now: () => number;

  constructor(client: RedisScriptClient, options: RedisChallengeStoreOptions = {}) {
    this.#client = client;
    this.#prefix = options.prefix ?? 'cardframe:challenge:';
    this.#graceMs = options.graceMs ?? DEFAULT_CHALLENGE_GRACE_MS;
    this.#now = options.now ?? Date.now;
  }

  #keys(key: string): string[] {
    const base = `${this.#prefix}{${key}}`;
    return [base, `${base}:used`];
  }

  async put(key: string, record: ChallengeRecord): Promise<void> {
    // Expiry as a string: Lua's cjson would round a large number on the way back.
    const value = JSON.stringify({ cardId: record.cardId, purpose: record.purpose, expiresAt: String(record.expiresAt), data: record.data ?? {} });
    const ttl = Math.max(1, Math.ceil(record.expiresAt - this.#now() + this.#graceMs));
    const stored = await this.#client.eval(PUT, { keys: this.#keys(key).slice(0, 1), arguments: [value, String(ttl)] });
    if (Number(stored) !== 1) throw new Error('challenge key already stored');
  }

  async take(key: string, expect: { readonly cardId: string; readonly purpose: ChallengePurpose }, now: number): Promise<ChallengeTake> {
    const reply = (await this.#client.eval(TAKE, { keys: this.#keys(key), arguments: [expect.cardId, expect.purpose, String(now)] })) as [string, string?];
    const [status, value] = reply;
    if (status === 'unknown' || value === undefined) return { status: 'unknown' };
    const parsed = JSON.parse(value) as { cardId: string; purpose: ChallengePurpose; expiresAt: string; data: Record<string, string> };
    const record: ChallengeRecord = { cardId: parsed.cardId, purpose: parsed.purpose, expiresAt: Number(parsed.expiresAt), data: parsed.data };
    if (status === 'taken' || status === 'used' || status === 'expired') return { status, record };
    return { status: 'unknown' };
  }
}
