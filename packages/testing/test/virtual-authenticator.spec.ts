import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { addVirtualAuthenticator, chromiumLaunchOptions, startSandbox } from '../src/index.ts';

test.use({ launchOptions: chromiumLaunchOptions() });

test('a virtual authenticator answers a page\'s passkey creation and assertion, and lists the passkey it made', async ({ page }) => {
  const server = createServer((_req, res) => res.end('<!doctype html><title>rp</title>'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    // `frame.localhost` is a host name a relying party may have; the server still listens on 127.0.0.1.
    await page.goto(`http://frame.localhost:${(server.address() as AddressInfo).port}/`);
    const authenticator = await addVirtualAuthenticator(page);
    const made = await page.evaluate(async () => {
      const created = (await navigator.credentials.create({
        publicKey: {
          challenge: crypto.getRandomValues(new Uint8Array(32)),
          rp: { name: 'test', id: 'frame.localhost' },
          user: { id: crypto.getRandomValues(new Uint8Array(16)), name: 'card', displayName: 'card' },
          pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
          authenticatorSelection: { userVerification: 'required', residentKey: 'required' },
        },
      })) as PublicKeyCredential;
      const asserted = (await navigator.credentials.get({ publicKey: { challenge: new Uint8Array(32), rpId: 'frame.localhost', userVerification: 'required' } })) as PublicKeyCredential;
      return { created: created.id, asserted: asserted.id };
    });
    expect(made.asserted).toBe(made.created);
    expect(await authenticator.credentials()).toEqual([{ credentialId: made.created, signCount: 2, rpId: 'frame.localhost' }]); // one creation, one assertion
    await authenticator.remove();
  } finally {
    server.close();
  }
});

test('startSandbox can serve its frame on a host name, with an issuer that trusts passkeys from that frame only', async () => {
  const sandbox = await startSandbox({ frameHost: 'frame.localhost', binding: 'bound', hostOrigins: ['http://localhost:1234'] });
  try {
    expect(sandbox.frameUrl).toMatch(/^http:\/\/frame\.localhost:\d+\/$/);
    expect(sandbox.issuer.binding.mode).toBe('bound');
    // The page's own sessionid, with no passkey assertion, is refused.
    const refused = await fetch(`${sandbox.issuerUrl}/card`, { headers: { sessionid: 'AAAA' } });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: { code: 'binding_required' } });
  } finally {
    await sandbox.close();
  }
});
