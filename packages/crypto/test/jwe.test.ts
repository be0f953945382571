import { expect } from 'chai';
import { importJWK } from 'jose';
import { before, describe, it, readVector, seedOracle, rejectionCode } from '@cardframe/test-env';
import { importIssuerEncryptionKey, openJwe, sealJwe, type JweAlg } from '../src/index.ts';

const codeOf = rejectionCode;

const PIN_PAYLOAD = new TextEncoder().encode('{"pin":"4821"}');
const headerOf = (jwe: string): Record<string, unknown> => JSON.parse(atob(jwe.split('.')[0]!.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;

describe('JWE sealing to issuer keys', () => {
  let keys: Awaited<ReturnType<typeof seedOracle.pinKeys>>;
  before(async () => {
    keys = await seedOracle.pinKeys();
  });

  it('seals to an RSA key (published with alg RS256, as the change-PIN API does) as RSA-OAEP-256 + A256CBC-HS512 with its kid, and Node crypto alone opens it', async () => {
    const key = await importIssuerEncryptionKey(keys.rsa);
    const jwe = await sealJwe(PIN_PAYLOAD, key);
    expect(headerOf(jwe)).to.deep.equal({ alg: 'RSA-OAEP-256', enc: 'A256CBC-HS512', kid: 'oracle-rsa' });
    const opened = await seedOracle.openJwe(jwe);
    expect(opened.plaintext).to.equal('{"pin":"4821"}');
  });

  it('seals to a P-256 key as ECDH-ES + A256GCM with its kid, and Node crypto alone opens it', async () => {
    const key = await importIssuerEncryptionKey(keys.ec);
    const jwe = await sealJwe(PIN_PAYLOAD, key);
    const header = headerOf(jwe);
    expect(header).to.include({ alg: 'ECDH-ES', enc: 'A256GCM', kid: 'oracle-ec' });
    expect(header['epk']).to.include({ kty: 'EC', crv: 'P-256' });
    expect(jwe.split('.')[1]).to.equal('');
    expect((await seedOracle.openJwe(jwe)).plaintext).to.equal('{"pin":"4821"}');
  });

  it('lets the frame config choose the other content encryption', async () => {
    const rsa = await sealJwe(PIN_PAYLOAD, await importIssuerEncryptionKey(keys.rsa, { rsaEnc: 'A256GCM' }));
    const ec = await sealJwe(PIN_PAYLOAD, await importIssuerEncryptionKey(keys.ec, { ecEnc: 'A256CBC-HS512' }));
    expect((await seedOracle.openJwe(rsa)).header).to.include({ enc: 'A256GCM' });
    expect((await seedOracle.openJwe(ec)).header).to.include({ enc: 'A256CBC-HS512' });
  });

  it('refuses keys without kid, with use sig, private keys, other curves and other key types', async () => {
    const { kid: _kid, ...noKid } = keys.rsa;
    expect(await codeOf(importIssuerEncryptionKey(noKid))).to.equal('ERR_KEY_INVALID');
    expect(await codeOf(importIssuerEncryptionKey({ ...keys.rsa, use: 'sig' }))).to.equal('ERR_KEY_INVALID');
    expect(await codeOf(importIssuerEncryptionKey({ ...keys.ec, d: 'AAAA' }))).to.equal('ERR_KEY_INVALID');
    expect(await codeOf(importIssuerEncryptionKey({ ...keys.ec, crv: 'P-384' }))).to.equal('ERR_KEY_INVALID');
    expect(await codeOf(importIssuerEncryptionKey({ kty: 'oct', k: 'AAAA', kid: 'x' }))).to.equal('ERR_KEY_INVALID');
    expect(await codeOf(importIssuerEncryptionKey({ ...keys.rsa, e: 'AQ' }))).to.equal('ERR_KEY_INVALID');
    expect(await codeOf(importIssuerEncryptionKey('{"kty":"RSA"}'))).to.equal('ERR_KEY_INVALID');
  });

  it('refuses the Wycheproof JWKs with the wrong use, 1024-bit RSA and exponent 1', async () => {
    const file = await readVector<{ testGroups: { comment?: string; public?: unknown; tests: { comment: string }[] }[] }>('wycheproof/json_web_key_test.json');
    const wanted = new Set(['rejectsWrongUse', 'rejects1024bitRsaKey', 'rejectsPublicExponent1']);
    let checked = 0;
    for (const group of file.testGroups) {
      if (!group.public || !group.tests.some((t) => wanted.has(t.comment))) continue;
      const set = group.public as { keys?: unknown[] };
      for (const jwk of set.keys ?? [group.public]) {
        expect(await codeOf(importIssuerEncryptionKey(jwk)), group.tests[0]!.comment).to.equal('ERR_KEY_INVALID');
        checked++;
      }
    }
    expect(checked).to.be.at.least(3);
  });

  it('refuses every Wycheproof invalid-curve and wrong-curve ECDH public key', async () => {
    const file = await readVector<{ testGroups: { tests: { tcId: number; public: JsonWebKey; result: string; flags: string[] }[] }[] }>('wycheproof/ecdh_secp256r1_webcrypto_test.json');
    let refused = 0;
    for (const t of file.testGroups[0]!.tests) {
      if (t.result !== 'invalid') continue;
      const flags = t.flags.join(',');
      if (!/InvalidCurveAttack|WrongCurve|InvalidPublic|ModifiedPublicPoint|ModifiedGroup/.test(flags)) continue;
      expect(await codeOf(importIssuerEncryptionKey({ ...t.public, kid: 'k', use: 'enc' })), `tcId ${t.tcId} ${flags}`).to.equal('ERR_KEY_INVALID');
      refused++;
    }
    expect(refused).to.be.at.least(20);
  });
});

describe('JWE opening with header allowlists', () => {
  interface JweVector { tcId: number; comment: string; jwe: unknown; pt?: string; result: string }
  interface JweGroup { private: JsonWebKey & { alg?: string; kid?: string }; tests: JweVector[] }

  const ACCEPTED: readonly JweAlg[] = ['RSA-OAEP-256', 'RSA-OAEP', 'ECDH-ES'];
  const hexOf = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

  it('opens the valid Wycheproof JWEs in accepted algorithms and refuses every other one with a typed error', async () => {
    const file = await readVector<{ testGroups: JweGroup[] }>('wycheproof/json_web_encryption_test.json');
    let opened = 0;
    let refused = 0;
    for (const group of file.testGroups) {
      for (const t of group.tests) {
        const label = `tcId ${t.tcId} ${t.comment}`;
        let header: Record<string, unknown> = {};
        try {
          header = typeof t.jwe === 'string' ? headerOf(t.jwe) : {};
        } catch {
          header = {};
        }
        const accepted = ACCEPTED.includes(header['alg'] as JweAlg) && ['A256GCM', 'A256CBC-HS512'].includes(header['enc'] as string);
        const attempt = openJwe(t.jwe, async ({ alg }) => {
          try {
            const { alg: _a, use: _u, key_ops: _k, ...jwk } = group.private as Record<string, unknown>;
            const key = await importJWK(jwk, alg);
            return key instanceof CryptoKey ? key : undefined;
          } catch {
            return undefined;
          }
        }, { algorithms: ACCEPTED });
        if (t.result === 'valid' && accepted) {
          const result = await attempt;
          expect(hexOf(result.plaintext), label).to.equal(t.pt);
          opened++;
        } else {
          expect(await codeOf(attempt), label).to.be.oneOf(['ERR_ALG_NOT_ALLOWED', 'ERR_DECRYPT_FAILED', 'ERR_CIPHERTEXT_INVALID', 'ERR_KEY_NOT_FOUND']);
          refused++;
        }
      }
    }
    expect(opened).to.be.at.least(4);
    expect(refused).to.be.at.least(100);
  });

  it('refuses every RSA1_5 JWE before touching a key', async () => {
    const file = await readVector<{ testGroups: JweGroup[] }>('wycheproof/json_web_encryption_test.json');
    let resolved = 0;
    for (const group of file.testGroups) {
      for (const t of group.tests) {
        let alg: unknown;
        try {
          alg = typeof t.jwe === 'string' ? headerOf(t.jwe)['alg'] : undefined;
        } catch {
          continue;
        }
        if (alg !== 'RSA1_5') continue;
        expect(await codeOf(openJwe(t.jwe, () => { resolved++; return undefined; }, { algorithms: ACCEPTED }))).to.equal('ERR_ALG_NOT_ALLOWED');
      }
    }
    expect(resolved).to.equal(0);
  });

  it('refuses a JWK labelled for another encryption algorithm but tolerates a signature label', async () => {
    const keys = await seedOracle.pinKeys();
    expect(await codeOf(importIssuerEncryptionKey({ ...keys.rsa, alg: 'RSA1_5' }))).to.equal('ERR_KEY_INVALID');
    expect(await codeOf(importIssuerEncryptionKey({ ...keys.ec, alg: 'ECDH-ES+A128KW' }))).to.equal('ERR_KEY_INVALID');
    expect((await importIssuerEncryptionKey({ ...keys.rsa, alg: 'RS256' })).alg).to.equal('RSA-OAEP-256');
    expect((await importIssuerEncryptionKey({ ...keys.rsa, alg: 'RSA-OAEP' }, { rsaAlg: 'RSA-OAEP' })).alg).to.equal('RSA-OAEP');
  });

  it('opens RFC 7520 5.2 (RSA-OAEP + A256GCM) where the config allows RSA-OAEP, and refuses 5.4, 5.5, 5.6 and 5.9', async () => {
    const names = {
      '5_2.key_encryption_using_rsa-oaep_with_aes-gcm.json': 'open',
      '5_4.key_agreement_with_key_wrapping_using_ecdh-es_and_aes-keywrap_with_aes-gcm.json': 'ERR_ALG_NOT_ALLOWED',
      '5_5.key_agreement_using_ecdh-es_with_aes-cbc-hmac-sha2.json': 'ERR_ALG_NOT_ALLOWED',
      '5_6.direct_encryption_using_aes-gcm.json': 'ERR_ALG_NOT_ALLOWED',
      '5_9.compressed_content.json': 'ERR_ALG_NOT_ALLOWED',
    } as const;
    for (const [name, expected] of Object.entries(names)) {
      const example = await readVector<{ input: { plaintext: string; key: JsonWebKey; alg: string }; output: { compact: string } }>(`jose-cookbook/${name}`);
      const resolve = async ({ alg }: { alg: JweAlg }) => {
        const key = await importJWK(example.input.key, alg);
        return key instanceof CryptoKey ? key : undefined;
      };
      if (expected === 'open') {
        const result = await openJwe(example.output.compact, resolve, { algorithms: ['RSA-OAEP'] });
        expect(new TextDecoder().decode(result.plaintext), name).to.equal(example.input.plaintext);
        expect(await codeOf(openJwe(example.output.compact, resolve, { algorithms: ['RSA-OAEP-256', 'ECDH-ES'] })), `${name} without RSA-OAEP`).to.equal('ERR_ALG_NOT_ALLOWED');
      } else {
        expect(await codeOf(openJwe(example.output.compact, resolve, { algorithms: ACCEPTED })), name).to.equal(expected);
      }
    }
  });

  it('refuses zip, crit, unknown kids and malformed input with typed errors', async () => {
    const b64u = (o: object): string => btoa(JSON.stringify(o)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    const fake = (header: object): string => `${b64u(header)}.AAAA.AAAA.AAAA.AAAA`;
    const none = (): undefined => undefined;
    expect(await codeOf(openJwe(fake({ alg: 'ECDH-ES', enc: 'A256GCM', zip: 'DEF' }), none, { algorithms: ACCEPTED }))).to.equal('ERR_ALG_NOT_ALLOWED');
    expect(await codeOf(openJwe(fake({ alg: 'ECDH-ES', enc: 'A256GCM', crit: ['exp'], exp: 1 }), none, { algorithms: ACCEPTED }))).to.equal('ERR_ALG_NOT_ALLOWED');
    expect(await codeOf(openJwe(fake({ alg: 'ECDH-ES', enc: 'A256GCM', kid: 'gone' }), none, { algorithms: ACCEPTED }))).to.equal('ERR_KEY_NOT_FOUND');
    expect(await codeOf(openJwe(fake({ alg: 'dir', enc: 'A256GCM' }), none, { algorithms: ACCEPTED }))).to.equal('ERR_ALG_NOT_ALLOWED');
    expect(await codeOf(openJwe('a.b.c', none, { algorithms: ACCEPTED }))).to.equal('ERR_CIPHERTEXT_INVALID');
    expect(await codeOf(openJwe('!!!.a.b.c.d', none, { algorithms: ACCEPTED }))).to.equal('ERR_CIPHERTEXT_INVALID');
    expect(await codeOf(openJwe(42, none, { algorithms: ACCEPTED }))).to.equal('ERR_CIPHERTEXT_INVALID');
  });
});
