// Interoperability with GnuPG (Debian's gpg): what the frame seals, gpg
// opens; what gpg encrypts to a frame key, the frame opens. Each run uses a
// throwaway GNUPGHOME, so nothing touches the user's keyrings.
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { rejectionCode } from '@cardframe/test-env';
import { PgpResponseKeys, importIssuerPgpKey, importPgpReplyVerifyKey, sealPgp } from '../../src/pgp/index.ts';

const hasGpg = spawnSync('gpg', ['--version'], { stdio: 'ignore' }).status === 0;
const PIN = new TextEncoder().encode('{"pin":"4821"}');

describe('OpenPGP interop with the gpg command line', { skip: hasGpg ? false : 'gpg is not installed' }, () => {
  let home: string;
  const gpg = (args: readonly string[], input?: string | Uint8Array): Buffer =>
    execFileSync('gpg', ['--homedir', home, '--batch', '--yes', '--quiet', '--no-tty', '--pinentry-mode', 'loopback', '--passphrase', '', ...args], {
      ...(input === undefined ? {} : { input }),
      stdio: ['pipe', 'pipe', 'pipe'],
      maxBuffer: 32 * 1024 * 1024,
    });
  const fingerprintOf = (uid: string): string => {
    const line = gpg(['--with-colons', '--list-keys', uid]).toString().split('\n').find((l) => l.startsWith('fpr:'))!;
    return line.split(':')[9]!.toLowerCase();
  };

  before(() => {
    home = mkdtempSync(join(tmpdir(), 'cardframe-gnupg-'));
    // Curve25519 (gpg's "future-default": Ed25519 + Cv25519) and RSA 3072, as issuers make them.
    gpg(['--quick-generate-key', 'Issuer Cv25519 <cv@issuer.example>', 'future-default', 'default', 'never']);
    gpg(['--quick-generate-key', 'Issuer RSA <rsa@issuer.example>', 'rsa3072', 'sign', 'never']);
    gpg(['--quick-add-key', fingerprintOf('rsa@issuer.example'), 'rsa3072', 'encr', 'never']);
    // A key whose primary only certifies, with an encryption subkey: it can sign nothing.
    gpg(['--quick-generate-key', 'Issuer Cert-only <cert@issuer.example>', 'ed25519', 'cert', 'never']);
    gpg(['--quick-add-key', fingerprintOf('cert@issuer.example'), 'cv25519', 'encr', 'never']);
  });
  after(() => rmSync(home, { recursive: true, force: true }));

  for (const uid of ['cv@issuer.example', 'rsa@issuer.example']) {
    it(`seals a PIN to a gpg-made key (${uid}) that gpg decrypts, uncompressed`, async () => {
      const armored = gpg(['--armor', '--export', uid]).toString();
      const key = await importIssuerPgpKey({ kid: fingerprintOf(uid), use: 'enc', pgp: armored });
      const sealed = await sealPgp(PIN, key);
      assert.equal(gpg(['--decrypt'], sealed).toString(), '{"pin":"4821"}');
      const packets = gpg(['--list-packets'], sealed).toString();
      assert.doesNotMatch(packets, /compressed packet/);
      assert.match(packets, /mdc_method: 2|encrypted data packet/);
    });
  }

  it('seals one message to two gpg keys at once, and gpg opens it with either', async () => {
    const keys = await Promise.all(['cv@issuer.example', 'rsa@issuer.example'].map(async (uid) => importIssuerPgpKey(gpg(['--armor', '--export', uid]).toString())));
    const sealed = await sealPgp(PIN, keys);
    const recipients = gpg(['--list-packets'], sealed).toString().match(/pubkey enc packet/g) ?? [];
    assert.equal(recipients.length, 2);
    assert.equal(gpg(['--decrypt'], sealed).toString(), '{"pin":"4821"}');
  });

  it('opens in the frame what gpg encrypts to a frame-held key, compressed or not', async () => {
    const keys = new PgpResponseKeys();
    const publicKey = await keys.current();
    gpg(['--import'], publicKey.pgp);
    const encrypt = (extra: readonly string[], input: string | Uint8Array): string =>
      gpg(['--armor', '--trust-model', 'always', '--encrypt', '--recipient', publicKey.kid, ...extra], input).toString();
    const card = '{"pan":"4242424242424242","cvc":"123","expiry":"12/2030"}';
    assert.equal(new TextDecoder().decode((await keys.open(encrypt([], card))).plaintext), card);
    assert.equal(new TextDecoder().decode((await keys.open(encrypt(['--compress-algo', 'zlib'], card))).plaintext), card);
  });

  it('stops a gpg-made compression bomb with ERR_MESSAGE_TOO_LARGE, and a message gpg signed but sent to another key with ERR_KEY_NOT_FOUND', async () => {
    const keys = new PgpResponseKeys();
    const publicKey = await keys.current();
    gpg(['--import'], publicKey.pgp);
    const bomb = gpg(['--armor', '--trust-model', 'always', '--compress-algo', 'zlib', '-z', '9', '--encrypt', '--recipient', publicKey.kid], new Uint8Array(16 * 1024 * 1024)).toString();
    assert.ok(bomb.length < 64 * 1024, `the bomb is ${bomb.length} characters`);
    assert.equal(await rejectionCode(keys.open(bomb)), 'ERR_MESSAGE_TOO_LARGE');
    const elsewhere = gpg(['--armor', '--trust-model', 'always', '--sign', '--local-user', 'cv@issuer.example', '--encrypt', '--recipient', 'rsa@issuer.example'], 'x').toString();
    assert.equal(await rejectionCode(keys.open(elsewhere)), 'ERR_KEY_NOT_FOUND');
  });

  it('opens a reply gpg signed and encrypted to a frame key, checked against the gpg key pinned for signing; a key that cannot sign is refused', async () => {
    const signer = await importPgpReplyVerifyKey(gpg(['--armor', '--export', 'cv@issuer.example']).toString());
    assert.equal(signer.fingerprint, fingerprintOf('cv@issuer.example'));
    assert.equal(await rejectionCode(importPgpReplyVerifyKey(gpg(['--armor', '--export', 'cert@issuer.example']).toString())), 'ERR_KEY_INVALID');
    const keys = new PgpResponseKeys({ open: { signedBy: { keys: async () => [signer.key] } } });
    const publicKey = await keys.current();
    gpg(['--import'], publicKey.pgp);
    const card = '{"pan":"4242424242424242","cvc":"123","expiry":"12/2030"}';
    const signed = gpg(['--armor', '--trust-model', 'always', '--sign', '--local-user', 'cv@issuer.example', '--encrypt', '--recipient', publicKey.kid], card).toString();
    assert.equal(new TextDecoder().decode((await keys.open(signed)).plaintext), card);
    const byRsa = gpg(['--armor', '--trust-model', 'always', '--sign', '--local-user', 'rsa@issuer.example', '--encrypt', '--recipient', publicKey.kid], card).toString();
    assert.equal(await rejectionCode(keys.open(byRsa)), 'ERR_KEY_NOT_FOUND');
    keys.drop();
  });
});
