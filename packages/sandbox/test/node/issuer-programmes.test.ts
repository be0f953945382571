import { expect } from 'chai';
import { after, before, describe, it } from '@cardframe/test-env';
import { ResponseKeys, importIssuerEncryptionKey, sealJwe } from '@cardframe/crypto';
import { PgpResponseKeys, importIssuerPgpKey, sealPgp } from '@cardframe/crypto/pgp';
import { SANDBOX_CARDS, startSandboxIssuer, type SandboxIssuer } from '../../src/index.ts';

const post = (url: string, body: unknown): Promise<Response> => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('sandbox issuer card programmes: JWE and OpenPGP side by side', () => {
  let issuer: SandboxIssuer;
  before(async () => {
    issuer = await startSandboxIssuer({
      programmes: { classic: { messageFormat: 'jwe' }, openpgp: { messageFormat: 'pgp' } },
      cards: [{ ...SANDBOX_CARDS[0]!, programme: 'classic' }, { ...SANDBOX_CARDS[1]!, programme: 'openpgp' }],
    });
  });
  after(() => issuer.close());

  async function pgpKey(): Promise<Awaited<ReturnType<typeof importIssuerPgpKey>>> {
    const { keys } = (await (await fetch(`${issuer.url}/v1/cards/pgp_keys`)).json()) as { keys: Record<string, unknown>[] };
    const active = keys.find((k) => k['kid'] === issuer.pgpPinKey.kid)!;
    return importIssuerPgpKey(active);
  }

  it('takes an OpenPGP-sealed PIN change for a card in the OpenPGP programme, with the key fingerprint as key_id', async () => {
    const key = await pgpKey();
    const response = await post(`${issuer.url}/v1/cards/card_amex/pin_change_requests`, { encrypted_pin: await sealPgp(bytes('{"pin":"2580"}'), key), key_id: key.kid });
    expect(response.status).to.equal(202);
    const { url } = (await response.json()) as { url: string };
    await post(url, {});
    expect(issuer.pinOf('card_amex')).to.equal('2580');
  });

  it('refuses a PIN sealed in the other programme\'s format, leaving the PIN unchanged', async () => {
    const jwk = (await (await fetch(`${issuer.url}/v1/cards/pin_keys/latest`)).json()) as Record<string, unknown>;
    const jwe = await sealJwe(bytes('{"pin":"1470"}'), await importIssuerEncryptionKey(jwk));
    const toPgpCard = await post(`${issuer.url}/v1/cards/card_amex/pin_change_requests`, { encrypted_pin: jwe, key_id: jwk['kid'] });
    expect(toPgpCard.status).to.equal(400);
    const key = await pgpKey();
    const toJweCard = await post(`${issuer.url}/v1/cards/card_default/pin_change_requests`, { encrypted_pin: await sealPgp(bytes('{"pin":"1470"}'), key), key_id: key.kid });
    expect(toJweCard.status).to.equal(400);
    expect(issuer.pinOf('card_amex')).to.not.equal('1470');
    expect(issuer.pinOf('card_default')).to.not.equal('1470');
  });

  it('answers a key-pair reveal with an OpenPGP message for the OpenPGP programme and a JWE for the other', async () => {
    const frame = new PgpResponseKeys();
    const pgp = await post(`${issuer.url}/v1/cards/card_amex/details`, { public_key: await frame.current() });
    expect(pgp.headers.get('content-type')).to.equal('application/pgp-encrypted');
    const card = JSON.parse(new TextDecoder().decode((await frame.open(await pgp.text())).plaintext)) as Record<string, string>;
    expect(card).to.include({ pan: '378282246310005', cvc: '4321', expiry: '03/2029' });

    const jweFrame = new ResponseKeys();
    const jwe = await post(`${issuer.url}/v1/cards/card_default/details`, { public_key: await jweFrame.current() });
    expect(jwe.headers.get('content-type')).to.equal('application/jose');
    expect(JSON.parse(new TextDecoder().decode((await jweFrame.open(await jwe.text())).plaintext))).to.include({ pan: '4242424242424242' });
  });

  it('rotates its OpenPGP keys with the others: a retired key gets retired_key, the published set moves on', async () => {
    const old = await pgpKey();
    await issuer.rotate();
    await issuer.rotate();
    const response = await post(`${issuer.url}/v1/cards/card_amex/pin_change_requests`, { encrypted_pin: await sealPgp(bytes('{"pin":"3691"}'), old), key_id: old.kid });
    expect(response.status).to.equal(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).to.equal('retired_key');
    const { keys } = (await (await fetch(`${issuer.url}/v1/cards/pgp_keys`)).json()) as { keys: { kid: string }[] };
    expect(keys.map((k) => k.kid)).to.not.include(old.kid);
    expect(Object.values(issuer.keyStages().pgp).sort()).to.deep.equal(['active', 'next', 'retired', 'retiring']);
  });
});
