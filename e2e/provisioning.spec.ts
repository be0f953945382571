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
    const seen: unknown[] = [];
    for (const port of (window as unknown as { __ports: MessagePort[] }).__ports) {
      port.addEventListener('message', (event) => seen.push(event.data));
      for (const method of ['provision', 'add-to-wallet', 'session']) port.postMessage({ v: 1, kind: 'request', id: `h-${method}`, method, params: { scope: ['provisioning'] } });
      port.postMessage({ v: 1, kind: 'event', event: 'provision', detail: { outcome: 'added' } });
    }
    await new Promise((resolve) => setTimeout(resolve, 1500));
    return seen.filter((m) => (m as { kind?: string }).kind === 'reply');
  });
  // Each made-up request is refused; none starts a provisioning fetch.
  expect(replies.length).toBeGreaterThan(0);
  for (const reply of replies) expect(reply).toMatchObject({ ok: false });
  expect(codes).toEqual([]);
  expect((await walletCards(demo)).length).toBe(before);
  await expect(host.frame.getByRole('button', { name: 'Add to wallet' })).toBeEnabled();
});
