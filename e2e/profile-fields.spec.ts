import { expect, test } from './fixtures.ts';

test('a session-key reveal marks expiry as from the plaintext card profile, which the host can read and alter; a signed key-pair reveal does not', async ({ host }) => {
  await host.open();
  await host.waitForReady();
  // The host relays seed 001's answer, whose profile (expiry, last4) is plaintext: it can change it on the way.
  await host.page.evaluate(() => {
    const card = document.querySelector('#card') as HTMLElement & { fetchCardData: (sessionId: string) => Promise<unknown> };
    card.fetchCardData = async (sessionId) => {
      const body = (await (await fetch('/api/card', { headers: { sessionid: sessionId } })).json()) as Record<string, unknown>;
      return { ...body, expirationMonth: '01', expirationYear: '2031' };
    };
  });
  await host.frame.getByRole('button', { name: /Reveal/ }).click();
  await expect(host.frame.locator('[data-field=pan]')).toHaveText('4242 4242 4242 4242');
  const expiry = host.frame.locator('[data-field=expiry]');
  await expect(expiry).toHaveText('01/31');
  await expect(expiry).toHaveAttribute('data-source', 'profile');
  await expect(expiry).toHaveAccessibleDescription(/card profile/);
  await expect(host.frame.locator('[data-field=pan]')).not.toHaveAttribute('data-source', /.*/);

  const keyPair = host.page.frameLocator('#card-keypair iframe');
  await keyPair.getByRole('button', { name: /Reveal/ }).click();
  await expect(keyPair.locator('[data-field=expiry]')).toHaveText('12/30');
  await expect(keyPair.locator('[data-field=expiry]')).not.toHaveAttribute('data-source', /.*/);
});
