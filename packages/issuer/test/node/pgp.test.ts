import { expect } from 'chai';
import { before, describe, it } from '@cardframe/test-env';
import { pinPayload } from '@cardframe/crypto';
import { PgpResponseKeys, importIssuerPgpKey, importPgpReplyVerifyKey, openPgp, sealPgp } from '@cardframe/crypto/pgp';
import { RotatingPgpKeyRing, generatePgpPinKey, generatePgpReplySigningKey, importPgpReplySigningKey, openPgpEncryptedPin, sealPgpResponse, sealSignedPgpReply, type PgpPinKey } from '../../src/index.ts';
import { issuerCode } from './issuer-code.ts';

const seal = async (key: PgpPinKey, payload: string): Promise<string> => sealPgp(new TextEncoder().encode(payload), await importIssuerPgpKey(key.publicEntry));

describe('issuer OpenPGP PIN opening', () => {
  let a: PgpPinKey;
  let b: PgpPinKey;
  let find: (id: string) => PgpPinKey | undefined;
  before(async () => {
    [a, b] = await Promise.all([generatePgpPinKey(), generatePgpPinKey('p256')]);
    find = (id) => [a, b].find((key) => key.kid === id || key.ids.includes(id.toLowerCase()));
  });

  it('publishes each key as {kid: fingerprint, kty: PGP, use: enc, pgp: armored public key}', () => {
    expect(Object.keys(a.publicEntry)).to.deep.equal(['kid', 'kty', 'use', 'pgp']);
    expect(a.publicEntry.kid).to.match(/^[0-9a-f]{40}$/);
    expect(a.publicEntry.pgp).to.match(/^-----BEGIN PGP PUBLIC KEY BLOCK-----/);
  });

  it('opens an armored PIN message by the fingerprint or the key id in key_id', async () => {
    expect(await openPgpEncryptedPin(await seal(a, '{"pin":"4821"}'), a.kid, find)).to.equal('4821');
    expect(await openPgpEncryptedPin(await seal(b, '{"pin":"905731"}'), b.privateKey.getKeyID().toHex(), find)).to.equal('905731');
  });

  it('seals the frame\'s padded payload of every PIN length to messages of one length, and opens each', async () => {
    const key = await importIssuerPgpKey(a.publicEntry);
    const pins = Array.from({ length: 9 }, (_, i) => '482193057316'.slice(0, i + 4));
    const sealed = await Promise.all(pins.map((pin) => sealPgp(pinPayload(pin), key)));
    expect(new Set(sealed.map((message) => message.length)).size).to.equal(1);
    for (const [i, message] of sealed.entries()) expect(await openPgpEncryptedPin(message, a.kid, find)).to.equal(pins[i]);
    expect(await issuerCode(openPgpEncryptedPin(await sealPgp(pinPayload('2580'), key), a.kid, find, { refuseGuessable: true }))).to.equal('guessable_pin');
  });

  it('refuses an unknown key_id, a key_id naming another key than the message, garbage and non-PIN payloads', async () => {
    const sealed = await seal(a, '{"pin":"4821"}');
    expect(await issuerCode(openPgpEncryptedPin(sealed, '0123456789abcdef', find))).to.equal('unknown_key');
    expect(await issuerCode(openPgpEncryptedPin(sealed, b.kid, find))).to.equal('key_id_mismatch');
    expect(await issuerCode(openPgpEncryptedPin('-----BEGIN PGP MESSAGE-----\n\nAAAA\n-----END PGP MESSAGE-----', a.kid, find))).to.equal('invalid_encrypted_pin');
    expect(await issuerCode(openPgpEncryptedPin('a.b.c.d.e', a.kid, find))).to.equal('invalid_encrypted_pin');
    expect(await issuerCode(openPgpEncryptedPin(await seal(a, '{"pin":"12a4"}'), a.kid, find))).to.equal('invalid_pin');
    expect(await issuerCode(openPgpEncryptedPin(await seal(a, '{"pin":"1234","x":1}'), a.kid, find))).to.equal('invalid_pin');
  });
});

