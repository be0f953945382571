/**
 * Names of the wallet adapters this frame build registers (see
 * `wallet-adapters.ts`); a deployment config picks one in
 * `provisioning.adapter`. Kept apart so the config check costs the frame's
 * first download no adapter code.
 */
export const WALLET_ADAPTER_NAMES = ['sandbox'] as const;

export type WalletAdapterName = (typeof WALLET_ADAPTER_NAMES)[number];
