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

/** What a reveal needs from the issuer's answer, for the requested fields only. */
export interface CardCiphertexts {
  readonly pan?: EncryptedFieldJson;
  readonly cvc?: EncryptedFieldJson;
  readonly pin?: EncryptedFieldJson;
  /** Expiry is part of the card profile and is not encrypted by the issuer. */
  readonly expiry?: { readonly month: number; readonly year: number };
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

function integer(value: unknown, min: number, max: number): number | undefined {
  const n = typeof value === 'string' && /^\d{1,4}$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max ? n : undefined;
}

/**
 * Reads the issuer's card JSON (as text or parsed) and picks the requested
 * fields. Anything missing or mistyped is an `ERR_MALFORMED_RESPONSE`; the
 * error names the field, never its content.
 */
export function parseIssuerCard(body: JsonValue, fields: readonly FieldName[]): CardCiphertexts {
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
      const month = integer(card['expirationMonth'], 1, 12);
      const year = integer(card['expirationYear'], 2000, 2999);
      if (month === undefined || year === undefined) throw malformed('issuer response has no valid "expirationMonth" and "expirationYear"');
      out.expiry = { month, year };
    } else {
      out[name] = encryptedField(card, ENCRYPTED_KEYS[name]);
    }
  }
  return out;
}
