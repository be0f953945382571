// Crypto overhead in the page: cardframe's API against jose / WebCrypto
// directly, run by the built crypto-page.js the floor server hands out.
import { opsRows, type Comparison, type OpsRow } from '../ops.ts';
import type { BenchPage } from '../page-actions.ts';
import { step } from '../progress.ts';

export async function cryptoInPage({ page, floorUrl }: BenchPage): Promise<Record<string, OpsRow>> {
  step('crypto overhead in the page');
  const results = (await page.evaluate(async (url) => {
    const module = (await import(url)) as { runCryptoBench(): Promise<unknown> };
    return module.runCryptoBench();
  }, `${floorUrl}crypto-page.js`)) as Record<string, Comparison>;
  return opsRows(results);
}
