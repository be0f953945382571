import { expect, test } from './fixtures.ts';
import { addToWallet, recordCodes, walletCards } from './provisioning-support.ts';

// Add to wallet through the demo: the real frame, the merchant relay and the
// sandbox issuer's real wallet endpoint (/sandbox/wallet/cards), with the
// testing kit's HostWatch recording everything the host page handles.

const PAN = '4242424242424242';

test('Add to wallet lands the card in the sandbox wallet, and the host page never sees the PAN or the credentials', async ({ host, demo }) => {
  const codes = recordCodes(demo);
  const before = (await walletCards(demo)).length;
  await host.open();
  await host.waitForReady();
  // Reveal first, so the PAN is in the frame too while the host is watched.
  await host.frame.getByRole('button', { name: /Reveal/ }).click();
  await expect(host.frame.locator('[data-field=pan]')).toHaveText('4242 4242 4242 4242');

  expect(await addToWallet(host)).toEqual({ outcome: 'added' });
  await expect(host.frame.getByRole('status').filter({ hasText: 'Added to your wallet.' })).toBeVisible();
  const cards = await walletCards(demo);
  expect(cards.length).toBe(before + 1);
  const added = cards.at(-1)!;
  expect(added.cardId).toBe('card_default');
  expect(codes).toHaveLength(1);

  // The relay did carry the provisioning answer (sealed), so the check below looked at it.
  const relayed = (await host.observations()).filter((seen) => /GET \/api\/card\?scope=provisioning/.test(seen.where) && /"provisioning"/.test(seen.text));
  expect(relayed.length).toBeGreaterThan(0);
  await host.expectNothingLeaked([PAN, codes[0]!, added.walletCardId]);
});

test('a hostile host cannot start provisioning: synthetic clicks and made-up port messages issue no code and add no card', async ({ host, demo }) => {
  const codes = recordCodes(demo);
  const before = (await walletCards(demo)).length;
  await host.open();
  await host.waitForReady();
  const replies = await host.page.evaluate(async () => {
    const card = document.querySelector('#card')!;
    const iframe = card.shadowRoot!.querySelector('iframe')!;
    for (const target of [card, iframe]) {
      target.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      target.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    }
    iframe.contentWindow!.postMessage({ v: 1, kind: 'request', id: 'w1', method: 'provision', params: {} }, '*');
    // Only the replies to these requests: the page's other frames may still
    // be answering the SDK's own requests (a configure under load), rightly ok.
    const methods = ['provision', 'add-to-wallet', 'session'];
    const replies: { id: string; ok: boolean }[] = [];
    for (const port of (window as unknown as { __ports: MessagePort[] }).__ports) {
      port.addEventListener('message', (event) => {
        const data = event.data as { kind?: string; id?: unknown; ok?: boolean };
        if (data.kind === 'reply' && typeof data.id === 'string' && data.id.startsWith('h-')) replies.push({ id: data.id, ok: data.ok === true });
      });
      for (const method of methods) port.postMessage({ v: 1, kind: 'request', id: `h-${method}`, method, params: { scope: ['provisioning'] } });
      port.postMessage({ v: 1, kind: 'event', event: 'provision', detail: { outcome: 'added' } });
    }
    // Every request answered by at least one frame (however busy the page), and time for a wrongly started push to show.
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline && !methods.every((method) => replies.some((reply) => reply.id === `h-${method}`))) await new Promise((resolve) => setTimeout(resolve, 100));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    return replies;
  });
  // Each made-up request is refused; none starts a provisioning fetch.
  expect(new Set(replies.map((reply) => reply.id))).toEqual(new Set(['h-provision', 'h-add-to-wallet', 'h-session']));
  for (const reply of replies) expect(reply).toMatchObject({ ok: false });
  expect(codes).toEqual([]);
  expect((await walletCards(demo)).length).toBe(before);
  await expect(host.frame.getByRole('button', { name: 'Add to wallet' })).toBeEnabled();
});
