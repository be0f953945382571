import { expect, pgpChunkRequests, test } from './fixtures.ts';

test('key-pair mode: the host passes the frame\'s public key, the issuer answers with a JWE only the frame opens', async ({ host }) => {
  await host.open();
  const frame = host.page.frameLocator('#card-keypair iframe');
  const sent = host.page.waitForRequest((request) => request.url().endsWith('/api/card-details')).then((request) => request.postDataJSON() as { public_key: Record<string, string> });
  const answered = host.page.waitForResponse((response) => response.url().endsWith('/api/card-details')).then((response) => response.text());
  await frame.getByRole('button', { name: /Reveal/ }).click();

  await expect(frame.locator('[data-field=pan]')).toHaveText('4242 4242 4242 4242');
  await expect(frame.locator('[data-field=cvc]')).toHaveText('123');
  await expect(frame.locator('[data-field=expiry]')).toHaveText('12/30');

  const { public_key: publicKey } = await sent;
  expect(publicKey).toMatchObject({ kty: 'EC', crv: 'P-256', use: 'enc', alg: 'ECDH-ES' });
  expect(publicKey).not.toHaveProperty('d');
  const jwe = await answered;
  expect(jwe.split('.')).toHaveLength(5);
  const header = JSON.parse(Buffer.from(jwe.split('.')[0]!, 'base64url').toString()) as Record<string, string>;
  expect(header).toMatchObject({ alg: 'ECDH-ES', enc: 'A256GCM', kid: publicKey['kid'] });

  await host.expectNothingLeaked(['4242424242424242', '123']);
});

test('key-pair mode refuses a response the host substitutes, sealed to a key the frame never made', async ({ host }) => {
  await host.open();
  const frame = host.page.frameLocator('#card-keypair iframe');
  await expect(frame.getByRole('button', { name: /Reveal/ })).toBeEnabled();
  await host.page.evaluate(() => {
    const card = document.querySelector('#card-keypair') as HTMLElement & { fetchEncryptedCard: (key: JsonWebKey) => Promise<Response> };
    card.fetchEncryptedCard = async (publicKey) => {
      // Ask the issuer to encrypt to a key of the host's own, under the frame's kid.
      const own = (await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits'])) as CryptoKeyPair;
      const jwk = { ...(await crypto.subtle.exportKey('jwk', own.publicKey)), kid: (publicKey as { kid: string }).kid, use: 'enc', alg: 'ECDH-ES' };
      return fetch('/api/card-details', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ public_key: jwk }) });
    };
  });
  const failure = host.nextEvent<{ code: string }>('cardframe-error', '#card-keypair');
  await frame.getByRole('button', { name: /Reveal/ }).click();
  expect(await failure).toMatchObject({ code: 'ERR_DECRYPT_FAILED' });
  await expect(frame.getByRole('alert')).toBeVisible();
  await expect(frame.locator('[data-field=pan]')).toHaveText('•••• •••• •••• ••••');
});

test('a frame for a JWE issuer (the default) never downloads the OpenPGP chunk', async ({ host }) => {
  const chunks = pgpChunkRequests(host);
  await host.open();
  const frame = host.page.frameLocator('#card-keypair iframe');
  await frame.getByRole('button', { name: /Reveal/ }).click();
  await expect(frame.locator('[data-field=pan]')).toHaveText('4242 4242 4242 4242');
  await expect(host.pinFrame.getByRole('button', { name: 'Set PIN' })).toBeEnabled();
  expect(chunks).toEqual([]);
});
