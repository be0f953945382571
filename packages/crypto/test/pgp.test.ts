import { expect } from 'chai';
import { armor, createMessage, encrypt, enums, generateKey, sign } from 'openpgp';
import { before, describe, it, rejectionCode } from '@cardframe/test-env';
import {
  MAX_PGP_MESSAGE_CHARS,
  PgpResponseKeys,
  findPgpKey,
  generatePgpKeyPair,
  importIssuerPgpKey,
  openPgp,
  pgpSealer,
  sealPgp,
  type PgpKeyPair,
} from '../src/pgp/index.ts';

const PIN = new TextEncoder().encode('{"pin":"4821"}');
const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);
const holder = (pair: PgpKeyPair) => () => ({ kid: pair.fingerprint, key: pair.privateKey });

describe('OpenPGP sealing to issuer keys', () => {
  let issuerA: PgpKeyPair;
  let issuerB: PgpKeyPair;
  before(async () => {
    [issuerA, issuerB] = await Promise.all([generatePgpKeyPair({ name: 'issuer A' }), generatePgpKeyPair({ name: 'issuer B', type: 'p256' })]);
  });

  it('seals to an issuer key named by fingerprint, and the holder of that key opens it', async () => {
    const key = await importIssuerPgpKey({ kid: issuerA.fingerprint, use: 'enc', pgp: issuerA.publicArmored });
    expect(key.kid).to.equal(issuerA.fingerprint);
    const armored = await sealPgp(PIN, key);
    expect(armored).to.match(/^-----BEGIN PGP MESSAGE-----/);
    const opened = await openPgp(armored, holder(issuerA));
    expect(text(opened.plaintext)).to.equal('{"pin":"4821"}');
    expect(key.ids).to.include(opened.keyId);
  });

  it('seals one message to several keys at once (as during a rotation), and each of them opens it', async () => {
    const keys = await Promise.all([issuerA, issuerB].map((pair) => importIssuerPgpKey(pair.publicArmored)));
    const armored = await sealPgp(PIN, keys);
    expect(text((await openPgp(armored, holder(issuerA))).plaintext)).to.equal('{"pin":"4821"}');
    expect(text((await openPgp(armored, holder(issuerB))).plaintext)).to.equal('{"pin":"4821"}');
  });

  it('implements the same sealer interface as JWE: import a published key, seal to it', async () => {
    expect(pgpSealer.format).to.equal('pgp');
    const key = await pgpSealer.importKey({ kid: 'issuer-label-2025', kty: 'PGP', use: 'enc', pgp: issuerB.publicArmored });
    expect(key.kid).to.equal('issuer-label-2025');
    expect(text((await openPgp(await pgpSealer.seal(PIN, key), holder(issuerB))).plaintext)).to.equal('{"pin":"4821"}');
  });

  it('finds a key by kid, fingerprint, key id or subkey id, in any case', async () => {
    const keys = [await importIssuerPgpKey({ kid: 'a', pgp: issuerA.publicArmored }), await importIssuerPgpKey({ pgp: issuerB.publicArmored })];
    const subkeyId = issuerB.privateKey.subkeys[0]!.getKeyID().toHex();
    expect(findPgpKey(keys, 'a')).to.equal(keys[0]);
    expect(findPgpKey(keys, issuerA.fingerprint.toUpperCase())).to.equal(keys[0]);
    expect(findPgpKey(keys, issuerB.privateKey.getKeyID().toHex())).to.equal(keys[1]);
    expect(findPgpKey(keys, subkeyId)).to.equal(keys[1]);
    expect(findPgpKey(keys, '0123456789abcdef')).to.equal(undefined);
  });

  it('refuses private keys, several keys, garbage, other use or kty, a kid naming another key, expired and oversized keys', async () => {
    const expired = await generateKey({ userIDs: [{ name: 'old' }], type: 'ecc', date: new Date(Date.now() - 3_600_000), keyExpirationTime: 60, format: 'armored' });
    const codes = await Promise.all([
      rejectionCode(importIssuerPgpKey(issuerA.privateKey.armor())),
      rejectionCode(importIssuerPgpKey(`${issuerA.publicArmored}\n${issuerB.publicArmored}`)),
      rejectionCode(importIssuerPgpKey('-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nAAAA\n-----END PGP PUBLIC KEY BLOCK-----')),
      rejectionCode(importIssuerPgpKey({ pgp: issuerA.publicArmored, use: 'sig' })),
      rejectionCode(importIssuerPgpKey({ pgp: issuerA.publicArmored, kty: 'RSA' })),
      rejectionCode(importIssuerPgpKey({ pgp: issuerA.publicArmored, kid: issuerB.fingerprint })),
      rejectionCode(importIssuerPgpKey(expired.publicKey)),
      rejectionCode(importIssuerPgpKey(`${issuerA.publicArmored}${' '.repeat(16 * 1024)}`)),
      rejectionCode(importIssuerPgpKey(42)),
    ]);
    expect(codes).to.deep.equal(Array(codes.length).fill('ERR_KEY_INVALID'));
  });

  it('refuses an RSA key shorter than 2048 bits', async () => {
    const weak = await generateKey({ userIDs: [{ name: 'weak' }], type: 'rsa', rsaBits: 1024, format: 'armored', config: { minRSABits: 1024 } });
    expect(await rejectionCode(importIssuerPgpKey(weak.publicKey))).to.equal('ERR_KEY_INVALID');
  });
});

