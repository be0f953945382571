import { expect, test, type HostPage } from './fixtures.ts';

async function openPin(host: HostPage): Promise<void> {
  await host.open();
  await expect(host.pinFrame.getByRole('button', { name: 'Set PIN' })).toBeEnabled();
}

async function submitExpectingError(host: HostPage): Promise<{ code: string; status?: number }> {
  const error = host.nextEvent<{ code: string; status?: number }>('cardframe-error', '#pin');
  await host.pinFrame.getByRole('button', { name: 'Set PIN' }).click();
  return error;
}

test.describe('set PIN (direct, device-signed)', () => {
  test('the cardholder sets a new PIN in the frame, the issuer accepts it, a later reveal shows it, and the host never sees the digits', async ({ host, demo }) => {
    const before = { ...demo.issuer!.stats };
    await openPin(host);
    const events = await host.recordEvents('#pin', ['cardframe-change', 'cardframe-submit', 'cardframe-error']);

    await host.fillPin('4821');
    const submitted = host.nextEvent('cardframe-submit', '#pin');
    await host.pinFrame.getByRole('button', { name: 'Set PIN' }).click();
    expect(await submitted).toEqual({ flow: 'pin', status: 'COMPLETED' });
    await expect(host.pinFrame.getByRole('status')).toHaveText('Your PIN has been changed.');
    expect(await host.pinInputs()).toEqual(['', '']);

    expect(demo.issuer!.pinOf('card_default')).toBe('4821');
    expect(demo.issuer!.stats.pinSubmissions).toBe(before.pinSubmissions + 1);
    expect(demo.issuer!.stats.deviceBindings).toBe(before.deviceBindings + 1);

    // The host only ever learned the entry's state.
    for (const { name, detail } of await events()) {
      if (name === 'cardframe-change') expect(Object.keys(detail as object).sort()).toEqual(expect.arrayContaining(['complete', 'valid']));
    }

    const pinCard = host.page.frameLocator('#pin-reveal iframe');
    await pinCard.getByRole('button', { name: /Reveal/ }).click();
    await expect(pinCard.locator('[data-field=pin]')).toHaveText('4821');

    const observed = await host.observations();
    expect(observed.some((seen) => seen.where.startsWith('network ') && seen.where.endsWith(' body') && seen.text.includes('encrypted_pin'))).toBe(true);
    await host.expectNothingLeaked(['4821']);
    expect(host.consoleErrors).toEqual([]);
  });

  test('what the host forwards is the change-PIN body: a JWE with kid, the key id, the device and a DER signature', async ({ host, demo }) => {
    await openPin(host);
    const body = host.page.waitForRequest((request) => request.url().endsWith('/api/pin')).then((request) => request.postDataJSON() as Record<string, string>);
    await host.fillPin('5937');
    await host.pinFrame.getByRole('button', { name: 'Set PIN' }).click();
    const sent = await body;
    expect(Object.keys(sent).sort()).toEqual(['device_id', 'encrypted_pin', 'key_id', 'signature']);
    const header = JSON.parse(Buffer.from(sent['encrypted_pin']!.split('.')[0]!, 'base64url').toString()) as Record<string, string>;
    expect(header).toEqual({ alg: 'RSA-OAEP-256', enc: 'A256CBC-HS512', kid: demo.issuer!.pinKey.kid });
    expect(sent['key_id']).toBe(demo.issuer!.pinKey.kid);
    expect(sent['signature']).toMatch(/^30[0-9a-f]+$/);
  });

  test('the host sees complete and valid states but no digits and no length', async ({ host }) => {
    await openPin(host);
    const events = await host.recordEvents('#pin', ['cardframe-change']);
    await host.pinFrame.getByLabel('New PIN', { exact: true }).pressSequentially('48');
    await host.pinFrame.getByLabel('New PIN', { exact: true }).pressSequentially('21');
    await host.pinFrame.getByLabel('Confirm new PIN').pressSequentially('4821');
    await expect.poll(async () => (await events()).at(-1)?.detail).toEqual({ complete: true, valid: true });
    const details = (await events()).map((e) => e.detail);
    for (const detail of details) expect(JSON.stringify(detail)).not.toMatch(/[0-9]/);
  });
});