describe('issuer OpenPGP key rotation', () => {
  it('keeps next, active and retiring keys trusted, refuses retired ones, and survives a save and load', async () => {
    const ring = await RotatingPgpKeyRing.create(1_700_000_000_000);
    const first = ring.active;
    expect(ring.keySet().keys.map((k) => k.kid)).to.have.length(2);
    await ring.rotate(1_700_000_100_000);
    expect(ring.accept(first.kid).stage).to.equal('retiring');
    await ring.rotate(1_700_000_200_000);
    expect(await issuerCode(() => ring.accept(first.kid))).to.equal('retired_key');
    expect(await issuerCode(() => ring.accept('ffffffffffffffff'))).to.equal('unknown_key');
    expect(ring.keySet().keys.map((k) => k.kid)).not.to.include(first.kid);

    const loaded = await RotatingPgpKeyRing.fromJSON(JSON.parse(JSON.stringify(ring.toJSON())));
    expect(loaded.active.kid).to.equal(ring.active.kid);
    const sealed = await seal(ring.active, '{"pin":"7391"}');
    expect(await openPgpEncryptedPin(sealed, ring.active.kid, (id) => loaded.accept(id))).to.equal('7391');
  });
});

describe('issuer OpenPGP responses', () => {
  it('encrypts a response to a frame-held OpenPGP key that only that frame key opens', async () => {
    const frame = new PgpResponseKeys();
    const publicKey = await frame.current();
    const sealed = await sealPgpResponse({ pan: '4242424242424242' }, publicKey);
    expect(JSON.parse(new TextDecoder().decode((await frame.open(sealed)).plaintext))).to.deep.equal({ pan: '4242424242424242' });
    const other = await generatePgpPinKey();
    expect((await openPgp(sealed, () => ({ kid: other.kid, key: other.privateKey })).catch((error: { code: string }) => error.code))).to.equal('ERR_KEY_NOT_FOUND');
  });

  it('refuses a public_key that is not an OpenPGP encryption key with invalid_key', async () => {
    expect(await issuerCode(sealPgpResponse({}, { kty: 'EC', crv: 'P-256', x: 'AA', y: 'AA' }))).to.equal('invalid_key');
    expect(await issuerCode(sealPgpResponse({}, { kty: 'PGP', pgp: '-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nAA\n-----END PGP PUBLIC KEY BLOCK-----' }))).to.equal('invalid_key');
  });
});

describe('issuer OpenPGP signed key-pair replies', () => {
  const CARD = { pan: '4242424242424242', cvc: '123', expiry: '12/2030' };
  const NONCE = 'AAAAAAAAAAAAAAAAAAAAAA';

  it('signs the card, the frame key fingerprint, the nonce and iat, and encrypts it to the frame key: only the published signing key verifies it', async () => {
    const signing = await generatePgpReplySigningKey();
    expect(signing.publicEntry).to.include({ kid: signing.kid, kty: 'PGP', use: 'sig' });
    const verifyKey = await importPgpReplyVerifyKey(signing.publicEntry);
    const frame = new PgpResponseKeys({ open: { signedBy: { keys: async () => [verifyKey.key] } } });
    const publicKey = await frame.current();
    const sealed = await sealSignedPgpReply(CARD, { nonce: NONCE }, publicKey, signing, 1_800_000_000_000);
    const claims = JSON.parse(new TextDecoder().decode((await frame.open(sealed)).plaintext)) as Record<string, unknown>;
    expect(claims).to.deep.equal({ ...CARD, kid: publicKey.kid, nonce: NONCE, iat: 1_800_000_000 });
    const other = await generatePgpReplySigningKey('p256');
    const strict = new PgpResponseKeys({ open: { signedBy: { keys: async () => [(await importPgpReplyVerifyKey(other.publicEntry)).key] } } });
    expect(await strict.open(await sealSignedPgpReply(CARD, { nonce: NONCE }, await strict.current(), signing)).catch((error: { code: string }) => error.code)).to.equal('ERR_KEY_NOT_FOUND');
    expect((await importPgpReplySigningKey(signing.privateKey.armor())).kid).to.equal(signing.kid);
    frame.drop();
    strict.drop();
  });

  it('refuses a malformed nonce with invalid_request and a key that is not OpenPGP with invalid_key', async () => {
    const signing = await generatePgpReplySigningKey();
    const frame = new PgpResponseKeys();
    expect(await issuerCode(sealSignedPgpReply(CARD, { nonce: 'short' }, await frame.current(), signing))).to.equal('invalid_request');
    expect(await issuerCode(sealSignedPgpReply(CARD, { nonce: NONCE }, { kty: 'EC', crv: 'P-256', x: 'AA', y: 'AA' }, signing))).to.equal('invalid_key');
    frame.drop();
  });
});
