import { expect } from 'chai';
import fc from 'fast-check';
import { describe, it } from '@cardframe/test-env';
import { CardframeError } from '@cardframe/protocol';
import { KeyRing, derToP1363, importFieldKey, importIssuerEncryptionKey, openField, openJwe, p1363ToDer } from '../../src/index.ts';

async function typed<T>(promise: Promise<T>, codes: readonly string[]): Promise<T | undefined> {
  try {
    return await promise;
  } catch (error) {
    if (!(error instanceof CardframeError) || !codes.includes(error.code)) throw error;
    return undefined;
  }
}

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
const b64u = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url');

describe('crypto inputs under fuzzing', () => {
  it('openField never opens forged {data, iv} and fails only with typed errors', async () => {
    const key = await importFieldKey(crypto.getRandomValues(new Uint8Array(16)));
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string(), fc.uint8Array({ maxLength: 64 }).map(b64), fc.anything()),
        fc.oneof(fc.string(), fc.uint8Array({ minLength: 12, maxLength: 12 }).map(b64), fc.uint8Array({ maxLength: 20 }).map(b64)),
        async (data, iv) => {
          const result = await typed(openField(key, { data, iv } as never), ['ERR_CIPHERTEXT_INVALID', 'ERR_DECRYPT_FAILED', 'ERR_MALFORMED_RESPONSE']);
          expect(result).to.equal(undefined);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('openJwe refuses random and mutated compact JWEs with typed errors only', async () => {
    const header = fc.record(
      { alg: fc.constantFrom('ECDH-ES', 'RSA-OAEP-256', 'RSA1_5', 'dir', 'A128KW', 'none'), enc: fc.constantFrom('A256GCM', 'A256CBC-HS512', 'A128GCM'), kid: fc.string(), zip: fc.constant('DEF'), crit: fc.array(fc.string()), epk: fc.anything() },
      { requiredKeys: ['alg', 'enc'] },
    );
    const jwe = fc.tuple(header, fc.array(fc.uint8Array({ maxLength: 40 }), { minLength: 4, maxLength: 4 })).map(([h, parts]) => [b64u(new TextEncoder().encode(JSON.stringify(h))), ...parts.map(b64u)].join('.'));
    const someKey = (await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits'])) as CryptoKeyPair;
    await fc.assert(
      fc.asyncProperty(fc.oneof(jwe, fc.string(), fc.anything()), async (input) => {
        const result = await typed(openJwe(input, () => someKey.privateKey, { algorithms: ['ECDH-ES', 'RSA-OAEP-256'] }), [
          'ERR_ALG_NOT_ALLOWED',
          'ERR_CIPHERTEXT_INVALID',
          'ERR_DECRYPT_FAILED',
          'ERR_KEY_NOT_FOUND',
        ]);
        expect(result).to.equal(undefined);
      }),
      { numRuns: 400 },
    );
  });

  it('issuer key import accepts only well-formed keys and fails only with ERR_KEY_INVALID', async () => {
    const good = await importIssuerEncryptionKey({ ...(await crypto.subtle.exportKey('jwk', ((await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits'])) as CryptoKeyPair).publicKey)), kid: 'k' });
    expect(good.kid).to.equal('k');
    const jwk = fc.record(
      {
        kty: fc.constantFrom('EC', 'RSA', 'oct', 'OKP', ''),
        crv: fc.constantFrom('P-256', 'P-384', 'secp256k1'),
        x: fc.oneof(fc.uint8Array({ minLength: 32, maxLength: 32 }).map(b64u), fc.string()),
        y: fc.oneof(fc.uint8Array({ minLength: 32, maxLength: 32 }).map(b64u), fc.string()),
        n: fc.oneof(fc.uint8Array({ minLength: 1, maxLength: 300 }).map(b64u), fc.string()),
        e: fc.oneof(fc.constant('AQAB'), fc.constant('AQ'), fc.string()),
        kid: fc.oneof(fc.string(), fc.integer()),
        use: fc.constantFrom('enc', 'sig', 'x'),
        alg: fc.constantFrom('ECDH-ES', 'RSA-OAEP-256', 'RSA1_5', 'RS256', 'none'),
        d: fc.string(),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(jwk, fc.anything()), async (input) => {
        const key = await typed(importIssuerEncryptionKey(input), ['ERR_KEY_INVALID']);
        if (key) {
          // Whatever got through is a public encryption key named by a string kid.
          const record = input as Record<string, unknown>;
          expect(record['d']).to.equal(undefined);
          expect(typeof key.kid).to.equal('string');
          expect(['enc', undefined]).to.include(record['use']);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('a key ring over any JWKS either yields a usable key or ERR_KEY_NOT_FOUND, never an untyped error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.anything(), fc.record({ keys: fc.array(fc.anything(), { maxLength: 5 }) })), async (body) => {
        const fetcher = (async () => new Response(JSON.stringify(body) ?? 'null')) as typeof fetch;
        const ring = new KeyRing({ source: { jwksUrl: 'https://issuer.example/jwks' }, importKey: (j) => importIssuerEncryptionKey(j), fetch: fetcher });
        await typed(ring.preferred(), ['ERR_KEY_NOT_FOUND']);
      }),
      { numRuns: 200 },
    );
  });

  it('DER signatures: what derToP1363 accepts converts back to the same bytes; everything else is ERR_SIGNATURE_INVALID', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 80 }), fc.uint8Array({ minLength: 64, maxLength: 64 }).map((raw) => p1363ToDer(raw))), (der) => {
        let raw: Uint8Array;
        try {
          raw = derToP1363(der);
        } catch (error) {
          expect((error as CardframeError).code).to.equal('ERR_SIGNATURE_INVALID');
          return;
        }
        expect(Buffer.from(p1363ToDer(raw)).equals(Buffer.from(der))).to.equal(true);
      }),
      { numRuns: 3000 },
    );
  });
});
