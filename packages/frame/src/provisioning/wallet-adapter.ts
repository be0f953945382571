import type { ErrorCode, JsonValue, ProvisionOutcome } from '@cardframe/protocol';

/**
 * Seed 001's `provisioning` member as the frame read it: the wallet's card
 * id and a single-use code, whatever the issuer called them. Lives only in
 * the frame, for one push.
 */
export interface ProvisioningCredentials {
  /** The card id the wallet knows the card by (`cardId`, `card_id`, `walletCardId`). */
  readonly cardId: string;
  /** The single-use code that proves the issuer allowed this push (`otp`, `oneTimePassword`, `code`). */
  readonly otp: string;
  /** When the code stops working, as the issuer wrote it. */
  readonly expiresAt?: string;
  /** Every member the issuer sent, as sent: what a wallet needs beyond the two above (an opaque payment card, a network token). */
  readonly members: Readonly<Record<string, JsonValue>>;
}

/** What a wallet shows of the card while adding it; read from the issuer's plaintext profile, never the PAN. */
export interface CardDisplay {
  readonly last4?: string;
  readonly cardholderName?: string;
  readonly expiry?: { readonly month: number; readonly year: number };
}

/** How one push ended: added, cancelled by the cardholder, or failed with a typed code. */
export type WalletResult = { readonly outcome: Exclude<ProvisionOutcome, 'failed'> } | { readonly outcome: 'failed'; readonly code: ErrorCode };

/**
 * Pushes a card to a wallet. The frame calls `push` once per trusted click
 * on Add to wallet, inside that click's task chain, with credentials it has
 * just fetched; it drops them when `push` settles. An adapter talks only to
 * its configured `endpoint` (the frame's CSP allows that origin and no
 * other) and must never log, store or post the credentials anywhere else.
 * A rejection counts as `failed` with `ERR_PROVISIONING_FAILED`.
 */
export interface WalletAdapter {
  push(credentials: ProvisioningCredentials, card: CardDisplay): Promise<WalletResult>;
}

/** Makes an adapter for the deployment's `provisioning.endpoint`. */
export type WalletAdapterFactory = (options: { readonly endpoint: string }) => WalletAdapter;
