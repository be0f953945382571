import { sandboxWalletAdapter } from './sandbox-wallet-adapter.ts';
import type { WalletAdapterFactory } from './wallet-adapter.ts';
import type { WalletAdapterName } from './wallet-adapter-names.ts';

/**
 * The wallet adapters built into this frame, by the name a deployment config
 * gives in `provisioning.adapter`. They load with Add to wallet, never in the
 * frame's first download. The host can neither pick nor supply one: only the
 * config file names it, and only a frame build can add one (here and in
 * `WALLET_ADAPTER_NAMES`).
 */
export const WALLET_ADAPTERS: Readonly<Record<WalletAdapterName, WalletAdapterFactory>> = {
  sandbox: sandboxWalletAdapter,
};