describe('OpenPGP opening: bad input ends in typed errors, with memory bounded', () => {
  let frame: PgpKeyPair;
  let other: PgpKeyPair;
  let good: string;
  before(async () => {
    [frame, other] = await Promise.all([generatePgpKeyPair(), generatePgpKeyPair()]);
    good = await sealPgp(PIN, await importIssuerPgpKey(frame.publicArmored));
  });

  const open = (armored: unknown): Promise<string> => rejectionCode(openPgp(armored, holder(frame)));

  it('refuses non-strings and anything that is not one armored message, before parsing', async () => {
    expect(await open(undefined)).to.equal('ERR_CIPHERTEXT_INVALID');
    expect(await open(good.replace('BEGIN PGP MESSAGE', 'BEGIN PGP SIGNATURE'))).to.equal('ERR_CIPHERTEXT_INVALID');
    expect(await open('eyJhbGciOiJFQ0RILUVTIn0..a.b.c')).to.equal('ERR_CIPHERTEXT_INVALID');
  });

  it('refuses an oversized message unread', async () => {
    const padded = good.replace('-----BEGIN PGP MESSAGE-----', `-----BEGIN PGP MESSAGE-----\nComment: ${'x'.repeat(MAX_PGP_MESSAGE_CHARS)}`);
    expect(await open(padded)).to.equal('ERR_MESSAGE_TOO_LARGE');
  });

  it('gives ERR_CIPHERTEXT_INVALID for corrupted armor and garbled packets', async () => {
    const lines = good.split('\n');
    const body = lines.findIndex((line) => line.length > 40);
    const corrupted = lines.map((line, i) => (i === body ? `${line.slice(0, 10)}!!!!${line.slice(14)}` : line)).join('\n');
    expect(await open(corrupted)).to.equal('ERR_CIPHERTEXT_INVALID');
    const garbled = `-----BEGIN PGP MESSAGE-----\n\n${btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(200))))}\n-----END PGP MESSAGE-----`;
    expect(await open(garbled)).to.be.oneOf(['ERR_CIPHERTEXT_INVALID', 'ERR_ALG_NOT_ALLOWED']);
  });

  it('gives ERR_DECRYPT_FAILED when the encrypted data was tampered with', async () => {
    const binary = await encrypt({ message: await createMessage({ binary: PIN }), encryptionKeys: frame.privateKey.toPublic(), format: 'binary' });
    const bytes = new Uint8Array(binary as Uint8Array);
    bytes[bytes.length - 5]! ^= 0x01;
    expect(await open(armor(enums.armor.message, bytes))).to.equal('ERR_DECRYPT_FAILED');
  });

  it('gives ERR_KEY_NOT_FOUND for a message to a key it does not hold (the wrong key)', async () => {
    const toOther = await sealPgp(PIN, await importIssuerPgpKey(other.publicArmored));
    expect(await open(toOther)).to.equal('ERR_KEY_NOT_FOUND');
    // A resolver that hands over the wrong key anyway cannot make it open.
    expect(await rejectionCode(openPgp(toOther, () => ({ kid: 'x', key: frame.privateKey })))).to.equal('ERR_KEY_NOT_FOUND');
  });

  it('refuses password-encrypted, unencrypted and signed-only messages', async () => {
    const message = await createMessage({ binary: PIN });
    const password = await encrypt({ message, passwords: 'hunter2', format: 'armored' });
    const signedOnly = await sign({ message, signingKeys: other.privateKey, format: 'armored' });
    const both = await encrypt({ message, passwords: 'hunter2', encryptionKeys: frame.privateKey.toPublic(), format: 'armored' });
    expect(await open(password)).to.equal('ERR_ALG_NOT_ALLOWED');
    expect(await open(both)).to.equal('ERR_ALG_NOT_ALLOWED');
    expect(await open(signedOnly)).to.equal('ERR_CIPHERTEXT_INVALID');
  });

  it('opens a small compressed message but stops a compression bomb with ERR_MESSAGE_TOO_LARGE', async () => {
    const zlib = { preferredCompressionAlgorithm: enums.compression.zlib };
    const small = await encrypt({ message: await createMessage({ binary: PIN }), encryptionKeys: frame.privateKey.toPublic(), format: 'armored', config: zlib });
    expect(text((await openPgp(small, holder(frame))).plaintext)).to.equal('{"pin":"4821"}');
    // 8 MiB of zeros compresses to a few KiB, far under the armored size cap.
    const bomb = await encrypt({ message: await createMessage({ binary: new Uint8Array(8 * 1024 * 1024) }), encryptionKeys: frame.privateKey.toPublic(), format: 'armored', config: zlib });
    expect(bomb.length).to.be.below(MAX_PGP_MESSAGE_CHARS);
    expect(await open(bomb)).to.equal('ERR_MESSAGE_TOO_LARGE');
  });
});

