import { constants, publicEncrypt, randomBytes } from 'node:crypto';
import { expect, loopbackUrl, mountExpectingError, test, type HostPage } from './fixtures.ts';

const HONEST = `(sessionId) => fetch('/api/card', { headers: { sessionid: sessionId } })`;

/** After a failure: the frame shows an error, every field is masked, and an honest retry works. */
async function expectErrorStateThenRetry(host: HostPage): Promise<void> {
  await expect(host.frame.getByRole('alert')).toBeVisible();
  await expect(host.frame.locator('[data-field=pan]')).toHaveText('•••• •••• •••• ••••');
  await expect(host.frame.locator('[data-field=cvc]')).toHaveText('•••');
  await host.setFetchCardData(HONEST);
  await host.frame.getByRole('button', { name: /Reveal/ }).click();
  await expect(host.frame.locator('[data-field=pan]')).toHaveText('4242 4242 4242 4242');
  await expect(host.frame.getByRole('alert')).toHaveCount(0);
}

test.describe('bad input ends in a typed error and the card can retry', () => {
  test.beforeEach(async ({ host }) => {
    await host.open();
    await host.waitForReady();
  });

  test('a tampered tag gives ERR_DECRYPT_FAILED', async ({ host }) => {
    await host.setFetchCardData(`async (sessionId) => {
      const card = await (await fetch('/api/card', { headers: { sessionid: sessionId } })).json();
      const bytes = Uint8Array.from(atob(card.encryptedPan.data), (c) => c.charCodeAt(0));
      bytes[bytes.length - 1] ^= 1;
      card.encryptedPan.data = btoa(String.fromCharCode(...bytes));
      return card;
    }`);
    expect(await host.revealExpectingError()).toMatchObject({ code: 'ERR_DECRYPT_FAILED' });
    await expectErrorStateThenRetry(host);
  });

  test('fields sealed under another secret give ERR_DECRYPT_FAILED', async ({ host, demo }) => {
    // A sessionid for a secret the frame never made: the issuer seals to it, the frame cannot open it.
    const foreign = publicEncrypt(
      { key: demo.issuer!.sessionKeyPem, padding: constants.RSA_PKCS1_OAEP_PADDING },
      Buffer.from(randomBytes(16).toString('base64'), 'utf8'),
    ).toString('base64');
    await host.setFetchCardData(`() => fetch('/api/card', { headers: { sessionid: ${JSON.stringify(foreign)} } })`);
    expect(await host.revealExpectingError()).toMatchObject({ code: 'ERR_DECRYPT_FAILED' });
    await expectErrorStateThenRetry(host);
  });

  test('a host that seals its own "card data" under its own key gets ERR_DECRYPT_FAILED: the frame never uses a host key', async ({ host }) => {
    await host.setFetchCardData(`async () => {
      const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 128 }, true, ['encrypt']);
      const seal = async (text) => {
        const iv = crypto.getRandomValues(new Uint8Array(12));
        const data = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode(text)));
        return { data: btoa(String.fromCharCode(...data)), iv: btoa(String.fromCharCode(...iv)) };
      };
      return { expirationMonth: '01', expirationYear: '2031', encryptedPan: await seal('4000000000000002'), encryptedCvc: await seal('999'), pin: await seal('0000') };
    }`);
    expect(await host.revealExpectingError()).toMatchObject({ code: 'ERR_DECRYPT_FAILED' });
    await expectErrorStateThenRetry(host);
  });

  test('malformed JSON gives ERR_MALFORMED_RESPONSE', async ({ host }) => {
    await host.setFetchCardData(`async () => '{"encryptedPan": {"data": '`);
    expect(await host.revealExpectingError()).toMatchObject({ code: 'ERR_MALFORMED_RESPONSE' });
    await expectErrorStateThenRetry(host);
  });

  test('a response without the encrypted fields gives ERR_MALFORMED_RESPONSE', async ({ host }) => {
    await host.setFetchCardData(`() => fetch('/api/card')`);
    expect(await host.revealExpectingError()).toMatchObject({ code: 'ERR_MALFORMED_RESPONSE' });
    await expectErrorStateThenRetry(host);
  });

  test('an IV of the wrong length gives ERR_CIPHERTEXT_INVALID', async ({ host }) => {
    await host.setFetchCardData(`async (sessionId) => {
      const card = await (await fetch('/api/card', { headers: { sessionid: sessionId } })).json();
      card.encryptedCvc.iv = btoa('12345678');
      return card;
    }`);
    expect(await host.revealExpectingError()).toMatchObject({ code: 'ERR_CIPHERTEXT_INVALID' });
    await expectErrorStateThenRetry(host);
  });

  test('an issuer 400 (garbled sessionid) gives ERR_ISSUER_REQUEST with the status', async ({ host }) => {
    await host.setFetchCardData(`() => fetch('/api/card', { headers: { sessionid: 'AAAA' } })`);
    expect(await host.revealExpectingError()).toMatchObject({ code: 'ERR_ISSUER_REQUEST', status: 400 });
    await expectErrorStateThenRetry(host);
  });

  test('an issuer 503 gives ERR_ISSUER_REQUEST with the status, and the next attempt succeeds', async ({ host, demo }) => {
    demo.issuer!.failNext(503);
    expect(await host.revealExpectingError()).toMatchObject({ code: 'ERR_ISSUER_REQUEST', status: 503 });
    await expectErrorStateThenRetry(host);
  });

  test('a host callback that throws gives ERR_ISSUER_REQUEST without its message', async ({ host }) => {
    await host.setFetchCardData(`async () => { throw new Error('backend down: token abc') }`);
    const error = await host.revealExpectingError();
    expect(error).toMatchObject({ code: 'ERR_ISSUER_REQUEST' });
    expect(error.message).not.toContain('token abc');
    await expectErrorStateThenRetry(host);
  });

  test('a host that tries to hand the frame its own key on the channel is refused, and the frame keeps its configured key', async ({ host }) => {
    const reply = await host.page.evaluate(async () => {
      const ports = (window as unknown as { __ports: MessagePort[] }).__ports;
      const port = ports[ports.length - 1]!;
      const key = await crypto.subtle.exportKey('jwk', (await crypto.subtle.generateKey({ name: 'RSA-OAEP', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-1' }, true, ['encrypt', 'decrypt'])).publicKey);
      return new Promise<unknown>((resolve) => {
        port.addEventListener('message', (event) => {
          if ((event.data as { id?: string }).id === 'evil1') resolve(event.data);
        });
        port.postMessage({ v: 1, kind: 'request', id: 'evil1', method: 'configure', params: { fields: ['pan'], sessionKey: { jwk: key } } });
      });
    });
    expect(reply).toMatchObject({ kind: 'reply', id: 'evil1', ok: false, error: { code: 'ERR_BAD_MESSAGE' } });
    await host.frame.getByRole('button', { name: /Reveal/ }).click();
    await expect(host.frame.locator('[data-field=pan]')).toHaveText('4242 4242 4242 4242');
  });

  test('a second connect is ignored and the first channel keeps working', async ({ host, demo }) => {
    const answered = await host.page.evaluate(async (frameOrigin) => {
      const iframe = document.querySelector('#card')!.shadowRoot!.querySelector('iframe')!;
      const { port1, port2 } = new MessageChannel();
      let got = false;
      port1.onmessage = () => {
        got = true;
      };
      iframe.contentWindow!.postMessage({ cardframe: 'connect', v: 1 }, frameOrigin, [port2]);
      port1.postMessage({ v: 1, kind: 'request', id: 'x1', method: 'configure', params: {} });
      await new Promise((resolve) => setTimeout(resolve, 1000));
      return got;
    }, new URL(demo.frameUrl).origin);
    expect(answered).toBe(false);
    await host.frame.getByRole('button', { name: /Reveal/ }).click();
    await expect(host.frame.locator('[data-field=cvc]')).toHaveText('123');
  });
});

test('a connect from an origin outside the frame allowlist is ignored', async ({ browser, demo }) => {
  // Strip the frame's CSP (frame-ancestors would block the embed outright) so
  // what refuses the connect is the frame's own allowlist check, not the header.
  const context = await browser.newContext();
  await context.route(`${demo.frameUrl}**`, async (route) => {
    const response = await route.fetch({ url: loopbackUrl(route.request().url()) });
    const headers = { ...response.headers() };
    delete headers['content-security-policy'];
    await route.fulfill({ response, headers });
  });
  const page = await context.newPage();
  const disallowed = demo.merchantUrl.replace('localhost', '127.0.0.1');
  await page.goto(disallowed);
  const error = await mountExpectingError(page, demo.frameUrl);
  expect(error).toMatchObject({ code: 'ERR_FRAME_TIMEOUT' });
  // The frame page did load (so it was the origin check that refused), but was never configured.
  const frame = page.frameLocator('cardframe-card iframe').last();
  await expect(frame.locator('html')).toHaveAttribute('lang', 'en');
  await expect(frame.locator('meta[name=referrer]')).toHaveAttribute('content', 'no-referrer');
  await expect(frame.getByRole('button')).toHaveCount(0);
  await context.close();
});
