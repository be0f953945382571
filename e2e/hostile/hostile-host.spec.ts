import type { Route } from '@playwright/test';
import { generatePgpReplySigningKey, sealPgpResponse, sealSignedPgpReply } from '@cardframe/issuer';
import { expect, expectNoneIn, mountExpectingError, test, type HostPage } from '../fixtures.ts';

const PAN = '4242424242424242';

/**
 * Leaves `#card` as the page's only cardframe element and reconnects it, so
 * the newest channel port on the page is `#card`'s own.
 */
async function isolateCard(host: HostPage, suffix: string): Promise<void> {
  const ready = host.nextEvent('cardframe-ready');
  await host.page.evaluate((tag) => {
    document.querySelectorAll('cardframe-card:not(#card), cardframe-pin').forEach((element) => element.remove());
    const card = document.querySelector('#card') as HTMLElement & { frameUrl: string };
    card.frameUrl = `${card.frameUrl.split('?')[0]}?${tag}`;
  }, suffix);
  await ready;
}

/**
 * The host page's own end of `#card`'s channel, as a hostile script on the
 * page could grab it. Collects the replies to this message's id (and error
 * events) until the first one arrives plus a short grace for duplicates, or
 * until `waitMs` passes: replies to the element's own requests on the same
 * port are not this test's business, and a loaded machine may be slow.
 */
async function postOnSdkPort(host: HostPage, message: unknown, waitMs = 5000, which: 'newest' | 'saved' = 'newest'): Promise<unknown[]> {
  return host.page.evaluate(
    async ([sent, wait, pick]) => {
      // `{jsonText}` is parsed here, in the page: keys such as `__proto__` do not survive Playwright's own serialisation.
      const data: unknown = typeof sent === 'object' && sent !== null && 'jsonText' in sent ? JSON.parse(String(sent.jsonText)) : sent;
      const w = window as unknown as { __ports: MessagePort[]; __saved?: MessagePort };
      const port = pick === 'saved' ? w.__saved! : w.__ports[w.__ports.length - 1]!;
      const id = (data as { id?: unknown } | null)?.id;
      const seen: unknown[] = [];
      let settle: () => void = () => {};
      const done = new Promise<void>((resolve) => (settle = resolve));
      const listener = (event: MessageEvent): void => {
        const m = event.data as { kind?: string; event?: string; id?: unknown };
        const ours = (m.kind === 'reply' && m.id === id) || (m.kind === 'event' && m.event === 'error');
        if (!ours) return;
        seen.push(m);
        setTimeout(settle, 300);
      };
      port.addEventListener('message', listener);
      port.postMessage(data);
      await Promise.race([done, new Promise((resolve) => setTimeout(resolve, wait as number))]);
      port.removeEventListener('message', listener);
      return seen;
    },
    [message, waitMs, which] as const,
  );
}

async function honestRevealStillWorks(host: HostPage): Promise<void> {
  await host.setFetchCardData(`(sessionId) => fetch('/api/card', { headers: { sessionid: sessionId } })`);
  await host.frame.getByRole('button', { name: /Reveal/ }).click();
  await expect(host.frame.locator('[data-field=pan]')).toHaveText('4242 4242 4242 4242');
}

