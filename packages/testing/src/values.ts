/**
 * How a secret value can look in text the host handled: the forms a careless
 * integration would produce (grouped, spaced, dashed, URL-encoded, base64),
 * matched as whole tokens so the ciphertext and key material that
 * legitimately pass through the host never count.
 */

/** One value to look for, with what the host may print instead of the value itself. */
export interface SecretPattern {
  /** The value as given, for the caller; never printed in full. */
  readonly value: string;
  /** A short masked form for messages, e.g. `42…4242`. */
  readonly label: string;
  /** True when `text` contains the value in one of its forms. */
  test(text: string): boolean;
}

// Digit strings this long are card-number-like: any separators between the
// digits still spell the number, and a run of digits that long does not turn
// up inside base64 ciphertext by chance (p ≈ (10/64)^8 per position).
const LONG = 8;
const SEPARATOR = '[\\s\\u00a0.\\-_/]{0,3}';

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

/** `42…4242` for long values, `•••` for short ones: enough to tell which, too little to leak in a CI log. */
export function maskValue(value: string): string {
  const digits = value.replace(/\D/g, '');
  if (digits.length >= LONG) return `${digits.slice(0, 2)}…${digits.slice(-4)}`;
  return '•'.repeat(Math.max(3, value.length));
}

/** Percent-decoding (and `+` as space, as in form bodies), where the text has any. */
export function decodedForms(text: string): string[] {
  if (!/%[0-9a-fA-F]{2}|\+/.test(text)) return [text];
  const forms = [text];
  for (const candidate of [text, text.replace(/\+/g, ' ')]) {
    try {
      forms.push(decodeURIComponent(candidate));
    } catch {
      forms.push(candidate.replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))));
    }
  }
  return forms;
}

/**
 * A matcher for `value`. Card-number-like values (8+ digits once spaces and
 * dashes are dropped) match with any separators between their digits and not
 * inside a longer digit run, plus their base64 text; anything shorter (CVC,
 * PIN) matches only as a token of its own, not beside letters, digits or
 * base64 punctuation.
 */
export function secretPattern(value: string): SecretPattern {
  if (value.trim() === '') throw new Error('an empty value cannot be looked for');
  const digits = value.replace(/[\s\-]/g, '');
  const label = maskValue(value);
  if (/^\d+$/.test(digits) && digits.length >= LONG) {
    const spaced = new RegExp(`(?<!\\d)${digits.split('').join(SEPARATOR)}(?!\\d)`);
    const grouped = digits.replace(/(.{4})(?=.)/g, '$1 ');
    const encoded = [digits, grouped].flatMap((form) => {
      const b64 = base64(form).replace(/=+$/, '');
      return [b64, b64.replace(/\+/g, '-').replace(/\//g, '_')];
    });
    return {
      value,
      label,
      test: (text) => decodedForms(text).some((form) => spaced.test(form) || encoded.some((e) => form.includes(e))),
    };
  }
  const token = new RegExp(`(?<![0-9A-Za-z+/])${escape(value)}(?![0-9A-Za-z+/=])`);
  return { value, label, test: (text) => decodedForms(text).some((form) => token.test(form)) };
}
