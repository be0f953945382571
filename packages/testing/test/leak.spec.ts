import { HostSawSecretError, IncompleteObservationError } from '../src/index.ts';
import { expect, test } from './support/fixtures.ts';

test.describe('expectHostNeverSaw', () => {
  test('passes after a real reveal and hide: ciphertext through the host and the PAN inside the frame do not count', async ({ cardframe, openHost, sandbox }) => {
    await openHost();
    await cardframe.reveal('#card');
    expect((await cardframe.read('#card'))['pan']).toBe('4242 4242 4242 4242');
    await cardframe.hide('#card');
    const card = sandbox.card();
    await cardframe.expectHostNeverSaw([card.pan, card.pin]);
    expect(await cardframe.host.sightings([card.pan])).toEqual([]);
  });

  test('observations show what did pass through the host: the frame\'s events on the port and the issuer\'s ciphertext', async ({ cardframe, openHost }) => {
    await openHost('?elements=card');
    await cardframe.reveal('#card');
    const observed = await cardframe.host.observations();
    expect(observed.some((seen) => seen.where.startsWith('MessagePort message') && /^event: reveal$/m.test(seen.text))).toBe(true);
    expect(observed.some((seen) => seen.where === 'network response GET /api/card body' && seen.text.includes('encryptedPan'))).toBe(true);
  });

  const leaks: [string, RegExp][] = [
    ['dom', /"42…4242" in host DOM: #debug textContent/],
    ['split', /"42…4242" in host DOM: #debug textContent/],
    ['attribute', /"42…4242" in host DOM: #debug\[data-card\]/],
    ['input', /"42…4242" in host DOM: #name value/],
    ['shadow', /"42…4242" in host DOM: #widget >>> b textContent/],
    ['console', /"42…4242" in console\.log/],
    ['message', /"42…4242" in window message from http:\/\/localhost:\d+/],
    ['storage', /"42…4242" in host localStorage\["last-card"\]/],
    ['url', /"42…4242" in network request GET \/api\/log\?card=… URL/],
  ];
  for (const [leak, where] of leaks) {
    test(`a page that prints the PAN (${leak}) fails, naming where`, async ({ page, cardframe, openHost, sandbox }) => {
      await openHost(`?elements=card&leak=${leak}`);
      await cardframe.waitForReady('#card');
      await page.waitForLoadState('networkidle');
      const error = await cardframe.expectHostNeverSaw([sandbox.card().pan]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HostSawSecretError);
      const message = (error as Error).message;
      expect(message).toMatch(where);
      // The backend that handed the page plaintext is named too.
      expect(message).toContain('network response GET /api/plain-card body');
      // The message names places, never the value.
      expect(message).not.toMatch(/4242\D{0,3}4242/);
    });
  }

  test('refuses to vouch for a page whose response never finished loading', async ({ page, cardframe, openHost, sandbox }) => {
    await openHost('?elements=card&leak=hang');
    await page.waitForLoadState('load');
    await expect(cardframe.expectHostNeverSaw([sandbox.card().pan], { timeout: 500 })).rejects.toThrow(IncompleteObservationError);
    await expect(cardframe.expectHostNeverSaw([sandbox.card().pan], { timeout: 500 })).rejects.toThrow('GET /api/hang: still loading');
  });
});
