/**
 * The plaintext card profile of seed 001's `GET /card` answer: expiry and
 * last four. The seed's schema names these members only loosely (nested
 * objects holding month, year and last four), so issuers spell them
 * differently; this reads every reasonable spelling, or the paths a frame
 * config names. The profile is neither encrypted nor signed: whoever relays
 * the answer can read and change it.
 */

/** Profile members a frame config may point at an issuer's own names. */
export const PROFILE_MEMBERS = ['expiry', 'expiryMonth', 'expiryYear', 'last4'] as const;
export type ProfileMember = (typeof PROFILE_MEMBERS)[number];

/**
 * Where an issuer keeps its profile members, as dotted paths into its JSON
 * (`"card.validThru.month"`). `expiry` names one value (a string such as
 * `"12/30"` or an object with `month` and `year`); `expiryMonth` and
 * `expiryYear` come together instead. A named member is read only there.
 */
export type ProfileMapping = Partial<Record<ProfileMember, string>>;

/** A dotted path: up to 8 member names of letters, digits, `_`, `-` or `$`. */
export const PROFILE_PATH_PATTERN = /^[A-Za-z0-9_$-]{1,64}(?:\.[A-Za-z0-9_$-]{1,64}){0,7}$/;

/** Why a profile member could not be shown: nothing under any name it may have, or something that is not a valid value. */
export type ProfileGapCode = 'ERR_PROFILE_MISSING' | 'ERR_PROFILE_MALFORMED';

export interface CardExpiry {
  /** 1–12. */
  readonly month: number;
  /** Four digits; a two-digit year is read as 20YY. */
  readonly year: number;
}

/** What the profile holds, each member either read or the reason it could not be. */
export interface CardProfile {
  readonly expiry: CardExpiry | { readonly unavailable: ProfileGapCode };
  readonly last4: string | { readonly unavailable: ProfileGapCode };
}

type Json = Record<string, unknown>;

/** Objects the profile may be nested in, besides the top level. */
const CONTAINERS = ['card', 'profile', 'cardProfile', 'card_profile', 'details', 'cardDetails', 'card_details'] as const;
/** Flat month/year pairs, as issuers spell them. */
const FLAT_EXPIRY = [
  ['expirationMonth', 'expirationYear'],
  ['expiryMonth', 'expiryYear'],
  ['expMonth', 'expYear'],
  ['exp_month', 'exp_year'],
  ['expiration_month', 'expiration_year'],
  ['expiry_month', 'expiry_year'],
] as const;
/** One member holding the whole expiry, as an object or a string. */
const WHOLE_EXPIRY = ['expiration', 'expiry', 'expirationDate', 'expiryDate', 'expiration_date', 'expiry_date'] as const;
const MONTH_KEYS = ['month', 'mm', 'expMonth', 'exp_month'] as const;
const YEAR_KEYS = ['year', 'yy', 'yyyy', 'expYear', 'exp_year'] as const;
const LAST4 = ['last4', 'lastFour', 'last_four', 'last4Digits', 'last_4', 'panLast4'] as const;

