import { expect } from 'chai';
import { describe, it, rejectionCode } from '@cardframe/test-env';
import { ResponseKeys, importIssuerEncryptionKey, sealJwe } from '@cardframe/crypto';
import type { HostResult } from '@cardframe/protocol';
import { keySourceOrigins, parseFrameConfig, type FrameConfig } from '../src/config.ts';
import { replyVerifier } from '../src/keys/formats/jwe.ts';
import { revealWithKeyPair } from '../src/reveal.ts';

const text = new TextEncoder();
const b64url = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** The issuer's reply-signing key, signing with plain WebCrypto (ES256 = P-256 ECDSA, P1363 signature). */
async function issuerSigner(kid: string): Promise<{ jwk: Record<string, unknown>; sign(claims: Record<string, unknown>): Promise<string> }> {
  const { privateKey, publicKey } = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const { x, y } = await crypto.subtle.exportKey('jwk', publicKey);
  return {
    jwk: { kty: 'EC', crv: 'P-256', x, y, kid, use: 'sig', alg: 'ES256' },
    async sign(claims) {
      const input = `${b64url(text.encode(JSON.stringify({ alg: 'ES256', kid, cty: 'JSON' })))}.${b64url(text.encode(JSON.stringify(claims)))}`;
      const signature = new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, privateKey, text.encode(input)));
      return `${input}.${b64url(signature)}`;
    },
  };
}

function config(issuer: Record<string, unknown>, reveal: Record<string, unknown> = {}): FrameConfig {
  return parseFrameConfig({ allowedHostOrigins: ['https://shop.example'], issuer, flows: { reveal: { fields: ['pan', 'cvc', 'expiry'], modes: ['key-pair'], ...reveal } } });
}

const CARD = { pan: '4111111111111111', cvc: '123', expiry: '12/2030' };
const HOST_CARD = { pan: '5555555555554444', cvc: '999', expiry: '01/2031' };
const seconds = (): number => Math.floor(Date.now() / 1000);

/** Encrypts `plaintext` to the frame's public key, as the issuer — or a host holding that key — can. */
async function encryptTo(publicKey: Parameters<typeof importIssuerEncryptionKey>[0], plaintext: string): Promise<HostResult> {
  return { status: 200, body: await sealJwe(text.encode(plaintext), await importIssuerEncryptionKey(publicKey, { rsaEnc: 'A256GCM' }), { cty: 'JWT' }) } as HostResult;
}

describe('key-pair replies the issuer signs', () => {
  it('turns signing on when signing keys are configured, refuses "required" without keys, and fetches a signing JWKS only from its own origin', () => {
    const signer = { kty: 'EC', crv: 'P-256', x: 'x', y: 'y', kid: 's' };
    expect(config({ responseSigningKey: { jwk: signer } }).flows.reveal?.responseSigning).to.equal('required');
    expect(config({}).flows.reveal?.responseSigning).to.equal('off');
    expect(config({ responseSigningKey: { jwk: signer } }, { responseSigning: 'off' }).flows.reveal?.responseSigning).to.equal('off');
    expect(() => config({}, { responseSigning: 'required' })).to.throw(/needs issuer.responseSigningKey/);
    expect(() => config({ responseSigningKey: { jwk: signer } }, { responseSigning: 'sometimes' })).to.throw(/must be "required" or "off"/);
    expect(() => config({ messageFormat: 'pgp', responseSigningKey: { jwk: signer } })).to.throw(/JWE issuers only/);
    expect(keySourceOrigins(config({ responseSigningKeys: { jwksUrl: 'https://keys.issuer.example/sig.json' } }))).to.deep.equal(['https://keys.issuer.example']);
  });

  it('shows a reply the issuer signed over the card, this frame key and this request nonce', async () => {
    const issuer = await issuerSigner('issuer-sig');
    const verify = replyVerifier(config({ responseSigningKey: { jwk: issuer.jwk } }))!;
    const keys = new ResponseKeys();
    const values = await revealWithKeyPair(keys, ['pan', 'cvc', 'expiry'], async (publicKey, nonce) => encryptTo(publicKey, await issuer.sign({ ...CARD, kid: publicKey.kid, nonce, iat: seconds() })), verify);
    expect(values).to.deep.equal({ pan: CARD.pan, cvc: CARD.cvc, expiry: '12/30' });
    keys.drop();
  });

  it('refuses digits a host encrypted to the frame key itself, unsigned or signed with its own key', async () => {
    const issuer = await issuerSigner('issuer-sig');
    const host = await issuerSigner('issuer-sig');
    const verify = replyVerifier(config({ responseSigningKey: { jwk: issuer.jwk } }))!;
    const keys = new ResponseKeys();
    const unsigned = revealWithKeyPair(keys, ['pan'], (publicKey) => encryptTo(publicKey, JSON.stringify(HOST_CARD)), verify);
    expect(await rejectionCode(unsigned)).to.equal('ERR_SIGNATURE_INVALID');
    const forged = revealWithKeyPair(keys, ['pan'], async (publicKey, nonce) => encryptTo(publicKey, await host.sign({ ...HOST_CARD, kid: publicKey.kid, nonce, iat: seconds() })), verify);
    expect(await rejectionCode(forged)).to.equal('ERR_SIGNATURE_INVALID');
    keys.drop();
  });

  it('refuses a genuine reply replayed to a later request, and one signed for another frame key', async () => {
    const issuer = await issuerSigner('issuer-sig');
    const verify = replyVerifier(config({ responseSigningKey: { jwk: issuer.jwk } }))!;
    const keys = new ResponseKeys();
    let recorded: HostResult | undefined;
    await revealWithKeyPair(keys, ['pan'], async (publicKey, nonce) => (recorded = await encryptTo(publicKey, await issuer.sign({ ...CARD, kid: publicKey.kid, nonce, iat: seconds() }))), verify);
    expect(await rejectionCode(revealWithKeyPair(keys, ['pan'], async () => recorded!, verify))).to.equal('ERR_SIGNATURE_INVALID');
    const otherKey = revealWithKeyPair(keys, ['pan'], async (publicKey, nonce) => encryptTo(publicKey, await issuer.sign({ ...CARD, kid: 'another-frame-key', nonce, iat: seconds() })), verify);
    expect(await rejectionCode(otherKey)).to.equal('ERR_SIGNATURE_INVALID');
    keys.drop();
  });

  it('sends a fresh nonce with every request', async () => {
    const nonces: string[] = [];
    const keys = new ResponseKeys();
    for (let i = 0; i < 2; i++) await revealWithKeyPair(keys, ['pan'], async (publicKey, nonce) => (nonces.push(nonce), encryptTo(publicKey, JSON.stringify(CARD))));
    expect(nonces[0]).to.match(/^[A-Za-z0-9_-]{22}$/);
    expect(nonces[1]).to.not.equal(nonces[0]);
    keys.drop();
  });

  it('keeps seed 000 unsigned replies working where the config has no signing keys', async () => {
    expect(replyVerifier(config({}))).to.equal(undefined);
    const keys = new ResponseKeys();
    expect(await revealWithKeyPair(keys, ['pan'], (publicKey) => encryptTo(publicKey, JSON.stringify(CARD)), replyVerifier(config({})))).to.deep.equal({ pan: CARD.pan });
    keys.drop();
  });
});
