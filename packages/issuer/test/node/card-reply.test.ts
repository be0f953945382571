import { expect } from 'chai';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { describe, it, rejectionCode, thrownCode } from '@cardframe/test-env';
import { ResponseKeys, importIssuerEncryptionKey, importReplyVerifyKey, replyNonce, sealJwe, verifySignedReply } from '@cardframe/crypto';
import { RotatingKeyRing, signCardReply } from '../../src/index.ts';

const CARD = { pan: '4111111111111111', cvc: '123', expiry: '12/2030' };

describe('signed key-pair replies from the issuer toolkit', () => {
  it('publishes reply-signing keys as ES256 signing JWKs, which the frame imports', async () => {
    const ring = RotatingKeyRing.create({ use: 'reply-signing' });
    const [active] = ring.jwks().keys;
    expect(active).to.include({ kty: 'EC', crv: 'P-256', use: 'sig', alg: 'ES256' });
    expect(active).to.not.have.property('d');
    expect((await importReplyVerifyKey(active as unknown as Record<string, unknown>)).alg).to.equal('ES256');
  });

  it('signs the card data, the frame key kid and the nonce, sealed in a JWE the frame opens and verifies', async () => {
    const ring = RotatingKeyRing.create({ use: 'reply-signing' });
    const verifyKeys = await Promise.all(ring.jwks().keys.map((jwk) => importReplyVerifyKey(jwk as unknown as Record<string, unknown>)));
    const keyFor = async (kid: string) => verifyKeys.find((k) => k.kid === kid);
    const frameKeys = new ResponseKeys();
    const publicKey = await frameKeys.current();
    const nonce = replyNonce();
    const signed = signCardReply({ ...CARD, pin: '4821' }, { kid: publicKey.kid, nonce }, ring.active);
    const jwe = await sealJwe(new TextEncoder().encode(signed), await importIssuerEncryptionKey(publicKey, { rsaEnc: 'A256GCM' }), { cty: 'JWT' });
    const opened = await frameKeys.open(jwe);
    const payload = await verifySignedReply(new TextDecoder().decode(opened.plaintext), { kid: publicKey.kid, nonce }, { keyFor });
    expect(payload).to.include({ ...CARD, pin: '4821', kid: publicKey.kid, nonce });
    expect(await rejectionCode(verifySignedReply(signed, { kid: publicKey.kid, nonce: replyNonce() }, { keyFor }))).to.equal('ERR_SIGNATURE_INVALID');
    frameKeys.drop();
  });

  it('signs with an RSA key as PS256', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk = { ...createPublicKey(privateKey).export({ format: 'jwk' }), kid: 'rsa-sig', use: 'sig', alg: 'PS256' };
    const key = await importReplyVerifyKey(jwk);
    const nonce = replyNonce();
    const signed = signCardReply(CARD, { kid: 'frame', nonce }, { kid: 'rsa-sig', privateKey });
    expect(await verifySignedReply(signed, { kid: 'frame', nonce }, { keyFor: async () => key })).to.include(CARD);
  });

  it('refuses to sign without a well-formed nonce', () => {
    const ring = RotatingKeyRing.create({ use: 'reply-signing' });
    expect(thrownCode(() => signCardReply(CARD, { kid: 'frame', nonce: 'short' }, ring.active))).to.equal('invalid_request');
  });
});
