import type { Demo } from '@cardframe/demo';
import type { HostPage } from './fixtures.ts';

// Helpers of the Add to wallet suites (e2e/provisioning.spec.ts, e2e/binding/provisioning.spec.ts).

/** Records each provisioning code the sandbox issuer issues (its challenge store is in this process). */
export function recordCodes(demo: Demo): string[] {
  const codes: string[] = [];
  const store = demo.issuer!.binding.challenges;
  const put = store.put.bind(store);
  store.put = async (key, record) => {
    if (record.purpose === 'provisioning') codes.push(key);
    return put(key, record);
  };
  return codes;
}

export async function walletCards(demo: Demo): Promise<{ cardId: string; walletCardId: string }[]> {
  const response = await fetch(`${demo.issuer!.url}/sandbox/wallet/cards`);
  return ((await response.json()) as { cards: { cardId: string; walletCardId: string }[] }).cards;
}

export async function addToWallet(host: HostPage): Promise<unknown> {
  const outcome = host.nextEvent('cardframe-provision');
  await host.frame.getByRole('button', { name: 'Add to wallet' }).click();
  return outcome;
}
