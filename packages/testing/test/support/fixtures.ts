import { test as kit } from '../../src/index.ts';
import { startHostApp, type HostApp } from './host-app.ts';

/** The kit's fixtures plus a host page that embeds the sandbox's frame. */
export const test = kit.extend<{ openHost: (query?: string) => Promise<void> }, { hostApp: HostApp }>({
  hostApp: [
    async ({ sandbox }, use) => {
      const app = await startHostApp(sandbox);
      await use(app);
      await app.close();
    },
    { scope: 'worker' },
  ],
  openHost: async ({ page, hostApp, cardframe }, use) => {
    // Asking for `cardframe` first makes it watch the page before it opens.
    void cardframe;
    await use(async (query = '') => {
      await page.goto(`${hostApp.url}${query}`);
    });
  },
});

export { expect } from '../../src/index.ts';
