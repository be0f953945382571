import { openField } from '@cardframe/crypto';
import { CardframeError, parseScopedCard, readCardExpiry, type EncryptedFieldJson, type JsonValue, type ProfileMapping } from '@cardframe/protocol';
import type { CardDisplay, ProvisioningCredentials } from './wallet-adapter.ts';

type Members = Readonly<Record<string, JsonValue>>;

const CARD_ID_KEYS = ['cardId', 'card_id', 'walletCardId', 'wallet_card_id'];
const OTP_KEYS = ['otp', 'oneTimePassword', 'one_time_password', 'code'];
const EXPIRES_KEYS = ['expiresAt', 'expires_at', 'expiry'];
const TOKEN = /^[\x21-\x7e]{1,512}$/;

const malformed = (what: string): CardframeError => new CardframeError('ERR_MALFORMED_RESPONSE', `the issuer's provisioning credentials ${what}`);

function isSealed(value: Members): value is Members & EncryptedFieldJson {
  return typeof value['data'] === 'string' && typeof value['iv'] === 'string';
}

// Strings or numbers, under any of the names issuers use; never echoed in an error.
function token(members: Members, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = members[key];
    const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
    if (typeof text === 'string' && TOKEN.test(text)) return text;
  }
  return undefined;
}

/**
 * Reads `provisioning` from the issuer's `GET /card?scope=provisioning`
 * answer: seed 001's plaintext object, or (what the sandbox sends with a
 * sessionid) that object's JSON sealed like `encryptedPan` as `{data, iv}`
 * under the session secret, opened with `fieldKey`. Also accepted: the
 * members nested as `provisioning.credentials` (an object or its JSON
 * text). Throws `ERR_MALFORMED_RESPONSE` naming no value.
 */
export async function readProvisioning(body: JsonValue, fieldKey: CryptoKey | undefined): Promise<ProvisioningCredentials> {
  let members: Members | undefined = parseScopedCard(body).provisioning;
  if (!members) throw malformed('are missing');
  if (isSealed(members)) {
    if (!fieldKey) throw malformed('are sealed, but no session was opened');
    members = asMembers(await openField(fieldKey, members, 'provisioning'));
  }
  const nested = members['credentials'];
  if (nested !== null && typeof nested === 'object' && !Array.isArray(nested)) members = nested as Members;
  else if (typeof nested === 'string') members = asMembers(nested);
  const cardId = token(members, CARD_ID_KEYS);
  const otp = token(members, OTP_KEYS);
  if (!cardId || !otp) throw malformed('lack a card id or a one-time code');
  const expiresAt = token(members, EXPIRES_KEYS);
  return { cardId, otp, ...(expiresAt ? { expiresAt } : {}), members };
}

function asMembers(text: string): Members {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw malformed('are not JSON');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw malformed('are not an object');
  return value as Members;
}

/** What a wallet may show of the card: last four, cardholder name, expiry, from the plaintext profile . */
export function readCardDisplay(body: JsonValue, mapping: ProfileMapping = {}): CardDisplay {
  let card: unknown = body;
  if (typeof body === 'string') {
    try {
      card = JSON.parse(body);
    } catch {
      card = {};
    }
  }
  if (card === null || typeof card !== 'object' || Array.isArray(card)) return {};
  const profile = card as Members;
  const expiry = readCardExpiry(profile, mapping);
  // Seed 001's top-level `last4` only: the reveal's reader of every spelling would join the frame's first download.
  const last4 = profile['last4'];
  const name = profile['name'];
  return {
    ...(typeof last4 === 'string' && /^\d{4}$/.test(last4) ? { last4 } : {}),
    ...(typeof name === 'string' && /^[\p{L}\p{M} .'-]{1,64}$/u.test(name) ? { cardholderName: name } : {}),
    ...('month' in expiry ? { expiry: { month: expiry.month, year: expiry.year } } : {}),
  };
}
