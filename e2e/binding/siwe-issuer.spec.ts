import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { startSandboxIssuer } from '@cardframe/demo';
import { expect, test } from '../fixtures.ts';

// SIWE binding at the issuer through the merchant backend, with viem
// accounts standing in for wallets: the demo's stand-in wallet signs the
// good case, the test's own accounts and edits make the refusals.
test.use({ demoOptions: { binding: 'bound' } });

type Json = { [key: string]: unknown; error?: { code: string } };

async function call(url: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: Json }> {
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    ...(init.body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(init.body) }),
  });
  return { status: response.status, body: (await response.json()) as Json };
}

test('the stand-in wallet binds a card via PATCH /; another signer and another domain are refused with their codes', async ({ demo }) => {
  const api = (path: string): string => new URL(path, demo.merchantUrl).href;
  const { address } = (await call(api('/api/sandbox-wallet'))).body as { address: string };
  // The card of this test only: card_amex (`?card=` picks it at the merchant backend).
  const challenge = async (): Promise<string> => {
    const { status, body } = await call(api(`/api/card?card=card_amex&scope=siwe&address=${address}`));
    expect(status).toBe(200);
    return body['challenge'] as string;
  };

  const message = await challenge();
  expect(message).toMatch(new RegExp(`^${new URL(demo.merchantUrl).host} wants you to sign in with your Ethereum account:\\n${address}\\n`));
  expect(message).toMatch(/\nURI: http:\/\/localhost:\d+\/\nVersion: 1\nChain ID: 1\nNonce: [A-Za-z0-9]{8,}\nIssued At: .+\nExpiration Time: .+$/);
  const { signature } = (await call(api('/api/sandbox-wallet/sign'), { method: 'POST', body: { message } })).body as { signature: string };
  expect(await call(api('/api/card?card=card_amex'), { method: 'PATCH', body: { scope: 'siwe', message, signature } })).toEqual({ status: 200, body: { bound: true, scope: 'siwe', address } });

  // Another wallet signs the message issued to the card's wallet.
  const stranger = privateKeyToAccount(generatePrivateKey());
  const forOther = await challenge();
  const wrongSigner = await call(api('/api/card?card=card_amex'), { method: 'PATCH', body: { scope: 'siwe', message: forOther, signature: await stranger.signMessage({ message: forOther }) } });
  expect([wrongSigner.status, wrongSigner.body.error?.code]).toEqual([401, 'siwe_wrong_signer']);

  // The right wallet signs the issued message moved to another site (a phishing page's domain).
  const moved = (await challenge()).replace(/^[^ ]+ wants you/, 'evil.example wants you');
  const { signature: movedSignature } = (await call(api('/api/sandbox-wallet/sign'), { method: 'POST', body: { message: moved } })).body as { signature: string };
  const wrongDomain = await call(api('/api/card?card=card_amex'), { method: 'PATCH', body: { scope: 'siwe', message: moved, signature: movedSignature } });
  expect([wrongDomain.status, wrongDomain.body.error?.code]).toEqual([401, 'siwe_wrong_domain']);
  expect(demo.issuer!.stats.bindingRefusals).toMatchObject({ siwe_wrong_signer: 1, siwe_wrong_domain: 1 });
});

test('an expired SIWE message is refused as siwe_expired, even with a good signature', async () => {
  const wallet = privateKeyToAccount(generatePrivateKey());
  const issuer = await startSandboxIssuer({ siwe: { domain: 'shop.example', uri: 'https://shop.example/' }, challengeTtlMs: 300 });
  try {
    const { body } = await call(`${issuer.url}/card?scope=siwe&address=${wallet.address}`);
    const message = body['challenge'] as string;
    const expires = Date.parse(/\nExpiration Time: (.+)$/.exec(message)![1]!);
    // Past the message's own Expiration Time, not a guess at the clock.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, expires - Date.now()) + 20));
    const late = await call(`${issuer.url}/`, { method: 'PATCH', body: { scope: 'siwe', message, signature: await wallet.signMessage({ message }) } });
    expect([late.status, late.body.error?.code]).toEqual([401, 'siwe_expired']);
  } finally {
    await issuer.close();
  }
});
