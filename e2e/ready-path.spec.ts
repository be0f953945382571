import type { Route } from '@playwright/test';
import { expect, test } from './fixtures.ts';

// The reveal's acting chunk (session keys with jose, opening the issuer's answer) is fetched after `ready`.
const REVEAL_ACTIONS = /\/assets\/reveal-actions-[\w-]+\.js$/;

test.describe('the path to ready', () => {
  test('the card becomes ready while the reveal chunk is held back, and a reveal clicked before it arrives waits for it and then shows the card', async ({ host }) => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const held: Route[] = [];
    await host.page.route(REVEAL_ACTIONS, async (route) => {
      held.push(route);
      await released;
      await route.continue();
    });

    await host.open();
    await host.waitForReady();
    await expect(host.frame.locator('[data-field=pan]')).toHaveText('•••• •••• •••• ••••');
    // The frame asks for the chunk once it is ready and idle; it is still on its way.
    await expect.poll(() => held.length).toBeGreaterThan(0);

    const revealed = host.nextEvent<{ fields: string[] }>('cardframe-reveal');
    await host.frame.getByRole('button', { name: /Reveal/ }).click();
    await expect(host.frame.locator('cardframe-card-view')).toHaveAttribute('state', 'revealing');
    await expect(host.frame.locator('[data-field=pan]')).toHaveText('•••• •••• •••• ••••');

    release();
    expect(await revealed).toEqual({ fields: ['pan', 'expiry', 'cvc'] });
    await expect(host.frame.locator('[data-field=pan]')).toHaveText('4242 4242 4242 4242');
    expect(host.consoleErrors).toEqual([]);
  });

  test('every frame on the page becomes ready without a line in the console: the browser knows each feature the frame\'s Permissions-Policy names', async ({ host }) => {
    await host.open();
    await host.waitForReady();
    expect(host.console).toEqual([]);
  });
});
