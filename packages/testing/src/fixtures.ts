import { test as base, expect } from '@playwright/test';
import { CardframePage } from './cardframe-page.ts';
import { startSandbox, type Sandbox, type SandboxOptions } from './sandbox.ts';

/** Per test: the page's cardframe driver, watching the host from before it opens. */
export interface CardframeFixtures {
  cardframe: CardframePage;
}

/** Per worker: the sandbox issuer and frame origin, and the options they start with (`test.use({ sandboxOptions })`). */
export interface CardframeWorkerFixtures {
  sandboxOptions: SandboxOptions;
  sandbox: Sandbox;
}

/** Playwright's `test` with the `sandbox` and `cardframe` fixtures. Extend it with your app's own. */
export const test = base.extend<CardframeFixtures, CardframeWorkerFixtures>({
  sandboxOptions: [{}, { option: true, scope: 'worker' }],
  sandbox: [
    async ({ sandboxOptions }, use) => {
      const sandbox = await startSandbox(sandboxOptions);
      await use(sandbox);
      await sandbox.close();
    },
    { scope: 'worker' },
  ],
  cardframe: async ({ page }, use) => {
    await use(await CardframePage.attach(page));
  },
});

export { expect };
