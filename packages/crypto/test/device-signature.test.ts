import { expect } from 'chai';
import { describe, it, readVector, seedOracle } from '@cardframe/test-env';
import { CardframeError, parseFrameMessage } from '@cardframe/protocol';
import { derToP1363, exportDevicePublicKey, generateDeviceKeyPair, p1363ToDer, signDeviceMessage, verifyDeviceMessage } from '../src/index.ts';

interface SigVector { tcId: number; msg: string; sig: string; result: 'valid' | 'invalid' | 'acceptable'; flags: string[] }
interface SigGroup { publicKey: { uncompressed: string }; publicKeyJwk?: JsonWebKey; tests: SigVector[] }

const hex = (s: string): Uint8Array => Uint8Array.from(s.match(/../g) ?? [], (b) => parseInt(b, 16));
const toHex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
const verifyKey = (uncompressed: string): Promise<CryptoKey> =>
  crypto.subtle.importKey('raw', hex(uncompressed) as BufferSource, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
const verifyRaw = (key: CryptoKey, raw: Uint8Array, msg: Uint8Array): Promise<boolean> =>
  crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, raw as BufferSource, msg as BufferSource);

describe('device-binding signatures', () => {
  it('signs with a non-extractable P-256 key, as hex DER that Node crypto verifies', async () => {
    const pair = await generateDeviceKeyPair();
    expect(pair.privateKey.extractable).to.equal(false);
    const jwk = await exportDevicePublicKey(pair.publicKey);
    expect(Object.keys(jwk).sort()).to.deep.equal(['crv', 'kty', 'x', 'y']);
    const message = 'eyJhbGciOiJSU0EtT0FFUC0yNTYifQ.a.b.c.d';
    const signature = await signDeviceMessage(pair.privateKey, message);
    expect(signature).to.match(/^30[0-9a-f]+$/);
    expect(await seedOracle.verifyDer(jwk, message, signature)).to.equal(true);
    expect(await seedOracle.verifyDer(jwk, `${message}x`, signature)).to.equal(false);
    expect(await verifyDeviceMessage(pair.publicKey, message, signature)).to.equal(true);
  });

  it('exports the device key in the shape the register-device request carries', async () => {
    const jwk = await exportDevicePublicKey((await generateDeviceKeyPair()).publicKey);
    const request = { v: 1, kind: 'request', id: 'd1', method: 'register-device', params: { public_key: jwk } };
    expect(parseFrameMessage(request)).to.deep.equal(request);
  });

  it('converts the Wycheproof DER vectors: valid ones verify, malformed or wrong ones never do', async () => {
    const file = await readVector<{ testGroups: SigGroup[] }>('wycheproof/ecdsa_secp256r1_sha256_test.json');
    let valid = 0;
    let invalid = 0;
    for (const group of file.testGroups) {
      const key = await verifyKey(group.publicKey.uncompressed);
      for (const t of group.tests) {
        const label = `tcId ${t.tcId} ${t.flags.join(',')}`;
        let ok: boolean;
        try {
          const raw = derToP1363(hex(t.sig));
          ok = await verifyRaw(key, raw, hex(t.msg));
          if (t.result === 'valid') expect(toHex(p1363ToDer(raw)), `${label} round trip`).to.equal(t.sig);
        } catch (error) {
          expect(error, label).to.be.instanceOf(CardframeError);
          ok = false;
        }
        if (t.result === 'valid') {
          expect(ok, label).to.equal(true);
          valid++;
        } else if (t.result === 'invalid') {
          expect(ok, label).to.equal(false);
          invalid++;
        }
      }
    }
    expect(valid).to.be.greaterThan(100);
    expect(invalid).to.be.greaterThan(200);
  });

  it('verifies the Wycheproof P1363 vectors and converts valid ones to DER that Node crypto accepts', async () => {
    const file = await readVector<{ testGroups: SigGroup[] }>('wycheproof/ecdsa_secp256r1_sha256_p1363_test.json');
    let checked = 0;
    let crossChecked = 0;
    for (const group of file.testGroups) {
      const key = await verifyKey(group.publicKey.uncompressed);
      for (const t of group.tests) {
        const raw = hex(t.sig);
        const ok = raw.length === 64 && (await verifyRaw(key, raw, hex(t.msg)));
        if (t.result === 'valid') {
          expect(ok, `tcId ${t.tcId}`).to.equal(true);
          if (group.publicKeyJwk && crossChecked < 20) {
            // The DER we produce is what the change-PIN API takes; Node must accept it as such.
            const message = new TextDecoder('latin1').decode(hex(t.msg));
            if (/^[\x20-\x7e]*$/.test(message)) {
              expect(await seedOracle.verifyDer(group.publicKeyJwk, message, toHex(p1363ToDer(raw))), `tcId ${t.tcId} via Node`).to.equal(true);
              crossChecked++;
            }
          }
        }
        if (t.result === 'invalid') expect(ok, `tcId ${t.tcId}`).to.equal(false);
        checked++;
      }
    }
    expect(checked).to.be.greaterThan(200);
    expect(crossChecked).to.be.greaterThan(5);
  });

  it('refuses malformed signatures with ERR_SIGNATURE_INVALID', async () => {
    const pair = await generateDeviceKeyPair();
    // r = s = 0 is well-formed DER: it parses and simply does not verify.
    expect(await verifyDeviceMessage(pair.publicKey, 'x', '3006020100020100')).to.equal(false);
    for (const bad of ['', 'zz', '300602010102010100', '3081060201010201010000', '30060201ff020101', '3007020200010201010']) {
      try {
        await verifyDeviceMessage(pair.publicKey, 'x', bad);
        expect.fail(`accepted ${bad}`);
      } catch (error) {
        expect(error, bad).to.be.instanceOf(CardframeError);
        expect((error as CardframeError).code).to.equal('ERR_SIGNATURE_INVALID');
      }
    }
    expect(() => p1363ToDer(new Uint8Array(63))).to.throw(CardframeError);
  });
});
