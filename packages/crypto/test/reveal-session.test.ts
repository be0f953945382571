import { expect } from 'chai';
import { before, describe, it, seedOracle, rejectionCode } from '@cardframe/test-env';
import { createRevealSession, importIssuerSessionKey, openField } from '../src/index.ts';

const codeOf = rejectionCode;

describe('reveal session', () => {
  let pem = '';
  before(async () => {
    pem = await seedOracle.publicKeyPem();
  });

  it('makes a sessionid that Node privateDecrypt (OAEP, default SHA-1) opens to a 128-bit secret', async () => {
    const key = await importIssuerSessionKey({ pem }, 'SHA-1');
    const { sessionId } = await createRevealSession(key);
    const secretHex = await seedOracle.openSessionId(sessionId, 'sha1');
    expect(secretHex).to.match(/^[0-9a-f]{32}$/);
  });

  it('opens what the issuer seals under the secret it unwrapped from the sessionid', async () => {
    const key = await importIssuerSessionKey({ pem }, 'SHA-1');
    const { sessionId, fieldKey } = await createRevealSession(key);
    const secretHex = await seedOracle.openSessionId(sessionId, 'sha1');
    const sealed = await seedOracle.sealField(secretHex!, '4242424242424242');
    expect(await openField(fieldKey, sealed)).to.equal('4242424242424242');
    expect(await seedOracle.decrypt(sealed.data, sealed.iv, secretHex!)).to.equal('4242424242424242');
  });

  it('uses a fresh secret every time and keeps it only as a non-extractable decrypt key', async () => {
    const key = await importIssuerSessionKey({ pem }, 'SHA-1');
    const a = await createRevealSession(key);
    const b = await createRevealSession(key);
    const [sa, sb] = await Promise.all([seedOracle.openSessionId(a.sessionId, 'sha1'), seedOracle.openSessionId(b.sessionId, 'sha1')]);
    expect(sa).to.not.equal(sb);
    expect(a.fieldKey.extractable).to.equal(false);
    expect(a.fieldKey.usages).to.deep.equal(['decrypt']);
  });

  it('uses the configured OAEP hash: SHA-256 opens with sha256 and not with the SHA-1 default', async () => {
    const key = await importIssuerSessionKey({ pem }, 'SHA-256');
    const { sessionId } = await createRevealSession(key);
    expect(await seedOracle.openSessionId(sessionId, 'sha256')).to.match(/^[0-9a-f]{32}$/);
    expect(await seedOracle.openSessionId(sessionId, 'sha1')).to.equal(null);
  });

  it('imports the same key from a public JWK, ignoring the JWK alg in favour of the configured hash', async () => {
    const spki = await crypto.subtle.importKey('spki', pemBody(pem), { name: 'RSA-OAEP', hash: 'SHA-1' }, true, ['encrypt']);
    const jwk = { ...(await crypto.subtle.exportKey('jwk', spki)), alg: 'RSA-OAEP-256', use: 'enc' };
    const key = await importIssuerSessionKey({ jwk }, 'SHA-1');
    const { sessionId } = await createRevealSession(key);
    expect(await seedOracle.openSessionId(sessionId, 'sha1')).to.match(/^[0-9a-f]{32}$/);
  });

  it('refuses weak, private, wrong-type, wrong-use and garbled keys with ERR_KEY_INVALID', async () => {
    const weak = await crypto.subtle.generateKey({ name: 'RSA-OAEP', modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-1' }, true, ['encrypt', 'decrypt']);
    const weakJwk = await crypto.subtle.exportKey('jwk', weak.publicKey);
    const privateJwk = await crypto.subtle.exportKey('jwk', weak.privateKey);
    const ec = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);
    const ecJwk = await crypto.subtle.exportKey('jwk', ec.publicKey);
    const strong = await crypto.subtle.exportKey('jwk', await crypto.subtle.importKey('spki', pemBody(pem), { name: 'RSA-OAEP', hash: 'SHA-1' }, true, ['encrypt']));
    expect(await codeOf(importIssuerSessionKey({ jwk: weakJwk }, 'SHA-1'))).to.equal('ERR_KEY_INVALID');
    expect(await codeOf(importIssuerSessionKey({ jwk: privateJwk }, 'SHA-1'))).to.equal('ERR_KEY_INVALID');
    expect(await codeOf(importIssuerSessionKey({ jwk: ecJwk }, 'SHA-1'))).to.equal('ERR_KEY_INVALID');
    expect(await codeOf(importIssuerSessionKey({ jwk: { ...strong, use: 'sig' } }, 'SHA-1'))).to.equal('ERR_KEY_INVALID');
    expect(await codeOf(importIssuerSessionKey({ pem: 'not a pem' }, 'SHA-1'))).to.equal('ERR_KEY_INVALID');
    expect(await codeOf(importIssuerSessionKey({ pem: '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----' }, 'SHA-1'))).to.equal('ERR_KEY_INVALID');
  });
});

function pemBody(pem: string): Uint8Array<ArrayBuffer> {
  const b64 = pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}
