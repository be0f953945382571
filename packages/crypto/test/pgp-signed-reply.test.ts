import { expect } from 'chai';
import { createMessage, encrypt, generateKey, readKey, revokeKey } from 'openpgp';
import { before, describe, it, rejectionCode } from '@cardframe/test-env';
import { PgpResponseKeys, generatePgpKeyPair, importIssuerPgpKey, importPgpReplyVerifyKey, sealPgp, type PgpKeyPair } from '../src/pgp/index.ts';

const CARD = new TextEncoder().encode('{"pan":"4242424242424242"}');
const DAY = 24 * 3600 * 1000;

describe('OpenPGP reply-signing keys', () => {
  let issuer: PgpKeyPair;
  before(async () => {
    issuer = await generatePgpKeyPair({ name: 'issuer reply signer' });
  });

  it('imports a public key that can sign, armored or as a key-set entry, named by fingerprint unless a kid is given', async () => {
    const pinned = await importPgpReplyVerifyKey(issuer.publicArmored);
    expect(pinned.kid).to.equal(issuer.fingerprint);
    expect(pinned.ids).to.include(issuer.fingerprint);
    expect((await importPgpReplyVerifyKey({ kid: 'sig-2026', kty: 'PGP', use: 'sig', pgp: issuer.publicArmored })).kid).to.equal('sig-2026');
    const p256 = await generatePgpKeyPair({ type: 'p256' });
    expect((await importPgpReplyVerifyKey(p256.publicArmored)).fingerprint).to.equal(p256.fingerprint);
  });

  it('refuses a private key, an expired or revoked key, use "enc", a kid naming another key, and two keys in one block', async () => {
    expect(await rejectionCode(importPgpReplyVerifyKey(issuer.privateKey.armor()))).to.equal('ERR_KEY_INVALID');
    const { publicKey: expired } = await generateKey({ type: 'ecc', curve: 'curve25519Legacy', userIDs: [{ name: 'old' }], date: new Date(Date.now() - 10 * DAY), keyExpirationTime: 86_400, format: 'armored' });
    expect(await rejectionCode(importPgpReplyVerifyKey(expired))).to.equal('ERR_KEY_INVALID');
    const { publicKey: revoked } = await revokeKey({ key: issuer.privateKey, format: 'armored' });
    expect((await readKey({ armoredKey: revoked })).getFingerprint()).to.equal(issuer.fingerprint);
    expect(await rejectionCode(importPgpReplyVerifyKey(revoked))).to.equal('ERR_KEY_INVALID');
    expect(await rejectionCode(importPgpReplyVerifyKey({ use: 'enc', pgp: issuer.publicArmored }))).to.equal('ERR_KEY_INVALID');
    const other = await generatePgpKeyPair();
    expect(await rejectionCode(importPgpReplyVerifyKey({ kid: other.fingerprint, pgp: issuer.publicArmored }))).to.equal('ERR_KEY_INVALID');
    expect(await rejectionCode(importPgpReplyVerifyKey(`${issuer.publicArmored}\n${other.publicArmored}`))).to.equal('ERR_KEY_INVALID');
  });
});

describe('opening OpenPGP replies that must be signed', () => {
  let issuer: PgpKeyPair;
  let rotated: PgpKeyPair;
  let host: PgpKeyPair;
  before(async () => {
    [issuer, rotated, host] = await Promise.all([generatePgpKeyPair(), generatePgpKeyPair(), generatePgpKeyPair()]);
  });

  const sealTo = async (keys: PgpResponseKeys, signer?: PgpKeyPair): Promise<string> =>
    sealPgp(CARD, await importIssuerPgpKey((await keys.current()) as unknown), signer ? { signingKey: signer.privateKey } : {});

  it('opens a message signed by a trusted key, and names unsigned, untrusted-signer and revoked-signer ones with their codes', async () => {
    const keys = new PgpResponseKeys({ open: { signedBy: { keys: async () => [issuer.privateKey.toPublic()] } } });
    expect(new TextDecoder().decode((await keys.open(await sealTo(keys, issuer))).plaintext)).to.equal('{"pan":"4242424242424242"}');
    expect(await rejectionCode(keys.open(await sealTo(keys)))).to.equal('ERR_SIGNATURE_INVALID');
    expect(await rejectionCode(keys.open(await sealTo(keys, host)))).to.equal('ERR_KEY_NOT_FOUND');
    // A host adding its own signature beside the issuer's changes nothing: the issuer's still verifies over the same data.
    const frameKey = await importIssuerPgpKey((await keys.current()) as unknown);
    const both = await encrypt({ message: await createMessage({ binary: CARD }), encryptionKeys: frameKey.key, signingKeys: [host.privateKey, issuer.privateKey], format: 'armored' });
    expect((await keys.open(both)).plaintext.length).to.equal(CARD.length);
    keys.drop();
    // The issuer's key revoked since: its signature no longer counts.
    const revoked = await readKey({ armoredKey: (await revokeKey({ key: issuer.privateKey, format: 'armored' })).publicKey });
    const afterRevocation = new PgpResponseKeys({ open: { signedBy: { keys: async () => [revoked] } } });
    expect(await rejectionCode(afterRevocation.open(await sealTo(afterRevocation, issuer)))).to.equal('ERR_SIGNATURE_INVALID');
    afterRevocation.drop();
  });

  it('refreshes the signing keys once when the signer is unknown, as after a rotation, and no more', async () => {
    let trusted = [issuer.privateKey.toPublic()];
    let refreshes = 0;
    const keys = new PgpResponseKeys({
      open: {
        signedBy: {
          keys: async () => trusted,
          refresh: async () => {
            refreshes++;
            trusted = [issuer.privateKey.toPublic(), rotated.privateKey.toPublic()];
            return true;
          },
        },
      },
    });
    expect((await keys.open(await sealTo(keys, rotated))).plaintext.length).to.equal(CARD.length);
    expect(refreshes).to.equal(1);
    expect(await rejectionCode(keys.open(await sealTo(keys, host)))).to.equal('ERR_KEY_NOT_FOUND');
    expect(refreshes).to.equal(2);
    keys.drop();
  });
});
