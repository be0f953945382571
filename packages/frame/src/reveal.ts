import { createRevealSession, openField } from '@cardframe/crypto';
import { parseIssuerCard, type FieldName, type HostResult } from '@cardframe/protocol';
import { formatExpiry, formatPan } from './format.ts';

/** Revealed values, formatted for display, keyed by field. */
export type RevealedValues = Partial<Record<FieldName, string>>;

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
): Promise<RevealedValues> {
  const { sessionId, fieldKey } = await createRevealSession(issuerKey);
  const { body } = await fetchCard(sessionId);
  const ciphertexts = parseIssuerCard(body, fields);
  const values: RevealedValues = {};
  await Promise.all(
    fields.map(async (field) => {
      if (field === 'expiry') {
        values.expiry = formatExpiry(ciphertexts.expiry!.month, ciphertexts.expiry!.year);
        return;
      }
      const text = await openField(fieldKey, ciphertexts[field]!, field);
      values[field] = field === 'pan' ? formatPan(text) : text;
    }),
  );
  return values;
}
