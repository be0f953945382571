import { createRevealSession, openField, replyNonce } from '@cardframe/crypto';
import { CardframeError, parseIssuerCard, type FieldName, type HostResult, type ProfileMapping, type UnavailableFieldInfo } from '@cardframe/protocol';
import { formatExpiry } from './format.ts';
import type { FrameResponseKeys, ReplyVerifier } from './keys/key-format.ts';

/** Revealed values keyed by field: PAN digits, CVC, PIN, expiry as `MM/YY`. Formatting for display is the view's job. */
export type RevealedValues = Partial<Record<FieldName, string>>;

export { PROFILE_FIELDS } from './profile-fields.ts';

/** What one fetch opened, and the fields it could not show (a plaintext profile member the issuer's answer lacked). */
export interface RevealResult {
  readonly values: RevealedValues;
  readonly unavailable: readonly UnavailableFieldInfo[];
}

const DIGITS: Record<Exclude<FieldName, 'expiry'>, RegExp> = { pan: /^[0-9]{12,19}$/, cvc: /^[0-9]{3,4}$/, pin: /^[0-9]{4,12}$/ };

/**
 * One reveal, start to finish: a fresh session secret, the sessionid to the
 * host, the issuer's answer back, the requested fields opened. The secret
 * exists only as the non-extractable key inside this call and is garbage once
 * it returns; nothing is cached for the next reveal.
 */
export async function reveal(
  issuerKey: CryptoKey,
  fields: readonly FieldName[],
  fetchCard: (sessionId: string) => Promise<HostResult>,
  profile: ProfileMapping = {},
): Promise<RevealResult> {
  const { sessionId, fieldKey } = await createRevealSession(issuerKey);
  const { body } = await fetchCard(sessionId);
  const ciphertexts = parseIssuerCard(body, fields, profile);
  const values: RevealedValues = {};
  const unavailable: UnavailableFieldInfo[] = [];
  // Any encrypted field that fails fails the whole reveal (nothing half-shown);
  // only a plaintext profile member may be missing while the rest shows.
  await Promise.all(
    fields.map(async (field) => {
      if (field === 'expiry') {
        const expiry = ciphertexts.expiry!;
        if ('unavailable' in expiry) unavailable.push({ field, code: expiry.unavailable });
        else values.expiry = formatExpiry(expiry.month, expiry.year);
        return;
      }
      const text = await openField(fieldKey, ciphertexts[field]!, field);
      // Digits only, of a plausible length: anything else is not shown (nor echoed in the error).
      if (!DIGITS[field].test(text)) throw new CardframeError('ERR_MALFORMED_RESPONSE', `the decrypted ${field} is not in the expected format`);
      values[field] = text;
    }),
  );
  return { values, unavailable };
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function parseExpiry(value: unknown): string | undefined {
  const match = typeof value === 'string' ? /^(0[1-9]|1[0-2])\/(\d{2}|\d{4})$/.exec(value) : null;
  return match ? formatExpiry(Number(match[1]), Number(match[2])) : undefined;
}

/**
 * One reveal with a frame-held key pair (seed 000's second flow): the host
 * gets only the public key and a fresh nonce, the issuer answers with a JWE
 * (or an OpenPGP message) of `{"pan","cvc","expiry"}` to it, and only the key
 * it names opens it. Anyone holding the public key can encrypt to it, the
 * host included; with `verify` the plaintext must be the issuer's signature
 * over the card data, that key's kid and this request's nonce.
 */
export async function revealWithKeyPair(
  keys: Pick<FrameResponseKeys, 'current' | 'open'>,
  fields: readonly FieldName[],
  fetchEncrypted: (publicKey: Awaited<ReturnType<FrameResponseKeys['current']>>, nonce: string) => Promise<HostResult>,
  verify?: ReplyVerifier,
): Promise<RevealedValues> {
  const publicKey = await keys.current();
  const nonce = replyNonce();
  const { body } = await fetchEncrypted(publicKey, nonce);
  if (typeof body !== 'string') throw new CardframeError('ERR_MALFORMED_RESPONSE', 'the issuer response is not a sealed message');
  const { plaintext } = await keys.open(body.trim());
  let text: string;
  try {
    text = strictUtf8.decode(plaintext);
  } catch {
    throw new CardframeError('ERR_MALFORMED_RESPONSE', 'the decrypted card data is not text');
  } finally {
    plaintext.fill(0);
  }
  let card: Record<string, unknown>;
  if (verify) {
    card = await verify(text.trim(), { kid: publicKey.kid, nonce });
  } else {
    try {
      card = JSON.parse(text) as Record<string, unknown>;
    } catch {
      throw new CardframeError('ERR_MALFORMED_RESPONSE', 'the decrypted card data is not JSON');
    }
  }
  const values: RevealedValues = {};
  for (const field of fields) {
    const raw = card?.[field];
    const value = field === 'expiry' ? parseExpiry(raw) : typeof raw === 'string' && DIGITS[field].test(raw) ? raw : undefined;
    if (value === undefined) throw new CardframeError('ERR_MALFORMED_RESPONSE', `the decrypted card data has no valid "${field}"`);
    values[field] = value;
  }
  return values;
}
