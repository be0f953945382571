import { readCardExpiry, type CardExpiry, type ProfileGapCode, type ProfileMapping } from './card-profile.ts';
import { CardframeError } from './errors.ts';
import type { FieldName, JsonValue } from './messages.ts';

/** An AES-GCM field as the issuer sends it: `data` (ciphertext + 16-byte tag) and `iv`, both base64. */
export interface EncryptedFieldJson {
  readonly data: string;
  readonly iv: string;
}

/**
 * The issuer's `GET /card` answer (seed 001): a card profile, plus
 * `encryptedPan`, `encryptedCvc` and `pin` when a `sessionid` was sent.
 * Only the fields cardframe reads are typed here.
 */
export interface IssuerCardJson {
  readonly id?: string;
  readonly last4?: string;
  readonly expirationMonth?: string | number;
  readonly expirationYear?: string | number;
  readonly encryptedPan?: EncryptedFieldJson;
  readonly encryptedCvc?: EncryptedFieldJson;
  readonly pin?: EncryptedFieldJson;
}

/** A profile field the issuer's answer did not hold in a readable form, and why. */
export interface UnavailableField {
  readonly unavailable: ProfileGapCode;
}

/** What a reveal needs from the issuer's answer, for the requested fields only. */
export interface CardCiphertexts {
  readonly pan?: EncryptedFieldJson;
  readonly cvc?: EncryptedFieldJson;
  readonly pin?: EncryptedFieldJson;
  /**
   * Expiry is part of the card profile: plaintext, not authenticated, and
   * `unavailable` (not an error) when absent or unreadable.
   */
  readonly expiry?: CardExpiry | UnavailableField;
}

const MAX_FIELD_CHARS = 4096;
const ENCRYPTED_KEYS = { pan: 'encryptedPan', cvc: 'encryptedCvc', pin: 'pin' } as const;

function malformed(message: string): CardframeError {
  return new CardframeError('ERR_MALFORMED_RESPONSE', message);
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function encryptedField(card: Record<string, unknown>, key: string): EncryptedFieldJson {
  const field = asObject(card[key]);
  if (!field) throw malformed(`issuer response has no "${key}" object`);
  const { data, iv } = field;
  if (typeof data !== 'string' || typeof iv !== 'string' || data.length > MAX_FIELD_CHARS || iv.length > MAX_FIELD_CHARS) {
    throw malformed(`issuer response "${key}" needs string "data" and "iv"`);
  }
  return { data, iv };
}

/**
 * Reads the issuer's card JSON (as text or parsed) and picks the requested
 * fields. An encrypted field missing or mistyped is an
 * `ERR_MALFORMED_RESPONSE` for the whole answer; a profile field (expiry) in
 * any reasonable shape is read (see `readCardProfile`, or the frame config's
 * `mapping`), and one that cannot be read is marked `unavailable` instead,
 * unless nothing requested is left to show. Errors name the field, never its
 * content.
 */
export function parseIssuerCard(body: JsonValue, fields: readonly FieldName[], mapping: ProfileMapping = {}): CardCiphertexts {
  let parsed: unknown = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body);
    } catch {
      throw malformed('issuer response is not JSON');
    }
  }
  const card = asObject(parsed);
  if (!card) throw malformed('issuer response is not a JSON object');
  const out: { -readonly [K in keyof CardCiphertexts]: CardCiphertexts[K] } = {};
  for (const name of fields) {
    if (name === 'expiry') {
      out.expiry = readCardExpiry(card, mapping);
    } else {
      out[name] = encryptedField(card, ENCRYPTED_KEYS[name]);
    }
  }
  if (fields.every((name) => name === 'expiry') && out.expiry && 'unavailable' in out.expiry) throw malformed('issuer response has no readable expiry');
  return out;
}
