// The demo's frame server writes the frame's config into its HTML, checked and
// with the digest of what it checked: the frame reads it without a request and
// without downloading the config checker, under the same strict CSP, and
// reveals as before.
import { expect, test } from './fixtures.ts';

test('the frame reads its config from its HTML without a request, the config checker or a CSP violation, and reveals as before', async ({ host }) => {
  const configRequests: string[] = [];
  const frameDocuments: { csp: string | undefined; html: Promise<string> }[] = [];
  host.page.on('request', (request) => {
    if (request.url().includes('cardframe.config.json') || /\/assets\/config-[\w-]+\.js$/.test(request.url())) configRequests.push(request.url());
  });
  host.page.on('response', (response) => {
    if (response.request().resourceType() === 'document' && response.url().startsWith(host.demo.frameUrl)) frameDocuments.push({ csp: response.headers()['content-security-policy'], html: response.text() });
  });
  // Every document on the frame origin records the CSP violations it sees.
  await host.page.context().addInitScript(() => {
    if (!location.hostname.endsWith('frame.localhost')) return;
    const seen: string[] = ((window as unknown as { __violations: string[] }).__violations = []);
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.effectiveDirective} ${event.blockedURI}`));
  });

  await host.open();
  await host.waitForReady();
  await host.frame.getByRole('button', { name: /Reveal/ }).click();
  await expect(host.frame.locator('[data-field=pan]')).toHaveText('4242 4242 4242 4242');

  expect(configRequests).toEqual([]);
  expect(frameDocuments.length).toBeGreaterThan(0);
  for (const document of frameDocuments) {
    // The data block is read under the frame's real CSP: scripts from 'self' only, nothing inline allowed.
    expect(document.csp).toMatch(/script-src 'self'(;|$)/);
    expect(document.csp).not.toContain('unsafe-inline');
    expect(await document.html).toMatch(/<script type="application\/json" id="cardframe-config" data-checked-sha256="[\w+/]+=*">[^<]+<\/script>/);
    expect(await document.html).not.toContain('rel="preload"');
    expect(await document.html).not.toContain('rel="modulepreload"');
  }
  const frame = host.page.frames().find((f) => f.url().startsWith(host.demo.frameUrl))!;
  expect(await frame.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual([]);
  expect(host.consoleErrors).toEqual([]);
});
