import { expect } from 'chai';
import { describe, it, thrownCode } from '@cardframe/test-env';
import { parseFrameMessage } from '../src/index.ts';

const B64URL_32 = 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU';
const ec = { kty: 'EC', crv: 'P-256', x: B64URL_32, y: B64URL_32, kid: 'k1', use: 'enc', alg: 'ECDH-ES' };
const rsa = { kty: 'RSA', n: 'A'.repeat(342), e: 'AQAB', kid: 'k2', use: 'enc', alg: 'RSA-OAEP-256' };
const device = { kty: 'EC', crv: 'P-256', x: B64URL_32, y: B64URL_32 };
const card = (public_key: unknown) => ({ v: 1, kind: 'request', id: 'c', method: 'encrypted-card', params: { public_key } });
const register = (public_key: unknown) => ({ v: 1, kind: 'request', id: 'd', method: 'register-device', params: { public_key } });
const paramsOf = (message: unknown): unknown => (parseFrameMessage(message) as { params: unknown }).params;

describe('public keys in frame requests', () => {
  it('accepts an ECDH-ES P-256 or RSA-OAEP-256 response JWK as exactly its members', () => {
    expect(paramsOf(card(ec))).to.deep.equal({ public_key: ec });
    expect(paramsOf(card(rsa))).to.deep.equal({ public_key: rsa });
  });

  it('refuses a response JWK for another algorithm, curve or use, with a private member or another kind\'s member, or with a missing coordinate', () => {
    for (const key of [
      { ...ec, alg: 'RSA-OAEP-256' },
      { ...ec, alg: 'ECDH-ES+A256KW' },
      { ...ec, crv: 'P-384' },
      { ...ec, use: 'sig' },
      { ...ec, d: B64URL_32 },
      { ...rsa, alg: 'RSA-OAEP' },
      { ...rsa, d: 'AQAB' },
      { kty: 'EC', crv: 'P-256', y: B64URL_32, kid: 'k1', use: 'enc', alg: 'ECDH-ES' },
      { ...ec, x: 'not base64url!' },
      { ...ec, kid: 'a.b' },
      { ...ec, n: 'AQAB' },
      { ...rsa, crv: 'P-256' },
      { ...ec, kty: 'PGP' },
      { ...ec, kty: 'toString' },
    ]) {
      expect(thrownCode(() => parseFrameMessage(card(key))), JSON.stringify(Object.keys(key))).to.equal('ERR_BAD_MESSAGE');
    }
  });

  it('accepts a P-256 device key and refuses another curve, a private member or extra members', () => {
    expect(paramsOf(register(device))).to.deep.equal({ public_key: device });
    for (const key of [{ ...device, crv: 'P-384' }, { ...device, kty: 'RSA' }, { ...device, d: B64URL_32 }, { ...device, kid: 'k' }, { ...device, x: 'x'.repeat(65) }]) {
      expect(thrownCode(() => parseFrameMessage(register(key)))).to.equal('ERR_BAD_MESSAGE');
    }
  });
});
