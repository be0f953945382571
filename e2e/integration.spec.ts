import { startDemo, startSandboxIssuer } from '@cardframe/demo';
import { expect, test } from './fixtures.ts';

test('mountCard resolves once the frame is ready, reveals, and destroy removes the frame', async ({ host }) => {
  await host.open();
  await host.waitForReady();
  const fields = await host.page.evaluate(async (frameUrl) => {
    const { mountCard } = (window as unknown as { cardframe: typeof import('@cardframe/sdk') }).cardframe;
    const container = document.createElement('div');
    container.id = 'second';
    document.body.append(container);
    const card = await mountCard(container, {
      frameUrl,
      fields: ['pan'],
      fetchCardData: (sessionId) => fetch('/api/card', { headers: { sessionid: sessionId } }),
    });
    (window as unknown as { __card: typeof card }).__card = card;
    return card.fields;
  }, host.demo.frameUrl);
  expect(fields).toEqual(['pan']);

  const second = host.page.frameLocator('#second cardframe-card iframe');
  await second.getByRole('button', { name: /Reveal/ }).click();
  await expect(second.locator('[data-field=pan]')).toHaveText('4242 4242 4242 4242');
  await expect(second.locator('[data-field=cvc]')).toHaveCount(0);

  await host.page.evaluate(() => (window as unknown as { __card: { destroy(): void } }).__card.destroy());
  await expect(host.page.locator('#second iframe')).toHaveCount(0);
});

test('the demo reveals against another issuer given only its URL and public key (SHA-256 OAEP)', async ({ page }) => {
  const issuer = await startSandboxIssuer({ oaepHash: 'sha256' });
  const demo = await startDemo({ issuer: { url: issuer.url, publicKeyPem: issuer.sessionKeyPem, oaepHash: 'SHA-256' } });
  try {
    expect(demo.issuer).toBeUndefined();
    await page.goto(demo.merchantUrl);
    const frame = page.frameLocator('#card iframe');
    await frame.getByRole('button', { name: /Reveal/ }).click();
    await expect(frame.locator('[data-field=pan]')).toHaveText('4242 4242 4242 4242');
    await expect(frame.locator('[data-field=expiry]')).toHaveText('12/30');
  } finally {
    await demo.close();
    await issuer.close();
  }
});

test('a frame configured with the wrong OAEP hash fails the reveal with a typed error, not a crash', async ({ page }) => {
  const issuer = await startSandboxIssuer({ oaepHash: 'sha256' });
  const demo = await startDemo({ issuer: { url: issuer.url, publicKeyPem: issuer.sessionKeyPem, oaepHash: 'SHA-1' } });
  try {
    await page.goto(demo.merchantUrl);
    const error = page.evaluate(() => new Promise((resolve) => document.querySelector('#card')!.addEventListener('cardframe-error', (e) => resolve((e as CustomEvent).detail), { once: true })));
    await page.frameLocator('#card iframe').getByRole('button', { name: /Reveal/ }).click();
    expect(await error).toMatchObject({ code: 'ERR_ISSUER_REQUEST', status: 400 });
  } finally {
    await demo.close();
    await issuer.close();
  }
});

test('several cards on one page each reveal through their own frame without leaking to the host', async ({ host }) => {
  await host.open();
  await host.waitForReady();
  await host.page.evaluate(async (frameUrl) => {
    const { mountCard } = (window as unknown as { cardframe: typeof import('@cardframe/sdk') }).cardframe;
    for (let i = 0; i < 3; i++) {
      const box = document.createElement('div');
      box.className = 'extra';
      document.body.append(box);
      await mountCard(box, { frameUrl, fetchCardData: (sessionId) => fetch('/api/card', { headers: { sessionid: sessionId } }) });
    }
  }, host.demo.frameUrl);
  for (let i = 0; i < 3; i++) {
    const frame = host.page.frameLocator('.extra cardframe-card iframe').nth(i);
    await frame.getByRole('button', { name: /Reveal/ }).click();
    await expect(frame.locator('[data-field=cvc]')).toHaveText('123');
  }
  await host.expectNothingLeaked(['4242424242424242', '123']);
});
