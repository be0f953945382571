import { expect } from 'chai';
import { before, describe, it, rejectionCode } from '@cardframe/test-env';
import { generatePgpKeyPair, importIssuerPgpKey, sealPgp, type PgpKeyPair } from '@cardframe/crypto/pgp';
import type { HostResult } from '@cardframe/protocol';
import { parseFrameConfig, type FrameConfig } from '../src/config.ts';
import { loadFrameConfig } from '../src/load-config.ts';
import { replyVerifier, responseKeys } from '../src/keys/formats/pgp.ts';
import { withCheckedSigningKeys } from '../src/keys/signing-key-check.ts';
import { revealWithKeyPair } from '../src/reveal.ts';

const text = new TextEncoder();
const CARD = { pan: '4111111111111111', cvc: '123', expiry: '12/2030' };
const HOST_CARD = { pan: '5555555555554444', cvc: '999', expiry: '01/2031' };
const seconds = (): number => Math.floor(Date.now() / 1000);

function rawConfig(issuer: Record<string, unknown>, reveal: Record<string, unknown> = {}): Record<string, unknown> {
  return { allowedHostOrigins: ['https://shop.example'], issuer: { messageFormat: 'pgp', ...issuer }, flows: { reveal: { fields: ['pan', 'cvc', 'expiry'], modes: ['key-pair'], ...reveal } } };
}

function config(issuer: Record<string, unknown>, reveal: Record<string, unknown> = {}): FrameConfig {
  return parseFrameConfig(rawConfig(issuer, reveal));
}

/** Encrypts `claims` to the frame's OpenPGP key, signed inside with `signer` when given: what the issuer (or a host holding the public key) can make. */
async function encryptTo(publicKey: unknown, claims: unknown, signer?: PgpKeyPair): Promise<HostResult> {
  const recipient = await importIssuerPgpKey(publicKey);
  const body = await sealPgp(text.encode(JSON.stringify(claims)), recipient, signer ? { signingKey: signer.privateKey } : {});
  return { status: 200, body } as HostResult;
}

