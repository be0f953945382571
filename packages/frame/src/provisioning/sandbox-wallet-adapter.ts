import type { WalletAdapterFactory } from './wallet-adapter.ts';

const TIMEOUT_MS = 10_000;

/**
 * The sandbox issuer's stand-in wallet: `POST {cardId, otp}` to its
 * `/sandbox/wallet/cards`, which redeems the code once. Any refusal is
 * `failed` with `ERR_PROVISIONING_FAILED`; the wallet's own reason (a used
 * or expired code) stays here, since the cardholder can only try again.
 */
export const sandboxWalletAdapter: WalletAdapterFactory = ({ endpoint }) => ({
  async push({ cardId, otp }) {
    try {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ cardId, otp }),
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      return response.ok ? { outcome: 'added' } : { outcome: 'failed', code: 'ERR_PROVISIONING_FAILED' };
    } catch {
      return { outcome: 'failed', code: 'ERR_PROVISIONING_FAILED' };
    }
  },
});
