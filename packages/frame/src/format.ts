import type { FieldName } from '@cardframe/protocol';

const MASK = '•';

/**
 * Digit groups a card prints its number in. Amex (34/37) is 4-6-5, Diners
 * (36, 14 digits) 4-6-4; everything else is fours, which also covers 19-digit
 * PANs (4-4-4-4-3).
 */
export function panGroups(length: number, prefix: string): readonly number[] {
  if (length === 15 && /^3[47]/.test(prefix)) return [4, 6, 5];
  if (length === 14 && /^3(?:6|0[0-5]|8|9)/.test(prefix)) return [4, 6, 4];
  const groups: number[] = [];
  for (let left = length; left > 0; left -= 4) groups.push(Math.min(4, left));
  return groups;
}

function group(digits: string, groups: readonly number[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const size of groups) {
    if (at >= digits.length) break;
    parts.push(digits.slice(at, at + size));
    at += size;
  }
  if (at < digits.length) parts.push(digits.slice(at));
  return parts.join(' ');
}

/** PAN grouped as printed on the card: `4242 4242 4242 4242`, `3782 822463 10005`. */
export function formatPan(pan: string): string {
  const digits = pan.replace(/\s+/g, '');
  return group(digits, panGroups(digits.length, digits));
}

/** Expiry as printed on the card: `MM/YY`. */
export function formatExpiry(month: number, year: number): string {
  return `${String(month).padStart(2, '0')}/${String(year % 100).padStart(2, '0')}`;
}

/** What the frame may show of a PAN while it is masked: its shape and last four (PCI DSS allows both). */
export interface PanHint {
  readonly length?: number;
  /** First digits, only to pick the brand's grouping; never shown. */
  readonly prefix?: string;
  readonly last4?: string;
}

/** A revealed value as the cardholder sees it. */
export function formatValue(field: FieldName, value: string): string {
  return field === 'pan' ? formatPan(value) : value;
}

/** The masked placeholder shown for a field before it is revealed; the PAN keeps its last four when known. */
export function maskedValue(field: FieldName, hint: PanHint = {}): string {
  switch (field) {
    case 'pan': {
      const length = hint.length ?? 16;
      const last4 = hint.last4 ?? '';
      return group(MASK.repeat(length - last4.length) + last4, panGroups(length, hint.prefix ?? ''));
    }
    case 'cvc':
      return MASK.repeat(3);
    case 'expiry':
      return `${MASK}${MASK}/${MASK}${MASK}`;
    case 'pin':
      return MASK.repeat(4);
  }
}

/** The value as copied to the clipboard: digits only for the PAN, as forms expect. */
export function copyText(field: FieldName, value: string): string {
  return field === 'pan' ? value.replace(/\s+/g, '') : value;
}
