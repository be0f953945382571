// Counting the issuer session key-set requests of the demo's frames, for the key-set specs.
import { FIRST_ANSWER_MS } from '../packages/frame/src/keys/shared-key-sets.ts';
import { expect, type HostPage } from './fixtures.ts';

/**
 * The test timeout for specs that count key-set requests: each count waits
 * for the requests it expects and then for a quiet window longer than
 * FIRST_ANSWER_MS, before and after adding cards, which on a loaded machine
 * takes longer than the default 30 s.
 */
export const COUNTING_TIMEOUT_MS = 90_000;

const SESSION_SET = '/keys/session/jwks.json';

/** Session key-set requests the sandbox issuer has had from the demo's frame origin. */
export function sessionSetRequests(host: HostPage): number {
  return host.demo.issuer!.stats.keySetRequests[new URL(host.demo.frameUrl).origin]?.[SESSION_SET] ?? 0;
}

/** Appends `count` more `<cardframe-card>`s for the sandbox card and waits until each is ready; resolves with how many frames of the demo's frame origin the page then has. */
export async function addCards(host: HostPage, count: number): Promise<number> {
  return host.page.evaluate(
    async ([frameUrl, n]) => {
      type Card = HTMLElement & { frameUrl: string; fields: string[]; fetchCardData: (sessionId: string) => Promise<string>; whenReady(): Promise<unknown> };
      const cards: Card[] = [];
      for (let i = 0; i < n; i++) {
        const card = document.createElement('cardframe-card') as unknown as Card;
        card.id = `shared-${i}`;
        card.fields = ['pan', 'expiry', 'cvc'];
        card.frameUrl = frameUrl;
        card.fetchCardData = async (sessionId) => (await fetch('/api/card', { headers: { sessionid: sessionId } })).text();
        cards.push(card);
      }
      document.body.append(...cards);
      await Promise.all(cards.map((card) => card.whenReady()));
      return [...document.querySelectorAll('*')].filter((el) => el.shadowRoot?.querySelector(`iframe[src^="${frameUrl}"]`)).length;
    },
    [host.demo.frameUrl, count] as const,
  );
}

/**
 * The session key-set requests once there are at least `atLeast` and none
 * has come for longer than a frame waits for the key-set coordinator's first
 * answer before it fetches for itself: the frames fetch while idle after
 * ready, some only after that wait. On a loaded machine a frame's idle time
 * can come later than that wait, so the requests expected are waited for
 * first (the quiet after them still catches any extra one).
 */
export async function settledRequests(host: HostPage, atLeast = 0): Promise<number> {
  await expect.poll(() => sessionSetRequests(host), { timeout: COUNTING_TIMEOUT_MS / 2 }).toBeGreaterThanOrEqual(atLeast);
  for (let last = -1; ; ) {
    const now = sessionSetRequests(host);
    if (now === last) return now;
    last = now;
    await host.page.waitForTimeout(FIRST_ANSWER_MS + 500);
  }
}

export async function revealAdded(host: HostPage): Promise<void> {
  const frame = host.frameIn('#shared-3');
  await frame.getByRole('button', { name: /Reveal/ }).click();
  await expect(frame.locator('[data-field=pan]')).toHaveText('4242 4242 4242 4242');
}

/**
 * Opens the demo, waits until its own frames have fetched what they fetch,
 * adds six cards and reveals one; resolves with the key-set requests the
 * added cards made, once they made at least `expected`.
 */
export async function requestsOfAddedCards(host: HostPage, expected: number): Promise<number> {
  await host.open();
  await host.waitForReady();
  // The demo page's own frames first (only those revealing with the session key fetch it); then each added card's frame.
  const before = await settledRequests(host);
  await addCards(host, 6);
  await revealAdded(host);
  return (await settledRequests(host, before + expected)) - before;
}

/** Opens the demo, adds six cards and reveals one; resolves with the key-set requests of the whole page, its own frames' included. */
export async function requestsOfWholePage(host: HostPage): Promise<number> {
  const before = sessionSetRequests(host);
  await host.open();
  await host.waitForReady();
  await addCards(host, 6);
  await revealAdded(host);
  return (await settledRequests(host)) - before;
}