test.describe('a hostile host page', () => {
  test.beforeEach(async ({ host }) => {
    await host.open();
    await host.waitForReady();
    await isolateCard(host, 'isolated');
  });

  test('cannot read the frame DOM, before or after a reveal', async ({ host }) => {
    const read = () =>
      host.page.evaluate(() => {
        const iframe = document.querySelector('#card')!.shadowRoot!.querySelector('iframe')!;
        let documentAccess: string;
        try {
          documentAccess = String(iframe.contentWindow!.document.body.innerHTML);
        } catch (error) {
          documentAccess = (error as Error).name;
        }
        return { contentDocument: iframe.contentDocument === null, documentAccess };
      });
    expect(await read()).toEqual({ contentDocument: true, documentAccess: 'SecurityError' });
    await host.frame.getByRole('button', { name: /Reveal/ }).click();
    await expect(host.frame.locator('[data-field=pan]')).toHaveText('4242 4242 4242 4242');
    expect(await read()).toEqual({ contentDocument: true, documentAccess: 'SecurityError' });
    await host.expectNothingLeaked([PAN]);
  });

  test('cannot replace the frame config or hand it a key through the channel', async ({ host }) => {
    for (const params of [
      { fields: ['pan'], allowedHostOrigins: ['https://evil.example'] },
      { fields: ['pan'], issuer: { sessionKey: { pem: '-----BEGIN PUBLIC KEY-----' } } },
      { fields: ['pan'], css: '* { color: red }' },
      { fields: ['pan'], theme: 'url(https://evil.example/x)' },
    ]) {
      const replies = await postOnSdkPort(host, { v: 1, kind: 'request', id: 'evil', method: 'configure', params });
      expect(replies, JSON.stringify(params)).toEqual([expect.objectContaining({ id: 'evil', ok: false, error: expect.objectContaining({ code: 'ERR_BAD_MESSAGE' }) })]);
    }
    await honestRevealStillWorks(host);
  });

  test('gets a typed style refusal for hostile styles, while an honest style is accepted', async ({ host }) => {
    for (const style of [
      { base: { color: 'red', backgroundColor: 'url(https://evil.example/x)' } },
      { base: { color: '\\75 rl(https://evil.example/x)' } },
      { base: { fontFamily: '</style><script>alert(1)</script>' } },
      { base: { color: 'red; background-image: url(https://evil.example/x)' } },
      { 'input[type=password]': { color: 'red' } },
      { value: { '[data-field=pan]': { color: 'red' } } },
      { fonts: [{ family: 'Evil', src: 'https://evil.example/font.woff2' }] },
      'color: red',
    ]) {
      const replies = await postOnSdkPort(host, { v: 1, kind: 'request', id: 'evil', method: 'configure', params: { fields: ['pan'], style } });
      expect(replies, JSON.stringify(style)).toEqual([expect.objectContaining({ id: 'evil', ok: false, error: expect.objectContaining({ code: 'ERR_STYLE_REFUSED' }) })]);
      expect(JSON.stringify(replies)).not.toContain('evil.example');
    }
    const pollution = await postOnSdkPort(host, { jsonText: '{"v":1,"kind":"request","id":"proto","method":"configure","params":{"fields":["pan"],"style":{"__proto__":{"color":"red"}}}}' });
    expect(pollution).toEqual([expect.objectContaining({ id: 'proto', ok: false, error: expect.objectContaining({ code: 'ERR_STYLE_REFUSED' }) })]);
    const honest = await postOnSdkPort(host, { v: 1, kind: 'request', id: 'honest', method: 'configure', params: { fields: ['pan'], theme: 'dark', style: { value: { color: '#123456' } } } });
    expect(honest).toEqual([expect.objectContaining({ id: 'honest', ok: true })]);
    await expect(host.frame.locator('[data-field=pan]')).toHaveCSS('color', 'rgb(18, 52, 86)');
    await honestRevealStillWorks(host);
  });

  test('gets a typed refusal for a megabyte message and the frame keeps working', async ({ host }) => {
    const replies = await postOnSdkPort(host, { v: 1, kind: 'request', id: 'big', method: 'configure', params: { fields: ['pan'], padding: 'x'.repeat(1_000_000) } });
    expect(replies).toEqual([expect.objectContaining({ id: 'big', ok: false, error: expect.objectContaining({ code: 'ERR_BAD_MESSAGE' }) })]);
    const garbage = await postOnSdkPort(host, 'y'.repeat(1_000_000));
    expect(garbage).toEqual([expect.objectContaining({ kind: 'event', event: 'error' })]);
    await honestRevealStillWorks(host);
  });

  test('cannot make the frame show a forged reply it never asked for, nor answer a request twice', async ({ host }) => {
    const forged = { v: 1, kind: 'reply', id: 'f1', ok: true, result: { body: { encryptedPan: { data: 'AAAAAAAAAAAAAAAAAAAAAA==', iv: 'AAAAAAAAAAAAAAAA' } } } };
    expect(await postOnSdkPort(host, forged, 300)).toEqual([]);
    await expect(host.frame.locator('[data-field=pan]')).toHaveText('•••• •••• •••• ••••');
    // Answer the frame's real request twice: the second answer is ignored.
    await host.page.evaluate(() => {
      const card = document.querySelector('#card') as HTMLElement & { fetchCardData: (id: string) => Promise<unknown> };
      card.fetchCardData = async (sessionId) => {
        const body = await (await fetch('/api/card', { headers: { sessionid: sessionId } })).json();
        const ports = (window as unknown as { __ports: MessagePort[] }).__ports;
        const port = ports[ports.length - 1]!;
        setTimeout(() => port.postMessage({ v: 1, kind: 'reply', id: 'f1', ok: false, error: { code: 'ERR_ISSUER_REQUEST', message: 'late' } }), 50);
        return body;
      };
    });
    await host.frame.getByRole('button', { name: /Reveal/ }).click();
    await expect(host.frame.locator('[data-field=pan]')).toHaveText('4242 4242 4242 4242');
    await host.page.waitForTimeout(300);
    await expect(host.frame.locator('[data-field=pan]')).toHaveText('4242 4242 4242 4242');
    await expect(host.frame.getByRole('alert')).toHaveCount(0);
  });

  test('cannot use the old port once the element reconnects', async ({ host }) => {
    // The live port answers; keep it, reconnect, and it is dead.
    expect(await postOnSdkPort(host, { v: 1, kind: 'request', id: 'live', method: 'hide', params: {} })).toEqual([expect.objectContaining({ id: 'live', ok: true })]);
    await host.page.evaluate(() => {
      const w = window as unknown as { __ports: MessagePort[]; __saved?: MessagePort };
      w.__saved = w.__ports[w.__ports.length - 1]!;
    });
    await isolateCard(host, 'again');
    const replies = await postOnSdkPort(host, { v: 1, kind: 'request', id: 'old', method: 'hide', params: {} }, 500, 'saved');
    expect(replies).toEqual([]);
    await honestRevealStillWorks(host);
  });

  test('is stopped by the reveal rate limit after ten attempts a minute', async ({ host }) => {
    await host.setFetchCardData(`async () => { throw new Error('down') }`);
    const codes: string[] = [];
    for (let i = 0; i < 11; i++) codes.push(((await host.revealExpectingError()) as { code: string }).code);
    expect(codes.slice(0, 10)).toEqual(Array(10).fill('ERR_ISSUER_REQUEST'));
    expect(codes[10]).toBe('ERR_RATE_LIMITED');
    await expect(host.frame.getByRole('alert')).toContainText('Too many attempts');
  });

  test('cannot reset the reveal budget or refetch the PIN key set by toggling configure between flows', async ({ host, demo }) => {
    await host.setFetchCardData(`async () => { throw new Error('down') }`);
    for (let i = 0; i < 10; i++) expect(((await host.revealExpectingError()) as { code: string }).code).toBe('ERR_ISSUER_REQUEST');
    const before = demo.issuer!.stats.jwksRequests;
    for (let i = 0; i < 4; i++) {
      for (const params of [{ flow: 'pin' }, { flow: 'reveal', fields: ['pan'] }]) {
        const replies = await postOnSdkPort(host, { v: 1, kind: 'request', id: `toggle-${i}-${params.flow}`, method: 'configure', params });
        expect(replies, JSON.stringify(params)).toEqual([expect.objectContaining({ ok: true })]);
      }
    }
    // The first PIN configure loads the PIN key set; every later one is inside the 30 s cooldown.
    expect(demo.issuer!.stats.jwksRequests - before).toBeLessThanOrEqual(1);
    expect(((await host.revealExpectingError()) as { code: string }).code).toBe('ERR_RATE_LIMITED');
  });

  test('finds no card data in its performance entries or console after a reveal', async ({ host }) => {
    await host.frame.getByRole('button', { name: /Reveal/ }).click();
    await expect(host.frame.locator('[data-field=pan]')).toHaveText('4242 4242 4242 4242');
    // Names (URLs) and server timings are what could carry data; the timing numbers themselves can look like a CVC.
    const entries = await host.page.evaluate(() =>
      performance.getEntries().map((entry) => JSON.stringify({ name: entry.name, serverTiming: (entry as PerformanceResourceTiming).serverTiming ?? [] })),
    );
    expect(entries.join('\n')).not.toMatch(/4242\s*4242/);
    expectNoneIn('performance entries', entries, [PAN, '123']);
    await host.expectNothingLeaked([PAN, '123']);
  });
});

