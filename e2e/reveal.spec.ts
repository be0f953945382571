import { expect, expectNothingLeaked, test } from './fixtures.ts';

const PAN = '4242424242424242';
const CVC = '123';

test.describe('reveal across two origins', () => {
  test('the cardholder reveals PAN, CVC and expiry inside the frame, and the host never sees PAN or CVC', async ({ host }) => {
    await host.open();
    await host.waitForReady();
    const frame = host.frame;
    await expect(frame.locator('[data-field=pan]')).toHaveText('•••• •••• •••• ••••');

    const revealed = host.nextEvent<{ fields: string[] }>('cardframe-reveal');
    await frame.getByRole('button', { name: /Reveal/ }).click();
    expect(await revealed).toEqual({ fields: ['pan', 'expiry', 'cvc'] });

    await expect(frame.locator('[data-field=pan]')).toHaveText('4242 4242 4242 4242');
    await expect(frame.locator('[data-field=cvc]')).toHaveText(CVC);
    await expect(frame.locator('[data-field=expiry]')).toHaveText('12/30');

    const observed = await host.observe();
    // The spy really saw the traffic: the frame's events and the issuer's ciphertext passed through the host.
    expect(observed.messages.some((m) => m.includes('"event":"reveal"'))).toBe(true);
    expect(observed.responses.some((r) => r.includes('encryptedPan'))).toBe(true);
    expectNothingLeaked(observed, [PAN, CVC]);
    // Also catches CSP violations on either origin (Chromium reports them as console errors).
    expect(host.consoleErrors).toEqual([]);
  });

  test('the leak check fails, naming the place, when a host page does show the PAN', async ({ host }) => {
    await host.open();
    await host.waitForReady();
    await host.page.evaluate(() => document.body.append('card: 4242 4242 4242 4242'));
    expect(() => expectNothingLeaked({ dom: '', messages: ['{"x":"4242-4242-4242-4242"}'], responses: [], console: [] }, [PAN])).toThrow(/seen in host messages/);
    const observed = await host.observe();
    expect(() => expectNothingLeaked(observed, [PAN])).toThrow(/seen in host dom/);
    expect(() => expectNothingLeaked(observed, [CVC])).not.toThrow();
  });

  test('hiding masks the fields again, from the frame button and from the host', async ({ host }) => {
    await host.open();
    await host.waitForReady();
    await host.frame.getByRole('button', { name: /Reveal/ }).click();
    await expect(host.frame.locator('[data-field=pan]')).toHaveText('4242 4242 4242 4242');

    const hidden = host.nextEvent('cardframe-hide');
    await host.frame.getByRole('button', { name: /Hide/ }).click();
    expect(await hidden).toEqual({ reason: 'user' });
    await expect(host.frame.locator('[data-field=pan]')).toHaveText('•••• •••• •••• ••••');

    await host.frame.getByRole('button', { name: /Reveal/ }).click();
    await expect(host.frame.locator('[data-field=cvc]')).toHaveText(CVC);
    const hostHidden = host.nextEvent('cardframe-hide');
    await host.page.getByRole('button', { name: 'Hide from the host page' }).click();
    expect(await hostHidden).toEqual({ reason: 'host' });
    await expect(host.frame.locator('[data-field=cvc]')).toHaveText('•••');
  });

  test('the demo page names its reveal control "Reveal" and the frame announces revealed values politely', async ({ host }) => {
    await host.open();
    await host.waitForReady();
    await expect(host.frame.getByRole('button', { name: /Reveal/ })).toHaveCount(1);
    await expect(host.frame.locator('dl[aria-live=polite]')).toHaveCount(1);
    await expect(host.page.locator('#card iframe')).toHaveAttribute('title', 'Card details');
  });

  test('a frame below the fold sizes itself before it is scrolled into view', async ({ host }) => {
    await host.page.setViewportSize({ width: 800, height: 400 });
    await host.open();
    const iframe = host.page.locator('#pin-reveal iframe');
    const box = await iframe.boundingBox();
    expect(box!.y).toBeGreaterThan(400);
    const height = await iframe.evaluate((el) => (el as HTMLIFrameElement).style.height);
    expect(height).toMatch(/^\d+px$/);
    expect(height).not.toBe('150px');
  });

  test('the frame is served with its CSP and security headers, and the iframe is sandboxed', async ({ host, demo }) => {
    const response = await host.page.request.get(demo.frameUrl);
    const headers = response.headers();
    const csp = headers['content-security-policy'] ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain(`frame-ancestors ${new URL(demo.merchantUrl).origin}`);
    expect(csp).toContain("require-trusted-types-for 'script'");
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('no-referrer');

    await host.open();
    const iframe = host.page.locator('#card iframe');
    await expect(iframe).toHaveAttribute('sandbox', 'allow-scripts allow-same-origin');
    await expect(iframe).toHaveAttribute('referrerpolicy', 'no-referrer');
    expect(await iframe.getAttribute('allow')).toBeNull();
  });
});