describe('OpenPGP key-pair replies the issuer signs', () => {
  let issuer: PgpKeyPair;
  let host: PgpKeyPair;
  before(async () => {
    [issuer, host] = await Promise.all([generatePgpKeyPair({ name: 'issuer reply signer' }), generatePgpKeyPair({ name: 'hostile host' })]);
  });

  it('lets an OpenPGP issuer pin armored signing keys, which turns signing on, and still refuses a JWK signing key for it', () => {
    expect(config({ responseSigningKey: { pgp: issuer.publicArmored } }).flows.reveal?.responseSigning).to.equal('required');
    expect(config({ responseSigningKeys: { keys: [{ kid: issuer.fingerprint, use: 'sig', pgp: issuer.publicArmored }] } }).issuer.responseSigningKeys).to.deep.equal({
      keys: [{ kid: issuer.fingerprint, use: 'sig', pgp: issuer.publicArmored }],
    });
    expect(config({}).flows.reveal?.responseSigning).to.equal('off');
    expect(() => config({ responseSigningKey: { jwk: { kty: 'EC', crv: 'P-256', x: 'x', y: 'y', kid: 's' } } })).to.throw(/JWE issuers only/);
    expect(() => config({}, { responseSigning: 'required' })).to.throw(/needs issuer.responseSigningKey/);
  });

  it('checks pinned OpenPGP signing keys as the frame loads its config: a private key, a non-key or a bare string is an ERR_CONFIG naming the key', async () => {
    await replyVerifier(config({ responseSigningKey: { pgp: issuer.publicArmored } }));
    const privateArmored = issuer.privateKey.armor();
    const refused = async (issuerPart: Record<string, unknown>): Promise<Error & { code?: string }> => {
      try {
        await replyVerifier(config(issuerPart));
      } catch (error) {
        return error as Error & { code?: string };
      }
      throw new Error('accepted');
    };
    const privateKey = await refused({ responseSigningKey: { pgp: privateArmored } });
    expect(privateKey.code).to.equal('ERR_CONFIG');
    expect(privateKey.message).to.match(/issuer\.responseSigningKey is refused: .*public key/);
    expect(privateKey.message).to.not.contain('PRIVATE KEY BLOCK');
    const second = await refused({ responseSigningKeys: { keys: [{ pgp: issuer.publicArmored }, { pgp: '-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nnot a key\n-----END PGP PUBLIC KEY BLOCK-----' }] } });
    expect(second.code).to.equal('ERR_CONFIG');
    expect(second.message).to.contain('issuer.responseSigningKeys.keys[1] is refused');
    const bare = await refused({ responseSigningKeys: { keys: [issuer.publicArmored] } });
    expect(bare.message).to.match(/must be \{"pgp"/);
    // The whole load fails, not the first reveal.
    const served = rawConfig({ responseSigningKey: { pgp: privateArmored } });
    const fetcher = (async () => new Response(JSON.stringify(served), { status: 200, headers: { 'content-type': 'application/json' } })) as unknown as typeof fetch;
    expect(await rejectionCode(loadFrameConfig(fetcher).then(withCheckedSigningKeys))).to.equal('ERR_CONFIG');
  });

  it('shows a reply the issuer signed and encrypted over the card, this frame key and this request nonce', async () => {
    const cfg = config({ responseSigningKey: { pgp: issuer.publicArmored } });
    const keys = responseKeys(cfg);
    const values = await revealWithKeyPair(keys, ['pan', 'cvc', 'expiry'], (publicKey, nonce) => encryptTo(publicKey, { ...CARD, kid: publicKey.kid, nonce, iat: seconds() }, issuer), await replyVerifier(cfg));
    expect(values).to.deep.equal({ pan: CARD.pan, cvc: CARD.cvc, expiry: '12/30' });
    keys.drop();
  });

  it('refuses digits a host encrypted to the frame key itself, unsigned or signed with its own key', async () => {
    const cfg = config({ responseSigningKey: { pgp: issuer.publicArmored } });
    const keys = responseKeys(cfg);
    const verify = await replyVerifier(cfg);
    const unsigned = revealWithKeyPair(keys, ['pan'], (publicKey, nonce) => encryptTo(publicKey, { ...HOST_CARD, kid: publicKey.kid, nonce, iat: seconds() }), verify);
    expect(await rejectionCode(unsigned)).to.equal('ERR_SIGNATURE_INVALID');
    const forged = revealWithKeyPair(keys, ['pan'], (publicKey, nonce) => encryptTo(publicKey, { ...HOST_CARD, kid: publicKey.kid, nonce, iat: seconds() }, host), verify);
    expect(await rejectionCode(forged)).to.equal('ERR_KEY_NOT_FOUND');
    keys.drop();
  });

  it('refuses a genuine reply replayed to a later request, one signed for another frame key, and a stale one', async () => {
    const cfg = config({ responseSigningKey: { pgp: issuer.publicArmored } });
    const keys = responseKeys(cfg);
    const verify = await replyVerifier(cfg);
    let recorded: HostResult | undefined;
    await revealWithKeyPair(keys, ['pan'], async (publicKey, nonce) => (recorded = await encryptTo(publicKey, { ...CARD, kid: publicKey.kid, nonce, iat: seconds() }, issuer)), verify);
    expect(await rejectionCode(revealWithKeyPair(keys, ['pan'], async () => recorded!, verify))).to.equal('ERR_SIGNATURE_INVALID');
    const otherKey = revealWithKeyPair(keys, ['pan'], (publicKey, nonce) => encryptTo(publicKey, { ...CARD, kid: 'another-frame-key', nonce, iat: seconds() }, issuer), verify);
    expect(await rejectionCode(otherKey)).to.equal('ERR_SIGNATURE_INVALID');
    const stale = revealWithKeyPair(keys, ['pan'], (publicKey, nonce) => encryptTo(publicKey, { ...CARD, kid: publicKey.kid, nonce, iat: seconds() - 600 }, issuer), verify);
    expect(await rejectionCode(stale)).to.equal('ERR_SIGNATURE_INVALID');
    keys.drop();
  });

  it('keeps seed 003/004 unsigned OpenPGP replies working where the config pins no signing key', async () => {
    const cfg = config({});
    expect(await replyVerifier(cfg)).to.equal(undefined);
    const keys = responseKeys(cfg);
    expect(await revealWithKeyPair(keys, ['pan'], (publicKey) => encryptTo(publicKey, CARD), await replyVerifier(cfg))).to.deep.equal({ pan: CARD.pan });
    keys.drop();
  });
});
