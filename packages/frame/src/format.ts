import type { FieldName } from '@cardframe/protocol';

const MASK = '•';

/** PAN in groups of four, as printed on most cards: `4242 4242 4242 4242`. */
export function formatPan(pan: string): string {
  return pan.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}

/** Expiry as printed on the card: `MM/YY`. */
export function formatExpiry(month: number, year: number): string {
  return `${String(month).padStart(2, '0')}/${String(year % 100).padStart(2, '0')}`;
}

/** The masked placeholder shown for a field before it is revealed. */
export function maskedValue(field: FieldName): string {
  switch (field) {
    case 'pan':
      return formatPan(MASK.repeat(16));
    case 'cvc':
      return MASK.repeat(3);
    case 'expiry':
      return `${MASK}${MASK}/${MASK}${MASK}`;
    case 'pin':
      return MASK.repeat(4);
  }
}