test('a hostile host cannot make a key-pair frame show digits it encrypted to the frame\'s own public key, nor replay a genuine reply', async ({ host }) => {
  await host.open();
  const frame = host.page.frameLocator('#card-keypair iframe');
  await expect(frame.getByRole('button', { name: /Reveal/ })).toBeEnabled();
  await host.page.evaluate(() => {
    // A hostile script holds what the host holds: the frame's public key. It seals its own digits to it
    // as ECDH-ES + A256GCM (RFC 7518), with nothing but WebCrypto.
    const b64u = (bytes: ArrayBuffer | Uint8Array): string => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    const u32 = (n: number): number[] => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
    const text = new TextEncoder();
    const forge = async (publicKey: { kid: string; x: string; y: string }, plaintext: string): Promise<string> => {
      const recipient = await crypto.subtle.importKey('jwk', { kty: 'EC', crv: 'P-256', x: publicKey.x, y: publicKey.y }, { name: 'ECDH', namedCurve: 'P-256' }, false, []);
      const ephemeral = (await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits'])) as CryptoKeyPair;
      const z = new Uint8Array(await crypto.subtle.deriveBits({ name: 'ECDH', public: recipient }, ephemeral.privateKey, 256));
      const epk = await crypto.subtle.exportKey('jwk', ephemeral.publicKey);
      const algId = text.encode('A256GCM');
      const cek = await crypto.subtle.digest('SHA-256', new Uint8Array([...u32(1), ...z, ...u32(algId.length), ...algId, ...u32(0), ...u32(0), ...u32(256)]));
      const header = b64u(text.encode(JSON.stringify({ alg: 'ECDH-ES', enc: 'A256GCM', kid: publicKey.kid, epk: { kty: 'EC', crv: 'P-256', x: epk.x, y: epk.y } })));
      const key = await crypto.subtle.importKey('raw', cek, 'AES-GCM', false, ['encrypt']);
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: text.encode(header) }, key, text.encode(plaintext)));
      return `${header}..${b64u(iv)}.${b64u(sealed.slice(0, -16))}.${b64u(sealed.slice(-16))}`;
    };
    const card = document.querySelector('#card-keypair') as HTMLElement & { fetchEncryptedCard: (key: unknown, extra: { nonce?: string }) => Promise<unknown> };
    card.fetchEncryptedCard = (publicKey) => forge(publicKey as { kid: string; x: string; y: string }, JSON.stringify({ pan: '5555555555554444', cvc: '999', expiry: '01/31' }));
  });
  const forged = host.nextEvent<{ code: string }>('cardframe-error', '#card-keypair');
  await frame.getByRole('button', { name: /Reveal/ }).click();
  expect(await forged).toMatchObject({ code: 'ERR_SIGNATURE_INVALID' });
  await expect(frame.getByRole('alert')).toBeVisible();
  await expect(frame.locator('[data-field=pan]')).toHaveText('•••• •••• •••• ••••');
  await expect(frame.getByText('5555')).toHaveCount(0);

  // A genuine reply, recorded on an honest reveal, is refused when played back to the next request.
  await host.page.evaluate(() => {
    const card = document.querySelector('#card-keypair') as HTMLElement & { fetchEncryptedCard: (key: unknown, extra: { nonce?: string }) => Promise<unknown> };
    const w = window as unknown as { __recorded?: string };
    card.fetchEncryptedCard = async (publicKey, { nonce }) => {
      if (w.__recorded) return w.__recorded;
      const response = await fetch('/api/card-details', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ public_key: publicKey, nonce }) });
      w.__recorded = await response.text();
      return w.__recorded;
    };
  });
  await frame.getByRole('button', { name: /Reveal/ }).click();
  await expect(frame.locator('[data-field=pan]')).toHaveText('4242 4242 4242 4242');
  await frame.getByRole('button', { name: /Hide/ }).click();
  // Hidden again, keeping only the last four the honest reveal showed.
  await expect(frame.locator('[data-field=pan]')).toHaveText('•••• •••• •••• 4242');
  const replayed = host.nextEvent<{ code: string }>('cardframe-error', '#card-keypair');
  await frame.getByRole('button', { name: /Reveal/ }).click();
  expect(await replayed).toMatchObject({ code: 'ERR_SIGNATURE_INVALID' });
  await expect(frame.getByRole('alert')).toBeVisible();
  await expect(frame.locator('[data-field=pan]')).toHaveText('•••• •••• •••• 4242');
});

