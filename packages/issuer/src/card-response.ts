import type { IssuerCardJson } from '@cardframe/protocol';
import { sealField } from './seal-field.ts';

/** A card as the issuer holds it. */
export interface CardRecord {
  readonly id: string;
  readonly pan: string;
  readonly cvc: string;
  readonly pin: string;
  readonly expirationMonth: number;
  readonly expirationYear: number;
  readonly name?: string;
  readonly status?: string;
}

/** The `GET /card` body: the profile always, and the sealed fields when a session secret is given. */
export type CardResponse = IssuerCardJson & { readonly name?: string; readonly status?: string };

/**
 * Builds the `GET /card` answer. Without `secret` only the profile is
 * returned, as the API does without a `sessionid` header.
 */
export function buildCardResponse(card: CardRecord, secret?: Uint8Array): CardResponse {
  const profile = {
    id: card.id,
    ...(card.name === undefined ? {} : { name: card.name }),
    expirationMonth: String(card.expirationMonth).padStart(2, '0'),
    expirationYear: String(card.expirationYear),
    last4: card.pan.slice(-4),
    ...(card.status === undefined ? {} : { status: card.status }),
  };
  if (!secret) return profile;
  return {
    ...profile,
    encryptedPan: sealField(secret, card.pan),
    encryptedCvc: sealField(secret, card.cvc),
    pin: sealField(secret, card.pin),
  };
}
