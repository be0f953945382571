import { test as cardframeTest } from '@cardframe/testing';
import { startWallet, type Wallet } from '../server.ts';

/** The kit's fixtures plus our wallet, started once per worker against the sandbox issuer. */
export const test = cardframeTest.extend<{ openWallet: () => Promise<void> }, { wallet: Wallet }>({
  wallet: [
    async ({ sandbox }, use) => {
      const wallet = await startWallet({ port: 0, issuerUrl: sandbox.issuerUrl, frameUrl: sandbox.frameUrl, cardId: sandbox.card().id });
      sandbox.allowHostOrigin(wallet.url);
      await use(wallet);
      await wallet.close();
    },
    { scope: 'worker' },
  ],
  // Opens the wallet with the kit already watching the page.
  openWallet: async ({ page, wallet, cardframe }, use) => {
    await use(async () => {
      await page.goto(wallet.url);
      await cardframe.waitForReady('main');
    });
  },
});

export { expect } from '@cardframe/testing';