test('a hostile host cannot make the OpenPGP frame show digits it encrypted to the frame\'s own key, unsigned or signed with its own key, nor replay a genuine signed reply', async ({ host }) => {
  test.setTimeout(60_000);
  await host.open();
  const frame = host.page.frameLocator('#card-keypair iframe');
  await expect(frame.getByRole('button', { name: /Reveal/ })).toBeEnabled();
  // The page's switch moves the key-pair card to the OpenPGP issuer's card, served by pgp.frame.localhost, which pins the sandbox's signing key.
  const ready = host.nextEvent('cardframe-ready', '#card-keypair');
  await host.page.getByLabel(/OpenPGP/).check();
  await ready;
  await expect(frame.getByRole('button', { name: /Reveal/ })).toBeEnabled();

  // The host's side holds what the host holds: the frame's OpenPGP public key and the nonce. Its backend route answers
  // with its own digits encrypted to that key (OpenPGP.js, as any script could), unsigned or signed with a key of its own.
  const HOST_CARD = { pan: '4000056655665556', cvc: '999', expiry: '01/2031' };
  const hostKey = await generatePgpReplySigningKey();
  const forgeries: { seal: (publicKey: unknown, nonce: string) => Promise<string>; code: string }[] = [
    { seal: (publicKey) => sealPgpResponse(HOST_CARD, publicKey), code: 'ERR_SIGNATURE_INVALID' },
    { seal: (publicKey, nonce) => sealSignedPgpReply(HOST_CARD, { nonce }, publicKey, hostKey), code: 'ERR_KEY_NOT_FOUND' },
  ];
  for (const { seal, code } of forgeries) {
    await host.page.route(/\/api\/card-details(\?|$)/, async (route: Route) => {
      const { public_key, nonce } = route.request().postDataJSON() as { public_key: unknown; nonce: string };
      await route.fulfill({ status: 200, contentType: 'application/pgp-encrypted', body: await seal(public_key, nonce) });
    });
    const refused = host.nextEvent<{ code: string }>('cardframe-error', '#card-keypair');
    await frame.getByRole('button', { name: /Reveal/ }).click();
    expect(await refused).toMatchObject({ code });
    await expect(frame.getByRole('alert')).toBeVisible();
    await expect(frame.locator('[data-field=pan]')).toHaveText('•••• •••• •••• ••••');
    await expect(frame.getByText('5556')).toHaveCount(0);
    await host.page.unrouteAll();
  }

  // A genuine signed reply, fetched from the issuer while the frame is told the request failed, is played back to the
  // next request: same frame key, the issuer's own signature, but another request's nonce.
  let recorded: string | undefined;
  await host.page.route(/\/api\/card-details(\?|$)/, async (route: Route) => {
    if (recorded === undefined) {
      recorded = await (await route.fetch()).text();
      return route.fulfill({ status: 503, contentType: 'application/json', body: '{"error":{"code":"unavailable","message":"try again"}}' });
    }
    return route.fulfill({ status: 200, contentType: 'application/pgp-encrypted', body: recorded });
  });
  const failed = host.nextEvent<{ code: string }>('cardframe-error', '#card-keypair');
  await frame.getByRole('button', { name: /Reveal/ }).click();
  await failed;
  expect(recorded).toMatch(/^-----BEGIN PGP MESSAGE-----/);
  const replayed = host.nextEvent<{ code: string }>('cardframe-error', '#card-keypair');
  await frame.getByRole('button', { name: /Reveal/ }).click();
  expect(await replayed).toMatchObject({ code: 'ERR_SIGNATURE_INVALID' });
  await expect(frame.locator('[data-field=pan]')).toHaveText('•••• •••• •••• ••••');
  await expect(frame.getByText('4444')).toHaveCount(0);
  await host.page.unrouteAll();

  // The honest path, signed by the sandbox and checked against the pinned key, still reveals.
  await frame.getByRole('button', { name: /Reveal/ }).click();
  await expect(frame.locator('[data-field=pan]')).toHaveText('5555 5555 5555 4444');
  await host.expectNothingLeaked(['5555555555554444', '4000056655665556']);
});

