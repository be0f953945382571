// The demo's stand-in for the cardholder's Ethereum wallet. A real page asks
// the browser wallet (EIP-1193 `personal_sign`); no wallet exists on this
// machine, so the merchant backend holds a throwaway account and signs for it.
import { privateKeyToAccount } from 'viem/accounts';

/**
 * A PUBLICLY KNOWN TEST KEY (the first Hardhat/Anvil development account).
 * Anyone can sign with it: it must never hold funds or bind a real card.
 */
export const SANDBOX_WALLET_TEST_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80' as const;

const account = privateKeyToAccount(SANDBOX_WALLET_TEST_KEY);

/** The stand-in wallet's address (EIP-55). */
export function sandboxWalletAddress(): `0x${string}` {
  return account.address;
}

/** EIP-191 `personal_sign` of `message` by the stand-in wallet, as a browser wallet would answer. */
export function signWithSandboxWallet(message: string): Promise<`0x${string}`> {
  return account.signMessage({ message });
}
