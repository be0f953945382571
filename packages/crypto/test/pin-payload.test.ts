import { expect } from 'chai';
import { describe, it, seedOracle } from '@cardframe/test-env';
import { PIN_PAYLOAD_BYTES, importIssuerEncryptionKey, pinPayload, sealJwe } from '../src/index.ts';

const pinsOfEveryLength = Array.from({ length: 9 }, (_, i) => '482193057316'.slice(0, i + 4));

describe('PIN payload', () => {
  it('is the same number of bytes for every PIN from 4 to 12 digits', () => {
    const lengths = new Set(pinsOfEveryLength.map((pin) => pinPayload(pin).byteLength));
    expect([...lengths]).to.deep.equal([PIN_PAYLOAD_BYTES]);
  });

  it('seals to compact JWEs of one length for every PIN length, with both key algorithms', async () => {
    const { rsa, ec } = await seedOracle.pinKeys();
    for (const jwk of [rsa, ec]) {
      const key = await importIssuerEncryptionKey(jwk);
      const sealed = await Promise.all(pinsOfEveryLength.map((pin) => sealJwe(pinPayload(pin), key)));
      const partLengths = new Set(sealed.map((jwe) => jwe.split('.').map((part) => part.length).join(',')));
      expect(partLengths.size, `${key.alg} ${key.enc}`).to.equal(1);
    }
  });

  it('is still seed 002\'s {"pin":"<NEW_PIN>"}: an independent JOSE implementation opens it and JSON reads only the pin', async () => {
    const { rsa, ec } = await seedOracle.pinKeys();
    for (const [jwk, pin] of [[rsa, '4821'], [ec, '905731284710']] as const) {
      const opened = await seedOracle.openJwe(await sealJwe(pinPayload(pin), await importIssuerEncryptionKey(jwk)));
      expect(JSON.parse(opened.plaintext)).to.deep.equal({ pin });
    }
  });
});