function asObject(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

/** Own members only: a path never reaches `__proto__` or anything inherited. */
function member(object: Json, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

function at(root: Json, path: string): unknown {
  let node: unknown = root;
  for (const key of path.split('.')) {
    const object = asObject(node);
    if (!object) return undefined;
    node = member(object, key);
  }
  return node;
}

function month(value: unknown): number | undefined {
  const n = typeof value === 'string' && /^\s*\d{1,2}\s*$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 12 ? n : undefined;
}

function year(value: unknown): number | undefined {
  const text = typeof value === 'number' && Number.isInteger(value) && value >= 0 ? String(value).padStart(2, '0') : typeof value === 'string' ? value.trim() : undefined;
  if (text === undefined || !/^(?:\d{2}|\d{4})$/.test(text)) return undefined;
  const n = Number(text);
  const full = text.length === 2 ? 2000 + n : n;
  return full >= 2000 && full <= 2999 ? full : undefined;
}

function pair(m: unknown, y: unknown): CardExpiry | undefined {
  const mm = month(m);
  const yy = year(y);
  return mm === undefined || yy === undefined ? undefined : { month: mm, year: yy };
}

/** `12/30`, `12/2030`, `1/30`, `12-2030`, `2030-12`, `2030-12-31` (ISO date). */
function expiryText(text: string): CardExpiry | undefined {
  const trimmed = text.trim();
  const monthFirst = /^(\d{1,2})\s*[/-]\s*(\d{2}|\d{4})$/.exec(trimmed);
  if (monthFirst) return pair(monthFirst[1], monthFirst[2]);
  const iso = /^(\d{4})-(\d{2})(?:-\d{2})?$/.exec(trimmed);
  return iso ? pair(iso[2], iso[1]) : undefined;
}

/** One value holding the whole expiry: a string, or an object with month and year under a known name. */
function wholeExpiry(value: unknown): CardExpiry | undefined {
  if (typeof value === 'string') return expiryText(value);
  const object = asObject(value);
  if (!object) return undefined;
  const m = MONTH_KEYS.map((key) => member(object, key)).find((v) => v !== undefined);
  const y = YEAR_KEYS.map((key) => member(object, key)).find((v) => v !== undefined);
  return pair(m, y);
}

function last4(value: unknown): string | undefined {
  const text = typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 9999 ? String(value).padStart(4, '0') : value;
  return typeof text === 'string' && /^[0-9]{4}$/.test(text) ? text : undefined;
}

/** The top level, then each known container object. */
function scopes(card: Json): Json[] {
  return [card, ...CONTAINERS.map((key) => asObject(member(card, key))).filter((scope): scope is Json => scope !== undefined)];
}

/**
 * Reads a member from its first candidate that is present: valid, it is the
 * value; present but invalid, the member is malformed; none present, missing.
 */
function firstPresent<T>(candidates: readonly (() => { present: boolean; value: T | undefined })[]): T | { unavailable: ProfileGapCode } {
  let malformed = false;
  for (const candidate of candidates) {
    const { present, value } = candidate();
    if (value !== undefined) return value;
    malformed ||= present;
  }
  return { unavailable: malformed ? 'ERR_PROFILE_MALFORMED' : 'ERR_PROFILE_MISSING' };
}

function readExpiry(card: Json, mapping: ProfileMapping): CardProfile['expiry'] {
  if (mapping.expiry !== undefined) {
    const value = at(card, mapping.expiry);
    return firstPresent([() => ({ present: value !== undefined, value: wholeExpiry(value) })]);
  }
  if (mapping.expiryMonth !== undefined && mapping.expiryYear !== undefined) {
    const m = at(card, mapping.expiryMonth);
    const y = at(card, mapping.expiryYear);
    return firstPresent([() => ({ present: m !== undefined || y !== undefined, value: pair(m, y) })]);
  }
  const candidates = scopes(card).flatMap((scope) => [
    ...FLAT_EXPIRY.map(([m, y]) => () => ({ present: member(scope, m) !== undefined || member(scope, y) !== undefined, value: pair(member(scope, m), member(scope, y)) })),
    ...WHOLE_EXPIRY.map((key) => () => ({ present: member(scope, key) !== undefined, value: wholeExpiry(member(scope, key)) })),
  ]);
  return firstPresent(candidates);
}

function readLast4(card: Json, mapping: ProfileMapping): CardProfile['last4'] {
  const paths = mapping.last4 !== undefined ? [mapping.last4] : scopes(card).flatMap((scope) => LAST4.map((key) => ({ scope, key })));
  return firstPresent(
    paths.map((path) => () => {
      const value = typeof path === 'string' ? at(card, path) : member(path.scope, path.key);
      return { present: value !== undefined, value: last4(value) };
    }),
  );
}

/**
 * Reads the profile of an issuer's card JSON object: flat
 * (`expirationMonth`/`expirationYear`, `expiryMonth`, `expMonth`,
 * `exp_month`, …), nested (`expiration: {month, year}`, `expiry`,
 * `expirationDate`, in the top level or a `card`/`profile` object) or a string
 * (`"12/30"`, `"12/2030"`, `"2030-12"`); numbers or strings; two- or
 * four-digit years. Never throws: a member it cannot read is `unavailable`
 * with the reason.
 */
export function readCardProfile(card: Readonly<Record<string, unknown>>, mapping: ProfileMapping = {}): CardProfile {
  return { expiry: readExpiry(card, mapping), last4: readLast4(card, mapping) };
}
