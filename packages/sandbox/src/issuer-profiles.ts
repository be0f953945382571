import type { CardResponse } from '@cardframe/issuer';

/**
 * How the sandbox spells seed 001's card profile. Issuers of the same seed
 * spell it differently (its schema names the members only loosely), so a
 * page can be tested against more than one:
 *
 * - `flat` (default): `expirationMonth: "12"`, `expirationYear: "2030"`, `last4`.
 * - `nested`: `card: { expiration: { month: 12, year: 30 }, lastFour: "4242" }`.
 * - `no-expiry`: no expiry at all, `last4` only.
 * - `custom`: names the frame cannot guess, `data: { validThru: { mm, yyyy }, panTail }`;
 *   a frame reads them through its config's `issuer.profile` paths.
 */
export const SANDBOX_PROFILES = ['flat', 'nested', 'no-expiry', 'custom'] as const;
export type SandboxProfile = (typeof SANDBOX_PROFILES)[number];

/** The `GET /card` body in `profile`'s spelling; the encrypted fields and everything else stay as they are. */
export function shapeCardProfile(response: CardResponse, profile: SandboxProfile): Record<string, unknown> {
  if (profile === 'flat') return { ...response };
  const { expirationMonth, expirationYear, last4, ...rest } = response;
  switch (profile) {
    case 'nested':
      return { ...rest, card: { expiration: { month: Number(expirationMonth), year: Number(expirationYear) % 100 }, lastFour: last4 } };
    case 'no-expiry':
      return { ...rest, last4 };
    case 'custom':
      return { ...rest, data: { validThru: { mm: expirationMonth, yyyy: Number(expirationYear) }, panTail: last4 } };
  }
}
