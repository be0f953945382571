import { expect } from 'chai';
import { createPrivateKey } from 'node:crypto';
import { describe, it, readVector, thrownCode } from '@cardframe/test-env';
import { createRevealSession, importIssuerSessionKey, importFieldKey, openField } from '@cardframe/crypto';
import { IssuerError, buildCardResponse, decryptOaep, generateSessionKeyPair, sealField, unwrapSessionId, type NodeOaepHash } from '../../src/index.ts';

interface OaepVector { tcId: number; msg: string; ct: string; label: string; result: 'valid' | 'invalid' | 'acceptable' }
interface OaepGroup { sha: string; mgfSha: string; privateKeyPem: string; tests: OaepVector[] }

const pair = generateSessionKeyPair();

const issuerCode = thrownCode;

describe('issuer sessionid unwrap', () => {
  it('recovers the secret of a sessionid the frame made, and the frame opens the fields sealed with it', async () => {
    const key = await importIssuerSessionKey({ pem: pair.publicKeyPem }, 'SHA-1');
    const session = await createRevealSession(key);
    const secret = unwrapSessionId(pair.privateKey, session.sessionId);
    expect(secret).to.have.length(16);
    const card = buildCardResponse({ id: 'c1', pan: '4242424242424242', cvc: '123', pin: '1234', expirationMonth: 12, expirationYear: 2030 }, secret);
    expect(await openField(session.fieldKey, card.encryptedPan!)).to.equal('4242424242424242');
    expect(await openField(session.fieldKey, card.encryptedCvc!)).to.equal('123');
    expect(await openField(session.fieldKey, card.pin!)).to.equal('1234');
    expect(card).to.include({ expirationMonth: '12', expirationYear: '2030', last4: '4242' });
  });

  it('returns only the profile when no secret is given', () => {
    const card = buildCardResponse({ id: 'c1', pan: '4242424242424242', cvc: '123', pin: '1234', expirationMonth: 1, expirationYear: 2030 });
    expect(card).to.deep.equal({ id: 'c1', expirationMonth: '01', expirationYear: '2030', last4: '4242' });
  });

  it('refuses missing, non-base64, undecryptable and wrong-length sessionids with invalid_session_id', async () => {
    expect(issuerCode(() => unwrapSessionId(pair.privateKey, undefined))).to.equal('invalid_session_id');
    expect(issuerCode(() => unwrapSessionId(pair.privateKey, 'not base64!'))).to.equal('invalid_session_id');
    expect(issuerCode(() => unwrapSessionId(pair.privateKey, Buffer.alloc(256, 7).toString('base64')))).to.equal('invalid_session_id');
    const other = generateSessionKeyPair();
    const key = await importIssuerSessionKey({ pem: other.publicKeyPem }, 'SHA-1');
    const { sessionId } = await createRevealSession(key);
    expect(issuerCode(() => unwrapSessionId(pair.privateKey, sessionId))).to.equal('invalid_session_id');
    const short = Buffer.from(await crypto.subtle.encrypt({ name: 'RSA-OAEP' }, await importIssuerSessionKey({ pem: pair.publicKeyPem }, 'SHA-1'), new TextEncoder().encode('AAAA'))).toString('base64');
    expect(issuerCode(() => unwrapSessionId(pair.privateKey, short))).to.equal('invalid_session_id');
  });

  it('seals fields with a fresh 12-byte IV and the tag appended', async () => {
    const secret = crypto.getRandomValues(new Uint8Array(16));
    const a = sealField(secret, '123');
    const b = sealField(secret, '123');
    expect(Buffer.from(a.iv, 'base64')).to.have.length(12);
    expect(Buffer.from(a.data, 'base64')).to.have.length(3 + 16);
    expect(a.iv).to.not.equal(b.iv);
    expect(await openField(await importFieldKey(secret), a)).to.equal('123');
  });

  for (const [file, hash] of [
    ['rsa_oaep_2048_sha1_mgf1sha1_test.json', 'sha1'],
    ['rsa_oaep_2048_sha256_mgf1sha256_test.json', 'sha256'],
  ] as const) {
    it(`passes the Wycheproof ${hash} OAEP vectors with the issuer's decrypt call`, async () => {
      const vectors = await readVector<{ testGroups: OaepGroup[] }>(`wycheproof/${file}`);
      let checked = 0;
      for (const group of vectors.testGroups) {
        const key = createPrivateKey(group.privateKeyPem);
        for (const t of group.tests) {
          const out = decryptOaep(key, Buffer.from(t.ct, 'hex'), hash as NodeOaepHash, Buffer.from(t.label, 'hex'));
          if (t.result === 'valid') expect(out?.toString('hex'), `tcId ${t.tcId}`).to.equal(t.msg);
          else if (t.result === 'invalid') expect(out, `tcId ${t.tcId}`).to.equal(null);
          checked++;
        }
      }
      expect(checked).to.be.greaterThan(20);
    });
  }

  it('fails cleanly on SHA-256 OAEP with MGF1-SHA-1, which neither configured hash expresses', async () => {
    const vectors = await readVector<{ testGroups: OaepGroup[] }>('wycheproof/rsa_oaep_2048_sha256_mgf1sha1_test.json');
    const group = vectors.testGroups[0]!;
    const key = createPrivateKey(group.privateKeyPem);
    const valid = group.tests.filter((t) => t.result === 'valid');
    expect(valid.length).to.be.greaterThan(0);
    for (const t of valid) {
      for (const hash of ['sha1', 'sha256'] as const) {
        expect(decryptOaep(key, Buffer.from(t.ct, 'hex'), hash, Buffer.from(t.label, 'hex')), `tcId ${t.tcId} ${hash}`).to.equal(null);
      }
    }
  });
});
