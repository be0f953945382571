/**
 * The plaintext card profile of seed 001's `GET /card` answer: expiry and
 * last four. The seed's schema names these members only loosely (nested
 * objects holding month, year and last four), so issuers spell them
 * differently; this reads every reasonable spelling, or the paths a frame
 * config names. The profile is neither encrypted nor signed: whoever relays
 * the answer can read and change it.
 */

import type { ProfileMapping } from './profile-mapping.ts';

export { PROFILE_MEMBERS, PROFILE_PATH_PATTERN } from './profile-mapping.ts';
export type { ProfileMapping, ProfileMember } from './profile-mapping.ts';

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
/** A candidate spelling: whether the issuer's JSON has it at all, and the value it reads as. */
type Candidate<T> = readonly [present: boolean, value: T | undefined];

/** Objects the profile may be nested in, besides the top level. */
const CONTAINERS = ['card', 'profile', 'cardProfile', 'details'];
/** Flat month/year pairs, as issuers spell them. */
const FLAT_EXPIRY = [
  ['expirationMonth', 'expirationYear'],
  ['expiryMonth', 'expiryYear'],
  ['expMonth', 'expYear'],
  ['exp_month', 'exp_year'],
];
/** One member holding the whole expiry, as `{month, year}` or a string. */
const WHOLE_EXPIRY = ['expiration', 'expiry', 'expirationDate', 'expiryDate'];
const LAST4 = ['last4', 'lastFour', 'last_four'];

function asObject(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

/** Own members only: a path never reaches `__proto__` or anything inherited. */
function member(value: unknown, key: string): unknown {
  const object = asObject(value);
  return object && Object.hasOwn(object, key) ? object[key] : undefined;
}

const at = (root: Json, path: string): unknown => path.split('.').reduce<unknown>(member, root);

/** `12`, `"03"`, `2030`, `"30"`: whole numbers within range; two-digit years are 20YY. */
function pair(m: unknown, y: unknown): CardExpiry | undefined {
  const month = typeof m === 'string' && /^\d{1,2}$/.test(m.trim()) ? Number(m) : m;
  const text = typeof y === 'number' && Number.isInteger(y) && y >= 0 ? String(y).padStart(2, '0') : typeof y === 'string' ? y.trim() : '';
  if (!/^(?:\d{2}|\d{4})$/.test(text) || typeof month !== 'number' || !Number.isInteger(month) || month < 1 || month > 12) return undefined;
  const year = Number(text) + (text.length === 2 ? 2000 : 0);
  return year >= 2000 && year <= 2999 ? { month, year } : undefined;
}

/** `{month, year}`, or `12/30`, `12/2030`, `1/30`, `12-2030`, `2030-12`, `2030-12-31` (ISO date). */
function wholeExpiry(value: unknown): CardExpiry | undefined {
  if (typeof value !== 'string') return asObject(value) && pair(member(value, 'month'), member(value, 'year'));
  const monthFirst = /^(\d{1,2})\s*[/-]\s*(\d{2}|\d{4})$/.exec(value.trim());
  const iso = /^(\d{4})-(\d{2})(?:-\d{2})?$/.exec(value.trim());
  return monthFirst ? pair(monthFirst[1], monthFirst[2]) : iso ? pair(iso[2], iso[1]) : undefined;
}

function last4(value: unknown): string | undefined {
  const text = typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 9999 ? String(value).padStart(4, '0') : value;
  return typeof text === 'string' && /^[0-9]{4}$/.test(text) ? text : undefined;
}

/**
 * The first candidate that reads is the value; if none does, the member is
 * malformed when some candidate was present, else missing.
 */
function firstReadable<T>(candidates: readonly Candidate<T>[]): T | { unavailable: ProfileGapCode } {
  const found = candidates.find(([, value]) => value !== undefined);
  if (found) return found[1]!;
  return { unavailable: candidates.some(([present]) => present) ? 'ERR_PROFILE_MALFORMED' : 'ERR_PROFILE_MISSING' };
}

/** The top level, then each known container object. */
const scopes = (card: Json): unknown[] => [card, ...CONTAINERS.map((key) => member(card, key))];

/** The expiry alone, as `readCardProfile` reads it. */
export function readCardExpiry(card: Readonly<Record<string, unknown>>, mapping: ProfileMapping = {}): CardProfile['expiry'] {
  const { expiry, expiryMonth, expiryYear } = mapping;
  if (expiry !== undefined) return firstReadable([[at(card, expiry) !== undefined, wholeExpiry(at(card, expiry))]]);
  if (expiryMonth !== undefined && expiryYear !== undefined) {
    const [m, y] = [at(card, expiryMonth), at(card, expiryYear)];
    return firstReadable([[m !== undefined || y !== undefined, pair(m, y)]]);
  }
  return firstReadable(
    scopes(card).flatMap((scope): Candidate<CardExpiry>[] => [
      ...FLAT_EXPIRY.map(([m, y]): Candidate<CardExpiry> => [member(scope, m!) !== undefined || member(scope, y!) !== undefined, pair(member(scope, m!), member(scope, y!))]),
      ...WHOLE_EXPIRY.map((key): Candidate<CardExpiry> => [member(scope, key) !== undefined, wholeExpiry(member(scope, key))]),
    ]),
  );
}

/**
 * Reads the profile of an issuer's card JSON object: flat
 * (`expirationMonth`/`expirationYear`, `expiryMonth`, `expMonth`,
 * `exp_month`), nested (`expiration: {month, year}`, `expiry`,
 * `expirationDate`, in the top level or a `card`/`profile` object) or a string
 * (`"12/30"`, `"12/2030"`, `"2030-12"`); numbers or strings; two- or
 * four-digit years; `last4`, `lastFour`, `last_four`. Never throws: a member
 * it cannot read is `unavailable` with the reason.
 */
export function readCardProfile(card: Readonly<Record<string, unknown>>, mapping: ProfileMapping = {}): CardProfile {
  const paths = mapping.last4 !== undefined ? [at(card, mapping.last4)] : scopes(card).flatMap((scope) => LAST4.map((key) => member(scope, key)));
  return { expiry: readCardExpiry(card, mapping), last4: firstReadable(paths.map((value): Candidate<string> => [value !== undefined, last4(value)])) };
}
