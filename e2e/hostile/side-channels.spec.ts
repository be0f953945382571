import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import type { Frame } from '@playwright/test';
import { expect, test as base, type HostPage } from '../fixtures.ts';

// Pacifico's digits are proportional and it has no tabular figures, so
// `tabular-nums` cannot even them out: a value drawn in it is as wide as its digits.
const PROPORTIONAL_FONT = readFileSync(createRequire(import.meta.url).resolve('@fontsource/pacifico/files/pacifico-latin-400-normal.woff2'));

/**
 * A host that may load fonts from one origin of its own (the frame config's
 * `style.fontOrigins`), with a reveal narrowed to what this frame allows:
 * no PIN, session-key mode only, copy enabled.
 */
const test = base.extend<object, { fontOrigin: string }>({
  fontOrigin: [
    async ({}, use) => {
      const server = createServer((_req, res) => {
        res.writeHead(200, { 'Content-Type': 'font/woff2', 'Access-Control-Allow-Origin': '*' });
        res.end(PROPORTIONAL_FONT);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      await use(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
      await new Promise((resolve) => server.close(resolve));
    },
    { scope: 'worker' },
  ],
  demoOptions: async ({ fontOrigin }, use) => {
    await use({
      frameConfig: (config) => ({
        ...config,
        flows: { ...config.flows, reveal: { ...config.flows.reveal!, fields: ['pan', 'expiry', 'cvc'], modes: ['session-key'], copy: true } },
        style: { ...config.style, fontOrigins: [fontOrigin] },
      }),
    });
  },
});

/** Leaves `#card` as the page's only cardframe element and reconnects it, so the newest port on the page is its own. */
async function isolateCard(host: HostPage): Promise<void> {
  const ready = host.nextEvent('cardframe-ready');
  await host.page.evaluate(() => {
    document.querySelectorAll('cardframe-card:not(#card), cardframe-pin').forEach((element) => element.remove());
    const card = document.querySelector('#card') as HTMLElement & { frameUrl: string };
    card.frameUrl = `${card.frameUrl.split('?')[0]}?side-channels`;
  });
  await ready;
}

/**
 * Sends `params` as a `configure` on the host's own end of `#card`'s
 * channel, as a script on the page could, and resolves with the reply.
 */
function configureOnPort(host: HostPage, id: string, params: unknown): Promise<{ ok: boolean; error?: { code: string } }> {
  return host.page.evaluate(
    ([requestId, sent]) =>
      new Promise((resolve) => {
        const ports = (window as unknown as { __ports: MessagePort[] }).__ports;
        const port = ports[ports.length - 1]!;
        const listener = (event: MessageEvent): void => {
          const message = event.data as { kind?: string; id?: string };
          if (message.kind !== 'reply' || message.id !== requestId) return;
          port.removeEventListener('message', listener);
          resolve(message as { ok: boolean });
        };
        port.addEventListener('message', listener);
        port.postMessage({ v: 1, kind: 'request', id: requestId, method: 'configure', params: sent });
      }),
    [id, params] as const,
  );
}

/** The card frame itself, for the test's own synchronisation (a host has no such access). */
async function cardFrame(host: HostPage): Promise<Frame> {
  return (await host.page.locator('#card').locator('iframe').elementHandle())!.contentFrame().then((frame) => frame!);
}

/**
 * Starts recording, on the host's end of the channel, the last height the
 * frame posted (starting from the iframe's current height).
 */
async function recordPostedHeights(host: HostPage): Promise<void> {
  await host.page.evaluate(() => {
    const w = window as unknown as { __ports: MessagePort[]; __height: number };
    const port = w.__ports[w.__ports.length - 1]!;
    w.__height = Number.parseFloat(document.querySelector('#card')!.shadowRoot!.querySelector('iframe')!.style.height);
    port.addEventListener('message', (event: MessageEvent) => {
      const message = event.data as { kind?: string; event?: string; detail?: { height?: number } };
      if (message.kind === 'event' && message.event === 'resize') w.__height = message.detail!.height!;
    });
  });
}

/**
 * Sets the card element's width and waits until the frame has laid out at
 * it and the height it posts has settled: the frame's viewport has the
 * iframe's width, two of the frame's own animation frames have passed (so its
 * size observer has run), and a round trip on the channel (any height posted
 * before it is in before the reply) finds the same height twice in a row.
 * Resolves with the last height posted.
 */
async function heightAt(host: HostPage, frame: Frame, width: number): Promise<number> {
  await host.page.evaluate((w) => ((document.querySelector('#card') as HTMLElement).style.width = `${w}px`), width);
  const iframeWidth = (): Promise<number> => host.page.evaluate(() => document.querySelector('#card')!.shadowRoot!.querySelector('iframe')!.clientWidth);
  await expect.poll(async () => (await frame.evaluate(() => window.innerWidth)) === (await iframeWidth())).toBe(true);
  let previous = Number.NaN;
  for (let round = 0; round < 20; round++) {
    await frame.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    await configureOnPort(host, `sync${width}x${round}`, { flow: 'nope' });
    const height = await host.page.evaluate(() => (window as unknown as { __height: number }).__height);
    if (height === previous) return height;
    previous = height;
  }
  throw new Error(`the posted height did not settle at ${width}px`);
}

async function revealCard(host: HostPage, card: string, pan: string): Promise<void> {
  await host.setFetchCardData(`(sessionId) => fetch('/api/card?card=${card}', { headers: { sessionid: sessionId } })`);
  await host.frame.getByRole('button', { name: /Reveal/ }).click();
  await expect(host.frame.locator('[data-field=pan]')).toHaveText(pan);
}

const WIDTHS = Array.from({ length: 90 }, (_, i) => 120 + i * 3);
const PROPORTIONAL_STYLE = {
  fonts: [{ family: 'Sweep', src: '' }],
  base: { fontFamily: 'Sweep', fontSize: '18px' },
  value: { fontFamily: 'Sweep', letterSpacing: '0.5px' },
};

test.describe('a hostile host page probing the layout', () => {
  test.beforeEach(async ({ host }) => {
    await host.open();
    await host.waitForReady();
    await isolateCard(host);
  });

  test('sees the same posted heights at every width for two cards of the same length, under a proportional-digit font it set', async ({ host, fontOrigin }) => {
    test.setTimeout(180_000);
    const style = { ...PROPORTIONAL_STYLE, fonts: [{ family: 'Sweep', src: `${fontOrigin}/sweep.woff2` }] };
    expect(await configureOnPort(host, 'style', { style })).toMatchObject({ ok: true });
    const frame = await cardFrame(host);
    // The host's font is really in use in the frame (its labels are drawn in it).
    await expect.poll(() => frame.evaluate(() => document.fonts.check('18px Sweep') && [...document.fonts].some((f) => f.family === 'Sweep' && f.status === 'loaded'))).toBe(true);
    await recordPostedHeights(host);

    const sweep = async (card: string, pan: string): Promise<number[]> => {
      await revealCard(host, card, pan);
      const heights: number[] = [];
      for (const width of WIDTHS) heights.push(await heightAt(host, frame, width));
      await host.frame.getByRole('button', { name: /Hide/ }).click();
      await host.page.evaluate(() => ((document.querySelector('#card') as HTMLElement).style.width = ''));
      return heights;
    };
    const first = await sweep('card_default', '4242 4242 4242 4242');
    const second = await sweep('card_pgp', '5555 5555 5555 4444');
    // The sweep did reach widths where the layout changes (labels and buttons wrap)...
    expect(new Set(first).size).toBeGreaterThan(1);
    // ...and at none of them does the height tell one card from the other.
    expect(second).toEqual(first);
  });

  test('cannot draw revealed values in its own font or spacing', async ({ host, fontOrigin }) => {
    const style = { ...PROPORTIONAL_STYLE, fonts: [{ family: 'Sweep', src: `${fontOrigin}/sweep.woff2` }] };
    expect(await configureOnPort(host, 'style', { style })).toMatchObject({ ok: true });
    await revealCard(host, 'card_default', '4242 4242 4242 4242');
    const value = host.frame.locator('[data-field=pan]');
    expect(await value.evaluate((el) => getComputedStyle(el).fontFamily)).not.toContain('Sweep');
    expect(await value.evaluate((el) => getComputedStyle(el).letterSpacing)).not.toBe('0.5px');
    await expect(value).toHaveCSS('white-space', 'nowrap');
    await expect(host.frame.locator('dt').first()).toHaveCSS('font-family', 'Sweep');
  });

  test('masks shown values when it restyles them, and never restyles them while shown, whether the configure is valid or refused', async ({ host }) => {
    let requests = 0;
    host.page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/card') requests++;
    });
    const value = host.frame.locator('[data-field=pan]');
    const attempts: [string, unknown, string | undefined][] = [
      ['valid', { style: { value: { color: '#ff0000' } } }, undefined],
      ['widened fields', { fields: ['pan', 'pin'], style: { value: { color: '#00ff00' } } }, 'ERR_NOT_ALLOWED'],
      ['mode not enabled', { mode: 'key-pair', theme: 'dark', style: { value: { color: '#0000ff' } } }, 'ERR_NOT_ALLOWED'],
      ['refused style', { style: { value: { color: 'url(https://evil.example/x)' } } }, 'ERR_STYLE_REFUSED'],
    ];
    for (const [name, params, code] of attempts) {
      await revealCard(host, 'card_default', '4242 4242 4242 4242');
      const colourShown = await value.evaluate((el) => getComputedStyle(el).color);
      // Watch the value in the frame: if its colour ever changes while it holds the number, that is a restyle while shown.
      const frame = await cardFrame(host);
      await frame.evaluate(() => {
        const w = window as unknown as { __restyledWhileShown: boolean };
        w.__restyledWhileShown = false;
        const view = document.body.firstElementChild!.shadowRoot!;
        const start = getComputedStyle(view.querySelector('[data-field=pan]')!).color;
        const check = (): void => {
          const el = view.querySelector('[data-field=pan]');
          const shown = el !== null && !el.textContent!.includes('•');
          if (shown && getComputedStyle(el).color !== start) w.__restyledWhileShown = true;
          if (!w.__restyledWhileShown) requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      });
      const hidden = host.nextEvent<{ reason: string }>('cardframe-hide');
      const reply = await configureOnPort(host, name.replace(/\W/g, '-'), params);
      if (code) expect(reply, name).toMatchObject({ ok: false, error: { code } });
      else expect(reply, name).toMatchObject({ ok: true });
      expect(await hidden, name).toEqual({ reason: 'host' });
      await expect(value, name).toHaveText('•••• •••• •••• 4242');
      expect(await frame.evaluate(() => (window as unknown as { __restyledWhileShown: boolean }).__restyledWhileShown), name).toBe(false);
      if (code) expect(await value.evaluate((el) => getComputedStyle(el).color), name).toBe(colourShown);
    }
    // Each reveal asked the issuer again: nothing was kept behind the mask.
    expect(requests).toBe(attempts.length);
  });
});

test.describe('a hostile host page covering the copy button', () => {
  test.beforeEach(async ({ host, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await host.open(new URL('/artwork.html', host.demo.merchantUrl).href);
    await expect(host.frameIn('#card cardframe-copy').getByRole('button', { name: 'Copy card number' })).toBeEnabled();
  });

  for (const [cover, opacity] of [
    ['an opaque', '1'],
    ['a semi-transparent', '0.3'],
  ] as const) {
    test(`gets no copy through ${cover} overlay that lets clicks through`, async ({ host }) => {
      await host.page.evaluate(() => navigator.clipboard.writeText('before'));
      await host.page.evaluate((alpha) => {
        const frame = document.querySelector('#card cardframe-copy')!.shadowRoot!.querySelector('iframe')!.getBoundingClientRect();
        const overlay = document.createElement('div');
        overlay.id = 'overlay';
        overlay.textContent = 'Claim your prize';
        Object.assign(overlay.style, {
          position: 'fixed',
          left: `${frame.left - 4}px`,
          top: `${frame.top - 4}px`,
          width: `${frame.width + 8}px`,
          height: `${frame.height + 8}px`,
          background: 'white',
          opacity: alpha,
          pointerEvents: 'none',
          zIndex: '10',
        });
        document.body.append(overlay);
      }, opacity);
      const copy = host.frameIn('#card cardframe-copy');
      const error = host.nextEvent<{ code: string; message: string }>('cardframe-error', '#card cardframe-copy');
      await copy.getByRole('button', { name: 'Copy card number' }).click();
      expect(await error).toMatchObject({ code: 'ERR_COPY_REFUSED', message: expect.stringContaining('covered') });
      await expect(copy.getByRole('alert')).toContainText('covering');
      expect(await host.page.evaluate(() => navigator.clipboard.readText())).toBe('before');
    });
  }

  test('copies once the overlay is gone', async ({ host }) => {
    const copy = host.frameIn('#card cardframe-copy');
    const copied = host.nextEvent('cardframe-copy', '#card cardframe-copy');
    await copy.getByRole('button', { name: 'Copy card number' }).click();
    expect(await copied).toEqual({ field: 'pan' });
    expect(await host.page.evaluate(() => navigator.clipboard.readText())).toBe('4242424242424242');
  });
});
