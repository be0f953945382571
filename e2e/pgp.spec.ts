import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, Route } from '@playwright/test';
import { expect, pgpChunkRequests, test } from './fixtures.ts';

const hasGpg = spawnSync('gpg', ['--version'], { stdio: 'ignore' }).status === 0;
const CARD = '{"pan":"4242424242424242","cvc":"123","expiry":"12/2030"}';

/** gpg in a throwaway GNUPGHOME, as an issuer using the command line would encrypt. */
function withGpg<T>(use: (gpg: (args: readonly string[], input?: string | Uint8Array) => string) => T): T {
  const home = mkdtempSync(join(tmpdir(), 'cardframe-e2e-gnupg-'));
  try {
    return use((args, input) =>
      execFileSync('gpg', ['--homedir', home, '--batch', '--yes', '--quiet', '--no-tty', '--pinentry-mode', 'loopback', '--passphrase', '', ...args], {
        ...(input === undefined ? {} : { input }),
        stdio: ['pipe', 'pipe', 'pipe'],
        maxBuffer: 32 * 1024 * 1024,
      }).toString(),
    );
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

/** Answers the key-pair reveal's backend call with what `answer` makes from the frame's public key. */
async function answerCardDetails(page: Page, answer: (publicKey: { kty: string; kid: string; pgp: string }) => string): Promise<void> {
  await page.route('**/api/card-details', (route: Route) => {
    const { public_key } = route.request().postDataJSON() as { public_key: { kty: string; kid: string; pgp: string } };
    return route.fulfill({ status: 200, contentType: 'application/pgp-encrypted', body: answer(public_key) });
  });
}

test.use({ demoOptions: { messageFormat: 'pgp' } });

test.describe('an OpenPGP issuer', () => {
  test('PIN change: the frame loads its OpenPGP chunk, the host forwards an armored message with the key fingerprint as key_id, and the issuer takes the PIN', async ({ host, demo }) => {
    const chunks = pgpChunkRequests(host);
    await host.open();
    await expect(host.pinFrame.getByRole('button', { name: 'Set PIN' })).toBeEnabled();
    expect(chunks.length).toBeGreaterThan(0);
    const body = host.page.waitForRequest((request) => request.url().endsWith('/api/pin')).then((request) => request.postDataJSON() as Record<string, string>);
    const submitted = host.nextEvent('cardframe-submit', '#pin');
    await host.fillPin('4821');
    await host.pinFrame.getByRole('button', { name: 'Set PIN' }).click();
    expect(await submitted).toEqual({ flow: 'pin', status: 'COMPLETED' });
    const sent = await body;
    expect(Object.keys(sent).sort()).toEqual(['device_id', 'encrypted_pin', 'key_id', 'signature']);
    expect(sent['encrypted_pin']).toMatch(/^-----BEGIN PGP MESSAGE-----\r?\n[\s\S]+-----END PGP MESSAGE-----\r?\n?$/);
    expect(sent['key_id']).toBe(demo.issuer!.pgpPinKey.kid);
    expect(demo.issuer!.pinOf('card_default')).toBe('4821');

    const pinCard = host.page.frameLocator('#pin-reveal iframe');
    await pinCard.getByRole('button', { name: /Reveal/ }).click();
    await expect(pinCard.locator('[data-field=pin]')).toHaveText('4821');
    await host.expectNothingLeaked(['4821']);
    expect(host.consoleErrors).toEqual([]);
  });

  test('key-pair reveal: the frame sends only its OpenPGP public key, the issuer answers with an armored message, and a new key follows a hide', async ({ host }) => {
    await host.open();
    const frame = host.page.frameLocator('#card-keypair iframe');
    const keys: Record<string, string>[] = [];
    host.page.on('request', (request) => {
      if (request.url().endsWith('/api/card-details')) keys.push((request.postDataJSON() as { public_key: Record<string, string> }).public_key);
    });
    const answered = host.page.waitForResponse((response) => response.url().endsWith('/api/card-details')).then((response) => response.text());
    await frame.getByRole('button', { name: /Reveal/ }).click();
    await expect(frame.locator('[data-field=pan]')).toHaveText('4242 4242 4242 4242');
    await expect(frame.locator('[data-field=cvc]')).toHaveText('123');
    await expect(frame.locator('[data-field=expiry]')).toHaveText('12/30');
    expect(keys[0]).toMatchObject({ kty: 'PGP', use: 'enc' });
    expect(keys[0]!['kid']).toMatch(/^[0-9a-f]{40}$/);
    expect(keys[0]!['pgp']).toMatch(/^-----BEGIN PGP PUBLIC KEY BLOCK-----/);
    expect(await answered).toMatch(/^-----BEGIN PGP MESSAGE-----/);

    // The private key is dropped with the values: the next reveal uses a fresh key.
    await frame.getByRole('button', { name: /Hide/ }).click();
    await frame.getByRole('button', { name: /Reveal/ }).click();
    await expect(frame.locator('[data-field=pan]')).toHaveText('4242 4242 4242 4242');
    expect(keys).toHaveLength(2);
    expect(keys[1]!['kid']).not.toBe(keys[0]!['kid']);
    await host.expectNothingLeaked(['4242424242424242', '123']);
  });

  test('what gpg encrypts to the frame-held key opens in the frame', async ({ host }) => {
    test.skip(!hasGpg, 'gpg is not installed');
    await host.open();
    await answerCardDetails(host.page, (publicKey) =>
      withGpg((gpg) => {
        gpg(['--import'], publicKey.pgp);
        return gpg(['--armor', '--trust-model', 'always', '--compress-algo', 'zlib', '--encrypt', '--recipient', publicKey.kid], CARD);
      }),
    );
    const frame = host.page.frameLocator('#card-keypair iframe');
    await frame.getByRole('button', { name: /Reveal/ }).click();
    await expect(frame.locator('[data-field=pan]')).toHaveText('4242 4242 4242 4242');
    await expect(frame.locator('[data-field=expiry]')).toHaveText('12/30');
  });

  test('bad OpenPGP answers end in typed errors, the frame masks everything, and an honest retry works', async ({ host }) => {
    test.skip(!hasGpg, 'gpg is not installed');
    await host.open();
    const frame = host.page.frameLocator('#card-keypair iframe');
    const cases: { answer: (publicKey: { kid: string; pgp: string }) => string; code: string }[] = [
      { answer: () => '-----BEGIN PGP MESSAGE-----\n\nhQEMA!!!not base64\n-----END PGP MESSAGE-----\n', code: 'ERR_CIPHERTEXT_INVALID' },
      {
        // 16 MiB of zeros deflate to a few KiB: the frame stops inflating at its ceiling.
        answer: (publicKey) =>
          withGpg((gpg) => {
            gpg(['--import'], publicKey.pgp);
            return gpg(['--armor', '--trust-model', 'always', '--compress-algo', 'zlib', '-z', '9', '--encrypt', '--recipient', publicKey.kid], new Uint8Array(16 * 1024 * 1024));
          }),
        code: 'ERR_MESSAGE_TOO_LARGE',
      },
      {
        // The card, but encrypted to a key the host made: the frame holds nothing that opens it.
        answer: () =>
          withGpg((gpg) => {
            gpg(['--quick-generate-key', 'Host <host@example.test>', 'future-default', 'default', 'never']);
            return gpg(['--armor', '--trust-model', 'always', '--encrypt', '--recipient', 'host@example.test'], CARD);
          }),
        code: 'ERR_KEY_NOT_FOUND',
      },
    ];
    for (const { answer, code } of cases) {
      await answerCardDetails(host.page, answer);
      const failure = host.nextEvent<{ code: string }>('cardframe-error', '#card-keypair');
      await frame.getByRole('button', { name: /Reveal/ }).click();
      expect(await failure).toMatchObject({ code });
      await expect(frame.getByRole('alert')).toBeVisible();
      await expect(frame.locator('[data-field=pan]')).toHaveText('•••• •••• •••• ••••');
      await host.page.unrouteAll();
    }
    await frame.getByRole('button', { name: /Reveal/ }).click();
    await expect(frame.locator('[data-field=pan]')).toHaveText('4242 4242 4242 4242');
    expect(host.pageErrors).toEqual([]);
  });
});
