import { CardframeError } from '@cardframe/protocol';

/** The longest PIN any policy allows; every payload is as long as this one's. */
const MAX_PIN_DIGITS = 12;

/** Bytes in every PIN payload: `{"pin":"<12 digits>"}`. */
export const PIN_PAYLOAD_BYTES = '{"pin":""}'.length + MAX_PIN_DIGITS;

/**
 * Seed 002's `{"pin":"<NEW_PIN>"}`, padded with JSON whitespace before the
 * closing brace to {@link PIN_PAYLOAD_BYTES}, so every PIN from 4 to 12
 * digits seals to a message of the same length (A256GCM and OpenPGP
 * ciphertexts grow with the plaintext byte for byte; CBC rounds up only to
 * 16). It is still exactly the seed's JSON object, one `pin` member and
 * nothing else, so any JSON parser reads it as before.
 */
export function pinPayload(pin: string): Uint8Array {
  if (!/^[0-9]{1,12}$/.test(pin)) throw new CardframeError('ERR_PIN_DIGITS', 'a PIN is 1 to 12 digits');
  const json = JSON.stringify({ pin });
  return new TextEncoder().encode(`${json.slice(0, -1)}${' '.repeat(PIN_PAYLOAD_BYTES - json.length)}}`);
}
