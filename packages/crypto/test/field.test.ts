import { expect } from 'chai';
import { describe, it, readVector, seedOracle, rejectionCode } from '@cardframe/test-env';
import { importFieldKey, openAesGcm, openField } from '../src/index.ts';

interface AeadVector { tcId: number; key: string; iv: string; aad: string; msg: string; ct: string; tag: string; result: 'valid' | 'invalid' | 'acceptable' }
interface AeadGroup { keySize: number; ivSize: number; tagSize: number; tests: AeadVector[] }

const hex = (s: string): Uint8Array => new Uint8Array((s.match(/../g) ?? []).map((b) => parseInt(b, 16)));
const toHex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
const concat = (a: Uint8Array, b: Uint8Array): Uint8Array => { const o = new Uint8Array(a.length + b.length); o.set(a); o.set(b, a.length); return o; };

const codeOf = rejectionCode;

describe('card field decryption', () => {
  it('opens a field sealed with Node aes-128-gcm as the issuer seed does', async () => {
    const key = crypto.getRandomValues(new Uint8Array(16));
    const sealed = await seedOracle.sealField(toHex(key), '4242424242424242');
    expect(await openField(await importFieldKey(key), sealed, 'pan')).to.equal('4242424242424242');
  });

  it('imports the field key as non-extractable and decrypt-only', async () => {
    const key = await importFieldKey(new Uint8Array(16));
    expect(key.extractable).to.equal(false);
    expect(key.usages).to.deep.equal(['decrypt']);
  });

  it('refuses a tampered tag, a wrong key, and a flipped ciphertext bit with ERR_DECRYPT_FAILED', async () => {
    const raw = crypto.getRandomValues(new Uint8Array(16));
    const key = await importFieldKey(raw);
    const sealed = await seedOracle.sealField(toHex(raw), '123');
    const bytes = Uint8Array.from(atob(sealed.data), (c) => c.charCodeAt(0));
    const flip = (i: number): string => { const b = bytes.slice(); b[i]! ^= 1; return btoa(String.fromCharCode(...b)); };
    expect(await codeOf(openField(key, { data: flip(bytes.length - 1), iv: sealed.iv }))).to.equal('ERR_DECRYPT_FAILED');
    expect(await codeOf(openField(key, { data: flip(0), iv: sealed.iv }))).to.equal('ERR_DECRYPT_FAILED');
    const other = await importFieldKey(crypto.getRandomValues(new Uint8Array(16)));
    expect(await codeOf(openField(other, sealed))).to.equal('ERR_DECRYPT_FAILED');
  });

  it('refuses bad IV lengths, short data, bad base64 and bad key sizes before decrypting', async () => {
    const key = await importFieldKey(new Uint8Array(16));
    const b64 = (n: number): string => btoa(String.fromCharCode(...new Uint8Array(n)));
    expect(await codeOf(openField(key, { data: b64(32), iv: b64(16) }))).to.equal('ERR_CIPHERTEXT_INVALID');
    expect(await codeOf(openField(key, { data: b64(32), iv: b64(8) }))).to.equal('ERR_CIPHERTEXT_INVALID');
    expect(await codeOf(openField(key, { data: b64(15), iv: b64(12) }))).to.equal('ERR_CIPHERTEXT_INVALID');
    expect(await codeOf(openField(key, { data: 'not base64!', iv: b64(12) }))).to.equal('ERR_CIPHERTEXT_INVALID');
    expect(await codeOf(openField(key, { data: b64(32), iv: 'AAAA AAAA' }))).to.equal('ERR_CIPHERTEXT_INVALID');
    expect(await codeOf(importFieldKey(new Uint8Array(24)))).to.equal('ERR_KEY_INVALID');
  });

  it('passes the Wycheproof AES-GCM vectors: valid ones open, every other one is refused with a typed error', async () => {
    const file = await readVector<{ testGroups: AeadGroup[] }>('wycheproof/aes_gcm_test.json');
    let opened = 0;
    let refused = 0;
    for (const group of file.testGroups) {
      for (const t of group.tests) {
        const label = `tcId ${t.tcId}`;
        if (group.keySize === 192) {
          // AES-192 is not a field key size (and Chromium has no AES-192).
          expect(await codeOf(importFieldKey(hex(t.key))), label).to.equal('ERR_KEY_INVALID');
          refused++;
          continue;
        }
        const key = await importFieldKey(hex(t.key));
        const attempt = openAesGcm(key, hex(t.iv), concat(hex(t.ct), hex(t.tag)), hex(t.aad));
        if (t.result === 'valid' && group.ivSize === 96) {
          expect(toHex(await attempt), label).to.equal(t.msg);
          opened++;
        } else {
          // Invalid vectors, and valid ones with IVs other than 96 bits, which cardframe does not accept.
          expect(await codeOf(attempt), label).to.be.oneOf(['ERR_DECRYPT_FAILED', 'ERR_CIPHERTEXT_INVALID']);
          refused++;
        }
      }
    }
    expect(opened).to.be.greaterThan(50);
    expect(refused).to.be.greaterThan(50);
  });
});
