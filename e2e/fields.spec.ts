import { expect, test, type HostPage } from './fixtures.ts';

const PAN = '4242424242424242';


/** Counts the host page's requests for card data (each is one issuer call). */
function countCardRequests(host: HostPage): () => number {
  let count = 0;
  host.page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/api/card') count++;
  });
  return () => count;
}

test.describe('separate field elements on card artwork (script-tag page)', () => {
  test.beforeEach(async ({ host }) => {
    await host.open(new URL('/artwork.html', host.demo.merchantUrl).href);
    await expect(host.frameIn('#card cardframe-toggle').getByRole('button', { name: /Reveal/ })).toBeEnabled();
  });

  test('show the last four while masked and reveal one field with one issuer request for the whole card', async ({ host }) => {
    const requests = countCardRequests(host);
    const pan = host.frameIn('#card cardframe-pan');
    const cvc = host.frameIn('#card cardframe-cvc');
    await expect(pan.locator('[data-field=pan]')).toHaveText('•••• •••• •••• 4242');
    const revealed = host.nextEvent<{ fields: string[] }>('cardframe-reveal', '#card cardframe-pan');
    await pan.getByRole('button', { name: 'Show card number' }).click();
    await expect(pan.locator('[data-field=pan]')).toHaveText('4242 4242 4242 4242');
    expect(await revealed).toEqual({ fields: ['pan'] });
    // The CVC frame already holds its value from the same fetch; it stays masked until asked.
    await expect(cvc.locator('[data-field=cvc]')).toHaveText('•••');
    await cvc.getByRole('button', { name: 'Show CVC' }).click();
    await expect(cvc.locator('[data-field=cvc]')).toHaveText('123');
    expect(requests()).toBe(1);
    await host.expectNothingLeaked([PAN, '123']);
  });

  test('reveal and hide every field at once from the toggle', async ({ host }) => {
    const requests = countCardRequests(host);
    const toggle = host.frameIn('#card cardframe-toggle');
    await toggle.getByRole('button', { name: /Reveal/ }).click();
    await expect(host.frameIn('#card cardframe-pan').locator('[data-field=pan]')).toHaveText('4242 4242 4242 4242');
    await expect(host.frameIn('#card cardframe-expiry').locator('[data-field=expiry]')).toHaveText('12/30');
    await expect(host.frameIn('#card cardframe-cvc').locator('[data-field=cvc]')).toHaveText('123');
    const hidden = host.nextEvent<{ reason: string }>('cardframe-hide', '#card cardframe-cvc');
    await toggle.getByRole('button', { name: /Hide/ }).click();
    expect(await hidden).toEqual({ reason: 'user' });
    await expect(host.frameIn('#card cardframe-pan').locator('[data-field=pan]')).toHaveText('•••• •••• •••• 4242');
    await expect(host.frameIn('#card cardframe-cvc').locator('[data-field=cvc]')).toHaveText('•••');
    expect(requests()).toBe(1);
  });

  test('hide from the host masks every field and drops what the frames hold', async ({ host }) => {
    const requests = countCardRequests(host);
    const pan = host.frameIn('#card cardframe-pan');
    await host.frameIn('#card cardframe-toggle').getByRole('button', { name: /Reveal/ }).click();
    await expect(pan.locator('[data-field=pan]')).toHaveText('4242 4242 4242 4242');
    await host.page.getByRole('button', { name: 'Hide from the host page' }).click();
    await expect(pan.locator('[data-field=pan]')).toHaveText('•••• •••• •••• 4242');
    // Nothing is held any more: showing the CVC has to ask the issuer again.
    await host.frameIn('#card cardframe-cvc').getByRole('button', { name: 'Show CVC' }).click();
    await expect(host.frameIn('#card cardframe-cvc').locator('[data-field=cvc]')).toHaveText('123');
    expect(requests()).toBe(2);
  });

  test('copy puts the PAN without spaces on the clipboard and tells the host only that it happened', async ({ host, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const copied = host.nextEvent<{ field: string }>('cardframe-copy', '#card cardframe-copy');
    const copy = host.frameIn('#card cardframe-copy');
    await copy.getByRole('button', { name: 'Copy card number' }).click();
    expect(await copied).toEqual({ field: 'pan' });
    await expect(copy.getByText('Copied')).toBeVisible();
    expect(await host.page.evaluate(() => navigator.clipboard.readText())).toBe(PAN);
    // The copy fetched for the whole group: the PAN frame shows at once, with no new request.
    const requests = countCardRequests(host);
    await host.frameIn('#card cardframe-pan').getByRole('button', { name: 'Show card number' }).click();
    await expect(host.frameIn('#card cardframe-pan').locator('[data-field=pan]')).toHaveText('4242 4242 4242 4242');
    expect(requests()).toBe(0);
    // Clear the clipboard before looking at what the host saw (the test's own read is not the page's).
    await host.page.evaluate(() => navigator.clipboard.writeText(''));
    await host.expectNothingLeaked([PAN]);
  });

  test('copy says so in the frame and gives the host a typed error when the browser refuses the clipboard', async ({ host, context }) => {
    await context.clearPermissions();
    // Without the permission policy the frame cannot write: take it away from the copy frame.
    await host.page.evaluate(() => {
      const copy = document.querySelector('#card cardframe-copy')!;
      copy.shadowRoot!.querySelector('iframe')!.setAttribute('allow', '');
      copy.shadowRoot!.querySelector('iframe')!.src += '';
    });
    const copy = host.frameIn('#card cardframe-copy');
    await expect(copy.getByRole('button', { name: 'Copy card number' })).toBeEnabled();
    const error = host.nextEvent<{ code: string; message: string }>('cardframe-error', '#card cardframe-copy');
    await copy.getByRole('button', { name: 'Copy card number' }).click();
    expect((await error).code).toBe('ERR_COPY_REFUSED');
    await expect(copy.getByRole('alert')).toContainText('copy it by hand');
  });
});

test('two cards on one page never see each other’s values', async ({ host }) => {
  await host.open(new URL('/artwork.html', host.demo.merchantUrl).href);
  await host.page.evaluate((frameUrl) => {
    const group = document.createElement('cardframe-group') as HTMLElement & { fetchCardData: unknown; frameUrl: string };
    group.id = 'amex';
    group.frameUrl = frameUrl;
    group.fetchCardData = (sessionId: string) => fetch('/api/card?card=card_amex', { headers: { sessionid: sessionId } });
    group.innerHTML = '<cardframe-pan></cardframe-pan><cardframe-cvc></cardframe-cvc><cardframe-toggle></cardframe-toggle>';
    document.querySelector('main')!.prepend(group);
  }, host.demo.frameUrl);
  await expect(host.frameIn('#amex cardframe-toggle').getByRole('button', { name: /Reveal/ })).toBeEnabled();
  await expect(host.frameIn('#card cardframe-toggle').getByRole('button', { name: /Reveal/ })).toBeEnabled();
  await host.frameIn('#amex cardframe-toggle').getByRole('button', { name: /Reveal/ }).click();
  // Amex groups as 4-6-5.
  await expect(host.frameIn('#amex cardframe-pan').locator('[data-field=pan]')).toHaveText('3782 822463 10005');
  await expect(host.frameIn('#amex cardframe-cvc').locator('[data-field=cvc]')).toHaveText('4321');
  await expect(host.frameIn('#card cardframe-pan').locator('[data-field=pan]')).toHaveText('•••• •••• •••• 4242');
  await host.frameIn('#card cardframe-toggle').getByRole('button', { name: /Reveal/ }).click();
  await expect(host.frameIn('#card cardframe-pan').locator('[data-field=pan]')).toHaveText('4242 4242 4242 4242');
  await expect(host.frameIn('#amex cardframe-pan').locator('[data-field=pan]')).toHaveText('3782 822463 10005');
  await expect(host.frameIn('#card cardframe-cvc').locator('[data-field=cvc]')).toHaveText('123');
  await expect(host.frameIn('#amex cardframe-cvc').locator('[data-field=cvc]')).toHaveText('4321');
  await host.expectNothingLeaked([PAN, '378282246310005']);
});

test.describe('masking again without the cardholder asking', () => {
  test.beforeEach(async ({ host }) => {
    await host.open(new URL('/artwork.html', host.demo.merchantUrl).href);
    await expect(host.frameIn('#card cardframe-toggle').getByRole('button', { name: /Reveal/ })).toBeEnabled();
  });

  test('a field configured to hide on blur masks when focus leaves its frame', async ({ host }) => {
    // The new option goes to the frame in a second configure, answered with a fresh ready.
    const reconfigured = host.nextEvent('cardframe-ready', '#card cardframe-pan');
    await host.page.evaluate(() => document.querySelector('#card cardframe-pan')!.setAttribute('hide-on-blur', ''));
    await reconfigured;
    const pan = host.frameIn('#card cardframe-pan');
    await pan.getByRole('button', { name: 'Show card number' }).click();
    await expect(pan.locator('[data-field=pan]')).toHaveText('4242 4242 4242 4242');
    const hidden = host.nextEvent<{ reason: string }>('cardframe-hide', '#card cardframe-pan');
    await host.page.locator('h1').click();
    expect(await hidden).toEqual({ reason: 'blur' });
    await expect(pan.locator('[data-field=pan]')).toHaveText('•••• •••• •••• 4242');
  });

  test('every field masks before printing and when the page is hidden', async ({ host }) => {
    await host.frameIn('#card cardframe-toggle').getByRole('button', { name: /Reveal/ }).click();
    const pan = host.frameIn('#card cardframe-pan');
    await expect(pan.locator('[data-field=pan]')).toHaveText('4242 4242 4242 4242');
    const printed = host.nextEvent<{ reason: string }>('cardframe-hide', '#card cardframe-pan');
    // The browser fires beforeprint in every document it prints; here the test fires it in the PAN frame.
    const panFrame = await host.page.locator('#card cardframe-pan').locator('iframe').elementHandle().then((h) => h!.contentFrame());
    await panFrame!.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    expect(await printed).toEqual({ reason: 'print' });
    await expect(pan.locator('[data-field=pan]')).toHaveText('•••• •••• •••• 4242');

    const cvc = host.frameIn('#card cardframe-cvc');
    await expect(cvc.locator('[data-field=cvc]')).toHaveText('123');
    const pageHidden = host.nextEvent<{ reason: string }>('cardframe-hide', '#card cardframe-cvc');
    const cvcFrame = await host.page.locator('#card cardframe-cvc').locator('iframe').elementHandle().then((h) => h!.contentFrame());
    await cvcFrame!.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    expect(await pageHidden).toEqual({ reason: 'page-hidden' });
    await expect(cvc.locator('[data-field=cvc]')).toHaveText('•••');
  });

  test('the host can shorten the auto-hide time, and the frame masks and drops the values when it runs out', async ({ host }) => {
    // Every member gets the new option in a second configure, each answered with a fresh ready.
    const readies = await host.recordEvents('#card', ['cardframe-ready']);
    await host.page.evaluate(() => document.querySelector('#card')!.setAttribute('auto-hide-seconds', '1'));
    await expect.poll(async () => (await readies()).length).toBe(5);
    const toggle = host.frameIn('#card cardframe-toggle');
    // Events, not what is on screen: on a slow machine the second can be over before a check sees the values.
    const events = await host.recordEvents('#card cardframe-pan', ['cardframe-reveal', 'cardframe-hide']);
    await toggle.getByRole('button', { name: /Reveal/ }).click();
    await expect
      .poll(events, { timeout: 15_000 })
      .toEqual([
        { name: 'cardframe-reveal', detail: { fields: ['pan'] } },
        { name: 'cardframe-hide', detail: { reason: 'timeout' } },
      ]);
    await expect(host.frameIn('#card cardframe-pan').locator('[data-field=pan]')).toHaveText('•••• •••• •••• 4242');
  });

  test('the card works from the keyboard alone, with a visible focus ring', async ({ host }) => {
    const toggle = host.frameIn('#card cardframe-toggle').getByRole('button', { name: /Reveal/ });
    await toggle.focus();
    const ring = await toggle.evaluate((button) => getComputedStyle(button).outlineStyle);
    expect(ring).not.toBe('none');
    await host.page.keyboard.press('Enter');
    await expect(host.frameIn('#card cardframe-pan').locator('[data-field=pan]')).toHaveText('4242 4242 4242 4242');
    const eye = host.frameIn('#card cardframe-cvc').getByRole('button', { name: 'Hide CVC' });
    await eye.focus();
    await host.page.keyboard.press('Space');
    await expect(host.frameIn('#card cardframe-cvc').locator('[data-field=cvc]')).toHaveText('•••');
  });
});

test('a card mounts inside a host component’s shadow root and reveals there', async ({ host }) => {
  await host.open();
  await host.page.evaluate((frameUrl) => {
    const widget = document.createElement('div');
    widget.id = 'widget';
    const root = widget.attachShadow({ mode: 'open' });
    root.innerHTML = `<cardframe-group id="shadow-card" frame-url="${frameUrl}"><cardframe-pan></cardframe-pan><cardframe-toggle></cardframe-toggle></cardframe-group>`;
    (root.querySelector('cardframe-group') as HTMLElement & { fetchCardData: unknown }).fetchCardData = (sessionId: string) =>
      fetch('/api/card', { headers: { sessionid: sessionId } });
    document.querySelector('main')!.prepend(widget);
  }, host.demo.frameUrl);
  const toggle = host.frameIn('#widget cardframe-toggle');
  await toggle.getByRole('button', { name: /Reveal/ }).click();
  await expect(host.frameIn('#widget cardframe-pan').locator('[data-field=pan]')).toHaveText('4242 4242 4242 4242');
  await host.expectNothingLeaked([PAN]);
});

test('a field frame in the default look takes its place at once: the host layout does not move when it reports its height', async ({ host }) => {
  await host.open();
  const sizes = await host.page.evaluate(async (frameUrl) => {
    const group = document.createElement('cardframe-group') as HTMLElement & { frameUrl: string };
    group.frameUrl = frameUrl;
    const seen = new Map<string, Set<number>>();
    const observer = new ResizeObserver((entries) => {
      for (const entry of entries) seen.get(entry.target.localName)!.add(entry.contentRect.height);
    });
    for (const tag of ['cardframe-pan', 'cardframe-expiry', 'cardframe-cvc']) {
      const field = document.createElement(tag);
      seen.set(tag, new Set());
      observer.observe(field);
      group.append(field);
    }
    document.body.append(group);
    const fields = [...group.children] as (HTMLElement & { whenReady(): Promise<unknown> })[];
    await Promise.all(fields.map((field) => field.whenReady()));
    // Until every frame's height is on its iframe, and two rendering frames more for any later one.
    while (fields.some((field) => !field.shadowRoot!.querySelector('iframe')!.style.height)) await new Promise((resolve) => setTimeout(resolve, 20));
    for (let i = 0; i < 2; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
    observer.disconnect();
    return Object.fromEntries([...seen].map(([tag, heights]) => [tag, { heights: [...heights], reported: group.querySelector(tag)!.shadowRoot!.querySelector('iframe')!.style.height }]));
  }, host.demo.frameUrl);
  for (const tag of ['cardframe-pan', 'cardframe-expiry', 'cardframe-cvc']) {
    expect(sizes[tag], tag).toEqual({ heights: [48], reported: '48px' });
  }
});
