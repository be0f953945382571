import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, expectNoneIn, loopbackUrl, test } from './fixtures.ts';

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

    const observed = await host.observations();
    // The watch really saw the traffic: the frame's events and the issuer's ciphertext passed through the host.
    expect(observed.some((seen) => seen.where.startsWith('MessagePort message') && /^event: reveal$/m.test(seen.text))).toBe(true);
    expect(observed.some((seen) => seen.where.startsWith('network response ') && seen.where.endsWith(' body') && seen.text.includes('encryptedPan'))).toBe(true);
    await host.expectNothingLeaked([PAN, CVC]);
    // Also catches CSP violations on either origin (Chromium reports them as console errors).
    expect(host.consoleErrors).toEqual([]);
  });

  test('the leak check fails, naming the place, when a host page does show the PAN', async ({ host }) => {
    await host.open();
    await host.waitForReady();
    const leakReport = (values: string[]): Promise<string> => host.expectNothingLeaked(values).then(() => '', (error: Error) => error.message);
    await host.page.evaluate(() => document.body.append('card: 4242 4242 4242 4242'));
    await expect(host.expectNothingLeaked([PAN])).rejects.toThrow(/in host DOM/);
    await host.expectNothingLeaked([CVC]);
    await host.page.evaluate(() => window.postMessage({ x: '4242-4242-4242-4242' }, location.origin));
    // The message reaches the watch asynchronously, as it would reach a listener.
    await expect.poll(() => leakReport([PAN])).toMatch(/in window message/);
    // Encoded forms count too: base64 in an attribute, URL-encoded in a request.
    await host.page.evaluate(() => document.body.setAttribute('data-card', btoa('4242424242424242')));
    await expect(host.expectNothingLeaked([PAN])).rejects.toThrow(/data-card/);
    await host.page.evaluate(() => fetch(`/?card=${encodeURIComponent('4242 4242 4242 4242')}`).then((response) => response.text()));
    await expect.poll(() => leakReport([PAN])).toMatch(/network request GET \/\?card=/);
    expect(() => expectNoneIn('console', ['card 4242-4242-4242-4242'], [PAN])).toThrow(/seen in console/);
  });

  test('hiding masks the fields again, from the frame button and from the host', async ({ host }) => {
    await host.open();
    await host.waitForReady();
    await host.frame.getByRole('button', { name: /Reveal/ }).click();
    await expect(host.frame.locator('[data-field=pan]')).toHaveText('4242 4242 4242 4242');

    const hidden = host.nextEvent('cardframe-hide');
    await host.frame.getByRole('button', { name: /Hide/ }).click();
    expect(await hidden).toEqual({ reason: 'user' });
    await expect(host.frame.locator('[data-field=pan]')).toHaveText('•••• •••• •••• 4242');

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

  test('every frame response carries exactly the expected CSP and security headers, and the iframe is sandboxed', async ({ host, demo }) => {
    const hostOrigin = new URL(demo.merchantUrl).origin;
    const issuerOrigin = new URL(demo.issuer!.url).origin;
    const expectedCsp = {
      'default-src': "'none'",
      'script-src': "'self'",
      'style-src': "'self'",
      'connect-src': `'self' ${issuerOrigin}`,
      'img-src': "'self'",
      'worker-src': "'self'",
      'font-src': "'self'",
      'frame-ancestors': hostOrigin,
      'base-uri': "'none'",
      'form-action': "'none'",
      'require-trusted-types-for': "'script'",
      'trusted-types': 'lit-html cardframe-key-sets',
    };
    const index = await host.page.request.get(loopbackUrl(demo.frameUrl));
    const asset = (await index.text()).match(/src="(\/assets\/[^"]+\.js)"/)![1]!;
    // The key-set coordinator's SharedWorker script runs under its own response's CSP: the same.
    const worker = `assets/${readdirSync(fileURLToPath(new URL('../packages/frame/dist/assets', import.meta.url))).find((name) => /^share-worker-[\w-]+\.js$/.test(name))!}`;
    for (const path of ['', 'cardframe.config.json', asset.slice(1), worker]) {
      const headers = (await host.page.request.get(loopbackUrl(`${demo.frameUrl}${path}`))).headers();
      const csp = Object.fromEntries((headers['content-security-policy'] ?? '').split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values.join(' ')]));
      expect(csp, path || '/').toEqual(expectedCsp);
      expect(headers['x-content-type-options'], path).toBe('nosniff');
      expect(headers['referrer-policy'], path).toBe('no-referrer');
      expect(headers['cross-origin-resource-policy'], path).toBe('same-origin');
      expect(headers['permissions-policy'], path).toContain('camera=()');
      expect(headers['permissions-policy'], path).toContain('clipboard-read=()');
      expect(headers['permissions-policy'], path).toContain('clipboard-write=(self)');
    }
    // No third-party script: the frame page loads only its own origin's scripts.
    const scripts = [...(await index.text()).matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) expect(src).toMatch(/^\/assets\//);

    await host.open();
    const iframe = host.page.locator('#card iframe');
    await expect(iframe).toHaveAttribute('sandbox', 'allow-scripts allow-same-origin');
    await expect(iframe).toHaveAttribute('referrerpolicy', 'no-referrer');
    // The demo's card can bind a passkey (it sets fetchCard), so its iframe may ask for passkeys, for the frame's
    // own origin only; copy is off for this card, so no clipboard permission.
    const frameOrigin = new URL(demo.frameUrl).origin;
    expect(await iframe.getAttribute('allow')).toBe(`publickey-credentials-get ${frameOrigin}; publickey-credentials-create ${frameOrigin}`);
  });
});