test.describe('bad PIN input ends in a typed error, keeps the input and sends nothing', () => {
  const cases = [
    ['mismatch', '4821', '4812', 'ERR_PIN_MISMATCH'],
    ['too short', '482', '482', 'ERR_PIN_LENGTH'],
    ['non-digits', '48a1', '48a1', 'ERR_PIN_DIGITS'],
    ['a straight sequence', '1234', '1234', 'ERR_PIN_TRIVIAL'],
    ['a digit three times in a row', '7772', '7772', 'ERR_PIN_TRIVIAL'],
  ] as const;
  for (const [name, pin, confirm, code] of cases) {
    test(`${name} gives ${code}`, async ({ host, demo }) => {
      const before = demo.issuer!.stats.pinSubmissions;
      await openPin(host);
      await host.fillPin(pin, confirm);
      expect(await submitExpectingError(host)).toMatchObject({ code });
      await expect(host.pinFrame.getByRole('alert')).not.toBeEmpty();
      expect(await host.pinInputs()).toEqual([pin, confirm]);
      expect(demo.issuer!.stats.pinSubmissions).toBe(before);
    });
  }

  test('common and patterned PINs are refused in the frame with the same error code as a run, so the host cannot tell which rule fired', async ({ host, demo }) => {
    const before = demo.issuer!.stats.pinSubmissions;
    await openPin(host);
    const errors: unknown[] = [];
    for (const pin of ['1212', '2580', '1122', '1004', '6969', '1990', '7772']) {
      await host.fillPin(pin);
      errors.push(await submitExpectingError(host));
      await expect(host.pinFrame.getByRole('alert')).toContainText('too easy to guess');
    }
    expect(errors).toEqual(Array(7).fill(errors.at(-1)));
    expect(errors.at(-1)).toEqual(expect.objectContaining({ code: 'ERR_PIN_TRIVIAL' }));
    expect(JSON.stringify(errors)).not.toMatch(/[0-9]{3}/);
    expect(demo.issuer!.stats.pinSubmissions).toBe(before);
  });

  test('an issuer that does not know the key id answers 400; the PIN is unchanged and the input kept', async ({ host, demo }) => {
    await openPin(host);
    const pinBefore = demo.issuer!.pinOf('card_default');
    await host.page.evaluate(() => {
      const pin = document.querySelector('#pin') as HTMLElement & { submitPin: (body: Record<string, string>) => Promise<Response> };
      pin.submitPin = (body) => fetch('/api/pin', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...body, key_id: 'retired-key' }) });
    });
    await host.fillPin('6048');
    expect(await submitExpectingError(host)).toMatchObject({ code: 'ERR_ISSUER_REQUEST', status: 400 });
    expect(await host.pinInputs()).toEqual(['6048', '6048']);
    expect(demo.issuer!.pinOf('card_default')).toBe(pinBefore);
  });

  test('a forged device signature is refused with 403 and the PIN is unchanged', async ({ host, demo }) => {
    await openPin(host);
    const pinBefore = demo.issuer!.pinOf('card_default');
    await host.page.evaluate(() => {
      const pin = document.querySelector('#pin') as HTMLElement & { submitPin: (body: Record<string, string>) => Promise<Response> };
      pin.submitPin = (body) => fetch('/api/pin', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...body, signature: `${body['signature']!.slice(0, -2)}00` }) });
    });
    await host.fillPin('6048');
    expect(await submitExpectingError(host)).toMatchObject({ code: 'ERR_ISSUER_REQUEST', status: 403 });
    expect(demo.issuer!.pinOf('card_default')).toBe(pinBefore);
  });

  test('an issuer 5xx keeps the input, and the retry succeeds', async ({ host, demo }) => {
    await openPin(host);
    await host.fillPin('3958');
    demo.issuer!.failNext(503);
    expect(await submitExpectingError(host)).toMatchObject({ code: 'ERR_ISSUER_REQUEST', status: 503 });
    expect(await host.pinInputs()).toEqual(['3958', '3958']);
    const submitted = host.nextEvent('cardframe-submit', '#pin');
    await host.pinFrame.getByRole('button', { name: 'Set PIN' }).click();
    expect(await submitted).toMatchObject({ status: 'COMPLETED' });
    expect(demo.issuer!.pinOf('card_default')).toBe('3958');
  });

  test('a double click sends the PIN once', async ({ host, demo }) => {
    await openPin(host);
    const before = demo.issuer!.stats.pinSubmissions;
    await host.fillPin('2749');
    const submitted = host.nextEvent('cardframe-submit', '#pin');
    await host.pinFrame.getByRole('button', { name: 'Set PIN' }).dblclick();
    await submitted;
    await host.page.waitForTimeout(300);
    expect(demo.issuer!.stats.pinSubmissions).toBe(before + 1);
  });
});
