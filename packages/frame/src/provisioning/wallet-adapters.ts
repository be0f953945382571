import type { WalletAdapterFactory } from './wallet-adapter.ts';

/**
 * The wallet adapters built into this frame, by the name a deployment config
 * gives in `provisioning.adapter`. Each loads only when used. The host can
 * neither pick nor supply one: only the config file names it, and only a
 * frame build can add one here.
 */
export const WALLET_ADAPTERS: Readonly<Record<string, () => Promise<WalletAdapterFactory>>> = {
  sandbox: async () => (await import('./sandbox-wallet-adapter.ts')).sandboxWalletAdapter,
};

/** The adapter factory registered as `name`; `undefined` for a name this build does not have. */
export function walletAdapter(name: string): Promise<WalletAdapterFactory> | undefined {
  return Object.hasOwn(WALLET_ADAPTERS, name) ? WALLET_ADAPTERS[name]!() : undefined;
}
