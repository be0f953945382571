import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from '@cardframe/test-env';
import { ResponseKeys, importReplyVerifyKey, replyNonce, verifySignedReply, type ReplyVerifyKey } from '@cardframe/crypto';
import { PgpResponseKeys, importPgpReplyVerifyKey } from '@cardframe/crypto/pgp';
import { startSandboxIssuer, type SandboxIssuer } from '../../src/index.ts';

const post = (url: string, body: unknown): Promise<Response> => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

async function signingKeys(issuer: SandboxIssuer): Promise<ReplyVerifyKey[]> {
  const { keys } = (await (await fetch(`${issuer.url}/v1/cards/reply_signing_keys`)).json()) as { keys: Record<string, unknown>[] };
  return Promise.all(keys.map((jwk) => importReplyVerifyKey(jwk)));
}

describe('sandbox issuer signed key-pair replies', () => {
  const dirs: string[] = [];
  after(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('signs a reply carrying the frame nonce with a published key (then encrypts it), and sends seed 000 plain JSON without one', async () => {
    const issuer = await startSandboxIssuer();
    try {
      const keys = await signingKeys(issuer);
      const frame = new ResponseKeys();
      const publicKey = await frame.current();
      const nonce = replyNonce();
      const signed = await post(`${issuer.url}/v1/cards/card_default/details`, { public_key: publicKey, nonce });
      const jwe = await signed.text();
      expect(JSON.parse(Buffer.from(jwe.split('.')[0]!, 'base64url').toString())).to.include({ cty: 'JWT' });
      const jws = new TextDecoder().decode((await frame.open(jwe)).plaintext);
      const card = await verifySignedReply(jws, { kid: publicKey.kid, nonce }, { keyFor: async (kid) => keys.find((k) => k.kid === kid) });
      expect(card).to.include({ pan: '4242424242424242', kid: publicKey.kid, nonce });

      const plain = await post(`${issuer.url}/v1/cards/card_default/details`, { public_key: publicKey });
      expect(JSON.parse(new TextDecoder().decode((await frame.open(await plain.text())).plaintext))).to.include({ pan: '4242424242424242' });
      expect((await post(`${issuer.url}/v1/cards/card_default/details`, { public_key: publicKey, nonce: 'not-a-nonce' })).status).to.equal(400);
      frame.drop();
    } finally {
      await issuer.close();
    }
  });

  it('keeps its reply-signing keys across a restart and rotates them with the others', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cardframe-issuer-'));
    dirs.push(dir);
    const first = await startSandboxIssuer({ dataDir: dir });
    const before = (await signingKeys(first)).map((k) => k.kid);
    await first.rotate();
    const rotated = (await signingKeys(first)).map((k) => k.kid);
    await first.close();
    expect(rotated).to.not.deep.equal(before);
    const second = await startSandboxIssuer({ dataDir: dir });
    try {
      expect((await signingKeys(second)).map((k) => k.kid)).to.deep.equal(rotated);
    } finally {
      await second.close();
    }
  });

  it('signs an OpenPGP programme\'s reply inside the encryption when the request carries the nonce, with the key it publishes and keeps across a restart', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cardframe-issuer-'));
    dirs.push(dir);
    const first = await startSandboxIssuer({ dataDir: dir });
    let published: { keys: Record<string, unknown>[] };
    try {
      published = (await (await fetch(`${first.url}/v1/cards/pgp_reply_signing_keys`)).json()) as { keys: Record<string, unknown>[] };
      expect(published.keys).to.deep.equal([first.pgpReplySigningKey.publicEntry]);
      const signer = await importPgpReplyVerifyKey(published.keys[0]);
      const frame = new PgpResponseKeys({ open: { signedBy: { keys: async () => [signer.key] } } });
      const publicKey = await frame.current();
      const nonce = replyNonce();
      const signed = await (await post(`${first.url}/v1/cards/card_pgp/details`, { public_key: publicKey, nonce })).text();
      expect(JSON.parse(new TextDecoder().decode((await frame.open(signed)).plaintext))).to.include({ pan: '5555555555554444', kid: publicKey.kid, nonce });
      // Without a nonce: seed 003/004's unsigned message, which a frame pinning the key refuses.
      const plain = await (await post(`${first.url}/v1/cards/card_pgp/details`, { public_key: publicKey })).text();
      expect(await frame.open(plain).catch((error: { code: string }) => error.code)).to.equal('ERR_SIGNATURE_INVALID');
      expect((await post(`${first.url}/v1/cards/card_pgp/details`, { public_key: publicKey, nonce: 'not-a-nonce' })).status).to.equal(400);
      frame.drop();
    } finally {
      await first.close();
    }
    const second = await startSandboxIssuer({ dataDir: dir });
    try {
      expect(second.pgpReplySigningKey.publicEntry).to.deep.equal(published.keys[0]);
    } finally {
      await second.close();
    }
  });
});
