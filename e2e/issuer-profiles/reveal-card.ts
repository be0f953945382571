import { expect, type HostPage } from '../fixtures.ts';

// Issuers of seed 001 spell the plaintext card profile their own way. The
// sandbox issuer answers in another spelling than the demo's in each spec here;
// the encrypted fields are the same.
export const PAN = '4242424242424242';
export const CVC = '123';

/** Reveals the demo card and resolves with the reveal event's detail (fails if an error event comes first). */
export async function revealCard(host: HostPage): Promise<unknown> {
  await host.open();
  await host.waitForReady();
  const revealed = host.nextEvent('cardframe-reveal');
  await host.frame.getByRole('button', { name: /Reveal/ }).click();
  return revealed;
}

/** The body of the issuer's `GET /card` answer as the host relayed it. */
export function relayedCards(host: HostPage): Record<string, unknown>[] {
  const bodies: Record<string, unknown>[] = [];
  host.page.on('response', (response) => {
    if (new URL(response.url()).pathname === '/api/card') void response.json().then((body: Record<string, unknown>) => bodies.push(body), () => undefined);
  });
  return bodies;
}