describe('frame-held OpenPGP response keys', () => {
  it('hands out the public half only, and opens what is encrypted to it', async () => {
    const keys = new PgpResponseKeys();
    const publicKey = await keys.current();
    expect(publicKey).to.include({ kty: 'PGP', use: 'enc' });
    expect(publicKey.pgp).to.match(/^-----BEGIN PGP PUBLIC KEY BLOCK-----/);
    expect(publicKey.pgp).not.to.match(/PRIVATE/);
    expect(await keys.current()).to.equal(publicKey);
    const issuerSide = await importIssuerPgpKey(publicKey);
    expect(issuerSide.fingerprint).to.equal(publicKey.kid);
    const opened = await keys.open(await sealPgp(PIN, issuerSide));
    expect(text(opened.plaintext)).to.equal('{"pin":"4821"}');
    expect(opened.kid).to.equal(publicKey.kid);
  });

  it('opens nothing once dropped or expired', async () => {
    const clock = { t: 1_700_000_000_000 };
    const keys = new PgpResponseKeys({ ttlMs: 60_000, now: () => clock.t });
    const sealed = await sealPgp(PIN, await importIssuerPgpKey(await keys.current()));
    keys.drop();
    expect(keys.kids).to.deep.equal([]);
    expect(await rejectionCode(keys.open(sealed))).to.equal('ERR_KEY_NOT_FOUND');
    const again = await sealPgp(PIN, await importIssuerPgpKey(await keys.current()));
    clock.t += 60_001;
    expect(await rejectionCode(keys.open(again))).to.equal('ERR_KEY_NOT_FOUND');
  });
});