test('a sibling iframe on the host page cannot connect to the card frame, even from the allowed origin', async ({ page, demo }) => {
  await page.goto(demo.merchantUrl);
  // A same-origin sibling frame (about:blank inherits the host origin), running its own script.
  await page.evaluate(() => {
    const sibling = document.createElement('iframe');
    sibling.name = 'sibling';
    document.body.append(sibling);
  });
  const sibling = page.frames().find((frame) => frame.name() === 'sibling')!;
  await sibling.evaluate(() => {
    const w = window as unknown as { got: boolean; sent: number };
    w.got = false;
    w.sent = 0;
    // From before the card frame exists until well after: connect, again and again, with our own port.
    const spam = setInterval(() => {
      const card = parent.document.querySelector('#hostile-card');
      const target = card?.shadowRoot?.querySelector('iframe')?.contentWindow;
      if (!target) return;
      const { port1, port2 } = new MessageChannel();
      port1.onmessage = () => {
        w.got = true;
      };
      port1.postMessage({ v: 1, kind: 'request', id: 's1', method: 'configure', params: {} });
      target.postMessage({ cardframe: 'connect', v: 1 }, '*', [port2]);
      w.sent++;
    }, 5);
    setTimeout(() => clearInterval(spam), 3000);
  });
  await page.evaluate(async (frameUrl) => {
    const card = document.createElement('cardframe-card') as HTMLElement & { frameUrl: string; fetchCardData: unknown };
    card.id = 'hostile-card';
    card.fetchCardData = (sessionId: string) => fetch('/api/card', { headers: { sessionid: sessionId } });
    const ready = new Promise((resolve) => card.addEventListener('cardframe-ready', resolve, { once: true }));
    card.frameUrl = frameUrl;
    document.body.append(card);
    await ready;
  }, demo.frameUrl);
  await page.waitForTimeout(3200);
  const { got, sent } = await sibling.evaluate(() => ({ got: (window as unknown as { got: boolean }).got, sent: (window as unknown as { sent: number }).sent }));
  expect(sent).toBeGreaterThan(100);
  expect(got).toBe(false);
  const frame = page.frameLocator('#hostile-card iframe');
  await frame.getByRole('button', { name: /Reveal/ }).click();
  await expect(frame.locator('[data-field=pan]')).toHaveText('4242 4242 4242 4242');
});

test('a page on an origin outside the allowlist cannot frame the card frame at all (frame-ancestors)', async ({ page, demo }) => {
  const disallowed = demo.merchantUrl.replace('localhost', '127.0.0.1');
  await page.goto(disallowed);
  const error = await mountExpectingError(page, demo.frameUrl);
  expect(error).toMatchObject({ code: 'ERR_FRAME_TIMEOUT' });
  // The browser refused to render the frame document: none of its markup exists.
  const frame = page.frameLocator('cardframe-card:last-of-type iframe');
  await expect(frame.locator('meta[name=referrer]')).toHaveCount(0);
});
