import { expect } from 'chai';
import { describe, it } from '@cardframe/test-env';
import { exportDevicePublicKey, generateDeviceKeyPair, importIssuerEncryptionKey, pinPayload, sealJwe, signDeviceMessage } from '@cardframe/crypto';
import { DeviceRegistry, generatePinKey, openEncryptedPin, type PinKey } from '../../src/index.ts';
import { issuerCode } from './issuer-code.ts';

const rsa = generatePinKey('RSA');
const ec = generatePinKey('EC');
const held = new Map<string, PinKey>([[rsa.kid, rsa], [ec.kid, ec]]);
const find = (kid: string): PinKey | undefined => held.get(kid);

async function seal(key: PinKey, payload: string, policy = {}): Promise<string> {
  return sealJwe(new TextEncoder().encode(payload), await importIssuerEncryptionKey(key.publicJwk, policy));
}

describe('issuer PIN opening', () => {
  it('publishes RSA PIN keys exactly in the change-PIN API shape', () => {
    expect(Object.keys(rsa.publicJwk)).to.deep.equal(['kid', 'kty', 'use', 'alg', 'n', 'e']);
    expect(rsa.publicJwk).to.include({ kty: 'RSA', use: 'enc', alg: 'RS256', e: 'AQAB' });
  });

  it('opens RSA-OAEP-256 + A256CBC-HS512 and ECDH-ES + A256GCM PIN JWEs by kid', async () => {
    expect(await openEncryptedPin(await seal(rsa, '{"pin":"4821"}'), rsa.kid, find)).to.equal('4821');
    expect(await openEncryptedPin(await seal(ec, '{"pin":"905731"}'), ec.kid, find)).to.equal('905731');
  });

  it('refuses an unknown key_id, a key_id that differs from the kid, and RSA-OAEP unless enabled', async () => {
    const jwe = await seal(rsa, '{"pin":"4821"}');
    expect(await issuerCode(openEncryptedPin(jwe, 'retired-kid', find))).to.equal('unknown_key');
    expect(await issuerCode(openEncryptedPin(jwe, ec.kid, find))).to.equal('key_id_mismatch');
    const sha1 = await seal(rsa, '{"pin":"4821"}', { rsaAlg: 'RSA-OAEP' });
    expect(await issuerCode(openEncryptedPin(sha1, rsa.kid, find))).to.equal('invalid_encrypted_pin');
    expect(await openEncryptedPin(sha1, rsa.kid, find, { algorithms: ['RSA-OAEP'] })).to.equal('4821');
  });

  it('refuses tampered JWEs and payloads other than {"pin":"<4-12 digits>"}', async () => {
    const jwe = await seal(ec, '{"pin":"4821"}');
    const parts = jwe.split('.');
    parts[3] = parts[3]!.slice(0, -2) + (parts[3]!.endsWith('AA') ? 'BA' : 'AA');
    expect(await issuerCode(openEncryptedPin(parts.join('.'), ec.kid, find))).to.equal('invalid_encrypted_pin');
    expect(await issuerCode(openEncryptedPin('not.a.jwe', ec.kid, find))).to.equal('invalid_encrypted_pin');
    for (const payload of ['{"pin":"12"}', '{"pin":"12a4"}', '{"pin":4821}', '{"pin":"4821","x":1}', '"4821"', 'pin=4821']) {
      expect(await issuerCode(openEncryptedPin(await seal(ec, payload), ec.kid, find)), payload).to.equal('invalid_pin');
    }
  });
});

describe('issuer PIN opening, padded payloads and guessable PINs', () => {
  it('opens the frame\'s padded payload of every PIN length with both key algorithms', async () => {
    for (const key of [rsa, ec]) {
      for (let digits = 4; digits <= 12; digits++) {
        const pin = '482193057316'.slice(0, digits);
        const jwe = await sealJwe(pinPayload(pin), await importIssuerEncryptionKey(key.publicJwk));
        expect(await openEncryptedPin(jwe, key.kid, find)).to.equal(pin);
      }
    }
  });

  it('refuses the commonest and patterned PINs with guessable_pin when asked to, and only then', async () => {
    for (const pin of ['1212', '2580', '1122', '1004', '6969', '1990', '123123', '112233']) {
      const jwe = await seal(ec, new TextDecoder().decode(pinPayload(pin)));
      expect(await issuerCode(openEncryptedPin(jwe, ec.kid, find, { refuseGuessable: true })), pin).to.equal('guessable_pin');
      expect(await openEncryptedPin(jwe, ec.kid, find), pin).to.equal(pin);
    }
    expect(await openEncryptedPin(await seal(ec, '{"pin":"4821"}'), ec.kid, find, { refuseGuessable: true })).to.equal('4821');
  });
});

describe('issuer device binding', () => {
  it('accepts a signature over encrypted_pin from the bound device, and refuses other cards, devices and signatures', async () => {
    const registry = new DeviceRegistry();
    const device = await generateDeviceKeyPair();
    const deviceId = registry.bind('card_default', await exportDevicePublicKey(device.publicKey));
    const message = await seal(rsa, '{"pin":"4821"}');
    const signature = await signDeviceMessage(device.privateKey, message);
    expect(() => registry.verify('card_default', deviceId, message, signature)).to.not.throw();
    expect(await issuerCode(() => registry.verify('card_amex', deviceId, message, signature))).to.equal('device_not_bound');
    expect(await issuerCode(() => registry.verify('card_default', 'nope', message, signature))).to.equal('device_not_bound');
    expect(await issuerCode(() => registry.verify('card_default', deviceId, `${message}x`, signature))).to.equal('invalid_signature');
    expect(await issuerCode(() => registry.verify('card_default', deviceId, message, 'zz'))).to.equal('invalid_signature');
    const other = await generateDeviceKeyPair();
    const foreign = await signDeviceMessage(other.privateKey, message);
    expect(await issuerCode(() => registry.verify('card_default', deviceId, message, foreign))).to.equal('invalid_signature');
  });

  it('refuses device keys that are not P-256 public JWKs', async () => {
    const registry = new DeviceRegistry();
    expect(await issuerCode(() => registry.bind('c', { kty: 'RSA', n: 'x', e: 'AQAB' }))).to.equal('invalid_key');
    expect(await issuerCode(() => registry.bind('c', { kty: 'EC', crv: 'P-256', x: 'AAAA', y: 'AAAA' }))).to.equal('invalid_key');
    expect(await issuerCode(() => registry.bind('c', null))).to.equal('invalid_key');
  });
});
