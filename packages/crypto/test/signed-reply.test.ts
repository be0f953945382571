import { expect } from 'chai';
import { CompactSign, exportJWK, generateKeyPair } from 'jose';
import { before, describe, it, rejectionCode } from '@cardframe/test-env';
import { importReplyVerifyKey, replyNonce, verifySignedReply, type ReplyVerifyKey } from '../src/index.ts';

const text = new TextEncoder();
const FRAME_KID = 'frame-key-1';

async function signingPair(alg: 'ES256' | 'PS256' | 'RS256', kid: string): Promise<{ privateKey: CryptoKey; jwk: Record<string, unknown> }> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { privateKey, jwk: { ...(await exportJWK(publicKey)), kid, use: 'sig', ...(alg === 'ES256' ? {} : { alg }) } };
}

function sign(claims: Record<string, unknown>, privateKey: CryptoKey, header: Record<string, unknown>): Promise<string> {
  return new CompactSign(text.encode(JSON.stringify(claims))).setProtectedHeader(header as { alg: string }).sign(privateKey);
}

const nowSeconds = (): number => Math.floor(Date.now() / 1000);

describe('issuer-signed key-pair replies', () => {
  let es: { privateKey: CryptoKey; jwk: Record<string, unknown> };
  let ring: Map<string, ReplyVerifyKey>;
  const keyFor = async (kid: string): Promise<ReplyVerifyKey | undefined> => ring.get(kid);

  before(async () => {
    es = await signingPair('ES256', 'issuer-sig-1');
    ring = new Map([['issuer-sig-1', await importReplyVerifyKey(es.jwk)]]);
  });

  const card = (nonce: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ pan: '4111111111111111', cvc: '123', expiry: '12/2030', kid: FRAME_KID, nonce, iat: nowSeconds(), ...extra });

  it('returns the payload of a reply signed by a configured key for this frame key and nonce', async () => {
    const nonce = replyNonce();
    const jws = await sign(card(nonce), es.privateKey, { alg: 'ES256', kid: 'issuer-sig-1', cty: 'JSON' });
    const payload = await verifySignedReply(jws, { kid: FRAME_KID, nonce }, { keyFor });
    expect(payload).to.include({ pan: '4111111111111111', cvc: '123', expiry: '12/2030' });
  });

  it('accepts RS256 and PS256 keys that name their alg', async () => {
    for (const alg of ['RS256', 'PS256'] as const) {
      const pair = await signingPair(alg, `rsa-${alg}`);
      const key = await importReplyVerifyKey(pair.jwk);
      const nonce = replyNonce();
      const jws = await sign(card(nonce), pair.privateKey, { alg, kid: `rsa-${alg}` });
      expect(await verifySignedReply(jws, { kid: FRAME_KID, nonce }, { keyFor: async () => key })).to.include({ pan: '4111111111111111' });
    }
  });

  it('refuses a reply that is not signed at all (plain JSON a host encrypted to the frame key)', async () => {
    const nonce = replyNonce();
    expect(await rejectionCode(verifySignedReply(JSON.stringify(card(nonce)), { kid: FRAME_KID, nonce }, { keyFor }))).to.equal('ERR_SIGNATURE_INVALID');
  });

  it('refuses a reply whose signature does not verify (payload swapped under a real signature)', async () => {
    const nonce = replyNonce();
    const [header, , signature] = (await sign(card(nonce), es.privateKey, { alg: 'ES256', kid: 'issuer-sig-1' })).split('.');
    const forged = btoa(JSON.stringify(card(nonce, { pan: '5555555555554444' }))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    expect(await rejectionCode(verifySignedReply(`${header}.${forged}.${signature}`, { kid: FRAME_KID, nonce }, { keyFor }))).to.equal('ERR_SIGNATURE_INVALID');
  });

  it('refuses a reply signed by a key the frame does not trust, even one naming a trusted kid', async () => {
    const host = await signingPair('ES256', 'issuer-sig-1');
    const nonce = replyNonce();
    const jws = await sign(card(nonce), host.privateKey, { alg: 'ES256', kid: 'issuer-sig-1' });
    expect(await rejectionCode(verifySignedReply(jws, { kid: FRAME_KID, nonce }, { keyFor }))).to.equal('ERR_SIGNATURE_INVALID');
    const unknown = await sign(card(nonce), host.privateKey, { alg: 'ES256', kid: 'host-key' });
    expect(await rejectionCode(verifySignedReply(unknown, { kid: FRAME_KID, nonce }, { keyFor }))).to.equal('ERR_KEY_NOT_FOUND');
  });

  it('refuses a reply signed for another frame key', async () => {
    const nonce = replyNonce();
    const jws = await sign(card(nonce, { kid: 'another-frame-key' }), es.privateKey, { alg: 'ES256', kid: 'issuer-sig-1' });
    expect(await rejectionCode(verifySignedReply(jws, { kid: FRAME_KID, nonce }, { keyFor }))).to.equal('ERR_SIGNATURE_INVALID');
  });

  it('refuses a reply with a wrong or missing nonce', async () => {
    const nonce = replyNonce();
    const wrong = await sign(card(replyNonce()), es.privateKey, { alg: 'ES256', kid: 'issuer-sig-1' });
    expect(await rejectionCode(verifySignedReply(wrong, { kid: FRAME_KID, nonce }, { keyFor }))).to.equal('ERR_SIGNATURE_INVALID');
    const { nonce: _dropped, ...withoutNonce } = card(nonce);
    const missing = await sign(withoutNonce, es.privateKey, { alg: 'ES256', kid: 'issuer-sig-1' });
    expect(await rejectionCode(verifySignedReply(missing, { kid: FRAME_KID, nonce }, { keyFor }))).to.equal('ERR_SIGNATURE_INVALID');
  });

  it('refuses an old genuine reply replayed to a new request, and one past its age limit', async () => {
    const first = replyNonce();
    const old = await sign(card(first), es.privateKey, { alg: 'ES256', kid: 'issuer-sig-1' });
    expect(await verifySignedReply(old, { kid: FRAME_KID, nonce: first }, { keyFor })).to.include({ pan: '4111111111111111' });
    expect(await rejectionCode(verifySignedReply(old, { kid: FRAME_KID, nonce: replyNonce() }, { keyFor }))).to.equal('ERR_SIGNATURE_INVALID');
    const later = () => Date.now() + 121_000;
    expect(await rejectionCode(verifySignedReply(old, { kid: FRAME_KID, nonce: first }, { keyFor, now: later }))).to.equal('ERR_SIGNATURE_INVALID');
    const noIat = await sign({ ...card(first), iat: undefined }, es.privateKey, { alg: 'ES256', kid: 'issuer-sig-1' });
    expect(await rejectionCode(verifySignedReply(noIat, { kid: FRAME_KID, nonce: first }, { keyFor }))).to.equal('ERR_SIGNATURE_INVALID');
  });

  it('refuses algorithms outside the allowlist (HS256, ES384, none) and an alg that does not match the key', async () => {
    const nonce = replyNonce();
    const b64 = (value: unknown): string => btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    const hmac = await crypto.subtle.importKey('raw', crypto.getRandomValues(new Uint8Array(32)), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const hs = await sign(card(nonce), hmac, { alg: 'HS256', kid: 'issuer-sig-1' });
    expect(await rejectionCode(verifySignedReply(hs, { kid: FRAME_KID, nonce }, { keyFor }))).to.equal('ERR_ALG_NOT_ALLOWED');
    const none = `${b64({ alg: 'none', kid: 'issuer-sig-1' })}.${b64(card(nonce))}.`;
    expect(await rejectionCode(verifySignedReply(none, { kid: FRAME_KID, nonce }, { keyFor }))).to.equal('ERR_ALG_NOT_ALLOWED');
    const es384 = await generateKeyPair('ES384');
    const p384 = await sign(card(nonce), es384.privateKey, { alg: 'ES384', kid: 'issuer-sig-1' });
    expect(await rejectionCode(verifySignedReply(p384, { kid: FRAME_KID, nonce }, { keyFor }))).to.equal('ERR_ALG_NOT_ALLOWED');
    const rsa = await generateKeyPair('PS256');
    const mismatched = await sign(card(nonce), rsa.privateKey, { alg: 'PS256', kid: 'issuer-sig-1' });
    expect(await rejectionCode(verifySignedReply(mismatched, { kid: FRAME_KID, nonce }, { keyFor }))).to.equal('ERR_ALG_NOT_ALLOWED');
    const crit = `${b64({ alg: 'ES256', kid: 'issuer-sig-1', crit: ['exp'], exp: 1 })}.${b64(card(nonce))}.${hs.split('.')[2]}`;
    expect(await rejectionCode(verifySignedReply(crit, { kid: FRAME_KID, nonce }, { keyFor }))).to.equal('ERR_ALG_NOT_ALLOWED');
  });

  it('imports only public signing keys: no private part, no encryption key, RSA naming its alg and ≥ 2048 bits, EC on P-256', async () => {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    expect(await rejectionCode(importReplyVerifyKey({ ...(await exportJWK(privateKey)), kid: 'k' }))).to.equal('ERR_KEY_INVALID');
    expect(await rejectionCode(importReplyVerifyKey({ ...es.jwk, use: 'enc' }))).to.equal('ERR_KEY_INVALID');
    expect(await rejectionCode(importReplyVerifyKey({ ...es.jwk, kid: undefined }))).to.equal('ERR_KEY_INVALID');
    const rsa = await signingPair('RS256', 'r');
    expect(await rejectionCode(importReplyVerifyKey({ ...rsa.jwk, alg: undefined }))).to.equal('ERR_KEY_INVALID');
    const small = (await crypto.subtle.generateKey({ name: 'RSASSA-PKCS1-v1_5', modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
    expect(await rejectionCode(importReplyVerifyKey({ ...(await exportJWK(small.publicKey)), kid: 's', alg: 'RS256' }))).to.equal('ERR_KEY_INVALID');
    const p384 = await generateKeyPair('ES384', { extractable: true });
    expect(await rejectionCode(importReplyVerifyKey({ ...(await exportJWK(p384.publicKey)), kid: 'p' }))).to.equal('ERR_KEY_INVALID');
  });
});
