import { expect } from 'chai';
import { describe, it, rejectionCode, thrownCode } from '@cardframe/test-env';
import { bindingChallenge, bindingChallengeText, encodeBase64Url, jwkThumbprint, pinCommitment, publicKeyCommitment } from '../src/index.ts';

const toHex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
const statement = [
  'Sandbox Issuer asks you to authorize access to card card_123 with your passkey.',
  'Nonce: 0123456789abcdef0123456789abcdef',
  'Issued At: 2026-11-30T23:00:00.000Z',
  'Expiration Time: 2026-11-30T23:05:00.000Z',
].join('\n');

describe('binding challenge', () => {
  it('is SHA-256 of the statement for a plain binding', async () => {
    expect(toHex(await bindingChallenge('abc'))).to.equal('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(toHex(await bindingChallenge(statement))).to.have.length(64);
  });

  it('commits to the purpose and value on one appended line', async () => {
    expect(bindingChallengeText('abc', { purpose: 'session', value: 'S1d==' })).to.equal('abc\ncardframe-commitment: session S1d==');
    expect(toHex(await bindingChallenge('abc', { purpose: 'session', value: 'S1d==' }))).to.equal(toHex(await bindingChallenge('abc\ncardframe-commitment: session S1d==')));
  });

  it('gives a different challenge for another sessionid, another purpose, or no commitment', async () => {
    const seen = new Set<string>();
    for (const commitment of [undefined, { purpose: 'session', value: 'a' }, { purpose: 'session', value: 'b' }, { purpose: 'pin', value: 'a' }, { purpose: 'register', value: 'a' }] as const) {
      seen.add(toHex(await bindingChallenge(statement, commitment)));
    }
    expect(seen.size).to.equal(5);
  });

  it('refuses an unknown purpose and a value that would forge another line', async () => {
    expect(thrownCode(() => bindingChallengeText(statement, { purpose: 'admin' as never, value: 'x' }))).to.equal('ERR_BAD_OPTION');
    expect(await rejectionCode(bindingChallenge(statement, { purpose: 'session', value: 'a\ncardframe-commitment: pin b' }))).to.equal('ERR_BAD_OPTION');
    expect(await rejectionCode(bindingChallenge(statement, { purpose: 'session', value: '' }))).to.equal('ERR_BAD_OPTION');
  });
});

describe('binding commitment values', () => {
  it('takes the RFC 7638 thumbprint of a JWK (the RFC\'s own example)', async () => {
    const jwk = {
      kty: 'RSA',
      n: '0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw',
      e: 'AQAB',
      alg: 'RS256',
      kid: '2011-04-29',
    };
    expect(await jwkThumbprint(jwk)).to.equal('NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs');
    expect(await publicKeyCommitment(jwk)).to.equal('NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs');
    expect(await rejectionCode(jwkThumbprint('not a key'))).to.equal('ERR_KEY_INVALID');
    expect(await rejectionCode(jwkThumbprint({ kty: 'EC' }))).to.equal('ERR_KEY_INVALID');
  });

  it('takes an OpenPGP key\'s fingerprint kid in lowercase', async () => {
    const kid = 'ABCDEF0123456789ABCDEF0123456789ABCDEF01';
    expect(await publicKeyCommitment({ kty: 'PGP', kid, use: 'enc', pgp: '' })).to.equal(kid.toLowerCase());
    expect(await rejectionCode(publicKeyCommitment({ kty: 'PGP', kid: 'short', use: 'enc', pgp: '' }))).to.equal('ERR_KEY_INVALID');
  });

  it('digests the encrypted PIN as base64url SHA-256', async () => {
    expect(await pinCommitment('abc')).to.equal('ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0');
    expect(encodeBase64Url(new Uint8Array([0xfb, 0xff]))).to.equal('-_8');
  });
});
