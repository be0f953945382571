import { expect } from 'chai';
import { constants, createDecipheriv, generateKeyPairSync, publicEncrypt, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, describe, it } from '@cardframe/test-env';
import { bindingChallenge, encodeBase64Url, jwkThumbprint, pinCommitment, type BindingCommitment } from '@cardframe/crypto';
import { startSandboxIssuer, type SandboxIssuer, type SandboxIssuerOptions } from '../../src/index.ts';
// The issuer toolkit's software passkey, so that @simplewebauthn/server checks real ceremonies.
import { SoftAuthenticator } from '../../../issuer/test/node/support/soft-authenticator.ts';
import { findRedisServer, startRedis } from '../../../issuer/test/node/support/redis-server.ts';

const FRAME = 'http://frame.localhost:5174';
const RP_ID = 'frame.localhost';

type Json = Record<string, any>;

const challengeFor = async (statement: string, commitment?: BindingCommitment): Promise<string> => encodeBase64Url(await bindingChallenge(statement, commitment));
const header = (assertion: unknown): string => Buffer.from(JSON.stringify(assertion)).toString('base64url');

/** Seed 001's sessionid, made the way the frame (or a script with the public key) makes it. */
function session(pem: string): { sessionid: string; secret: Buffer } {
  const secret = randomBytes(16);
  const sessionid = publicEncrypt({ key: pem, padding: constants.RSA_PKCS1_OAEP_PADDING }, Buffer.from(secret.toString('base64'))).toString('base64');
  return { sessionid, secret };
}

function open(field: { data: string; iv: string }, secret: Buffer): string {
  const data = Buffer.from(field.data, 'base64');
  const decipher = createDecipheriv('aes-128-gcm', secret, Buffer.from(field.iv, 'base64'));
  decipher.setAuthTag(data.subarray(-16));
  return Buffer.concat([decipher.update(data.subarray(0, -16)), decipher.final()]).toString('utf8');
}

describe('sandbox issuer: card binding routes', () => {
  const issuers: SandboxIssuer[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(issuers.splice(0).map((issuer) => issuer.close()));
  });
  after(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  async function start(options: SandboxIssuerOptions = {}): Promise<SandboxIssuer> {
    const issuer = await startSandboxIssuer({ frameOrigins: [FRAME], binding: 'bound', ...options });
    issuers.push(issuer);
    return issuer;
  }

  async function call(issuer: SandboxIssuer, path: string, init: { method?: string; headers?: Record<string, string>; body?: unknown } = {}): Promise<{ status: number; body: Json; headers: Headers }> {
    const response = await fetch(`${issuer.url}${path}`, {
      method: init.method ?? 'GET',
      headers: { ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Json) : {}, headers: response.headers };
  }

  /** GET ?scope=webauthn, a registration by `authenticator`, PATCH: the card's first passkey. */
  async function register(issuer: SandboxIssuer, authenticator: SoftAuthenticator, cardPath = '/card'): Promise<string> {
    const { body } = await call(issuer, `${cardPath}?scope=webauthn`);
    const credential = authenticator.register(await challengeFor(body['challenge']), body['webauthn'].user.id);
    const patched = await call(issuer, cardPath === '/card' ? '/' : cardPath, { method: 'PATCH', body: { scope: 'webauthn', challenge: body['challenge'], credential } });
    expect(patched).to.deep.include({ status: 200, body: { bound: true, scope: 'webauthn', credentialId: credential.id } });
    return credential.id;
  }

  /** A bound-request assertion over `commitment` by `credentialId`. */
  async function assertion(issuer: SandboxIssuer, authenticator: SoftAuthenticator, credentialId: string, commitment: BindingCommitment, cardPath = '/card'): Promise<{ challenge: string; credential: unknown }> {
    const { body } = await call(issuer, `${cardPath}?scope=webauthn`);
    return { challenge: body['challenge'], credential: authenticator.assert(credentialId, await challengeFor(body['challenge'], commitment)) };
  }

  it('reads scope repeated, comma- or space-separated; refuses webauthn with siwe and unknown scopes as invalid_scope', async () => {
    // Plain mode: a bound issuer hands out provisioning credentials only with a bound sessionid (next test).
    const issuer = await start({ binding: 'plain' });
    const both = await call(issuer, '/card?scope=webauthn&scope=provisioning');
    expect(both.status).to.equal(200);
    expect(both.body['challenge']).to.match(/^Sandbox Issuer asks you to authorize access to card card_default with your passkey\.\nNonce: [0-9a-f]{32}\n/);
    expect(both.body['webauthn'].allowCredentials).to.deep.equal([]);
    expect(both.body['provisioning']).to.have.keys('cardId', 'otp', 'expiresAt');
    expect(both.body['encryptedPan']).to.equal(undefined);
    expect(Object.keys((await call(issuer, '/cards/card_amex?scope=webauthn%20provisioning')).body)).to.include.members(['challenge', 'provisioning']);
    const plain = await call(issuer, '/card');
    expect(plain.body).to.not.have.any.keys('challenge', 'webauthn', 'provisioning');
    for (const query of ['scope=webauthn,siwe', 'scope=webauthn&scope=siwe', 'scope=admin']) {
      expect(await call(issuer, `/card?${query}`)).to.deep.include({ status: 400 });
      expect((await call(issuer, `/card?${query}`)).body['error'].code).to.equal('invalid_scope');
    }
    expect(issuer.stats.bindingChallenges).to.equal(2);
    expect(issuer.stats.bindingRefusals['invalid_scope']).to.equal(6);
  });

  it('refuses, in bound mode, a sessionid without an assertion (a page script\'s own) with binding_required and nothing decryptable', async () => {
    const issuer = await start();
    const { sessionid } = session(issuer.sessionKeyPem);
    const refused = await call(issuer, '/card', { headers: { sessionid } });
    expect(refused.status).to.equal(401);
    expect(refused.body).to.deep.equal({ error: { code: 'binding_required', message: 'this request needs a passkey assertion' } });
    expect(issuer.stats.bindingRefusals).to.deep.equal({ binding_required: 1 });
  });

  it('serves a sessionid whose assertion commits to it, once: a replay is challenge_used, another sessionid commitment_mismatch', async () => {
    const issuer = await start();
    const authenticator = new SoftAuthenticator(FRAME, RP_ID);
    const id = await register(issuer, authenticator);
    const { sessionid, secret } = session(issuer.sessionKeyPem);
    const proof = await assertion(issuer, authenticator, id, { purpose: 'session', value: sessionid });
    const served = await call(issuer, '/card', { headers: { sessionid, 'cardframe-assertion': header(proof) } });
    expect(served.status).to.equal(200);
    expect(open(served.body['encryptedPan'], secret)).to.equal('4242424242424242');

    const replay = await call(issuer, '/card', { headers: { sessionid, 'cardframe-assertion': header(proof) } });
    expect([replay.status, replay.body['error'].code]).to.deep.equal([401, 'challenge_used']);
    const other = session(issuer.sessionKeyPem);
    const redirected = await call(issuer, '/card', { headers: { sessionid: other.sessionid, 'cardframe-assertion': header(await assertion(issuer, authenticator, id, { purpose: 'session', value: sessionid })) } });
    expect([redirected.status, redirected.body['error'].code]).to.deep.equal([401, 'commitment_mismatch']);
    expect(redirected.body['encryptedPan']).to.equal(undefined);
  });

  it('refuses another card\'s passkey as unknown_credential and an expired statement as challenge_expired', async () => {
    const issuer = await start({ challengeTtlMs: 2000 });
    const authenticator = new SoftAuthenticator(FRAME, RP_ID);
    await register(issuer, authenticator);
    const amex = await register(issuer, authenticator, '/cards/card_amex');
    const { sessionid } = session(issuer.sessionKeyPem);
    const foreign = await call(issuer, '/card', { headers: { sessionid, 'cardframe-assertion': header(await assertion(issuer, authenticator, amex, { purpose: 'session', value: sessionid })) } });
    expect([foreign.status, foreign.body['error'].code]).to.deep.equal([401, 'unknown_credential']);

    const { body } = await call(issuer, '/card?scope=webauthn');
    const late = { challenge: body['challenge'], credential: authenticator.assert(amex, await challengeFor(body['challenge'], { purpose: 'session', value: sessionid })) };
    // Past the statement's expiry by its own Expiration Time line, not by a guess at the clock.
    const expires = Date.parse(/Expiration Time: (.+)$/m.exec(body['challenge'])![1]!);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, expires - Date.now()) + 20));
    const expired = await call(issuer, '/card', { headers: { sessionid, 'cardframe-assertion': header(late) } });
    expect([expired.status, expired.body['error'].code]).to.deep.equal([401, 'challenge_expired']);
  });

  it('binds the key-pair reveal, device registration and PIN change to the passkey: binding_required without an assertion, served with one', async () => {
    const issuer = await start();
    const authenticator = new SoftAuthenticator(FRAME, RP_ID);
    const id = await register(issuer, authenticator);
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'frame-1', use: 'enc', alg: 'ECDH-ES' };

    const bare = await call(issuer, '/v1/cards/card_default/details', { method: 'POST', body: { public_key: jwk } });
    expect([bare.status, bare.body['error'].code]).to.deep.equal([401, 'binding_required']);
    const details = await fetch(`${issuer.url}/v1/cards/card_default/details`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ public_key: jwk, assertion: await assertion(issuer, authenticator, id, { purpose: 'public-key', value: await jwkThumbprint(jwk) }) }),
    });
    expect([details.status, details.headers.get('content-type')]).to.deep.equal([200, 'application/jose']);

    const device = { ...publicKey.export({ format: 'jwk' }) };
    const noDevice = await call(issuer, '/v1/devices', { method: 'POST', body: { card_account_id: 'card_default', public_key: device } });
    expect([noDevice.status, noDevice.body['error'].code]).to.deep.equal([401, 'binding_required']);
    const wrongKey = await call(issuer, '/v1/devices', {
      method: 'POST',
      body: { card_account_id: 'card_default', public_key: device, assertion: await assertion(issuer, authenticator, id, { purpose: 'device-key', value: 'another-thumbprint' }) },
    });
    expect([wrongKey.status, wrongKey.body['error'].code]).to.deep.equal([401, 'commitment_mismatch']);
    const bound = await call(issuer, '/v1/devices', {
      method: 'POST',
      body: { card_account_id: 'card_default', public_key: device, assertion: await assertion(issuer, authenticator, id, { purpose: 'device-key', value: await jwkThumbprint(device) }) },
    });
    expect(bound.status).to.equal(201);

    const pin = await call(issuer, '/v1/cards/card_default/pin_change_requests', { method: 'POST', body: { encrypted_pin: 'x.y.z.w.v', key_id: issuer.pinKey.kid } });
    expect([pin.status, pin.body['error'].code]).to.deep.equal([401, 'binding_required']);
    const committed = await call(issuer, '/v1/cards/card_default/pin_change_requests', {
      method: 'POST',
      body: { encrypted_pin: 'x.y.z.w.v', key_id: issuer.pinKey.kid, assertion: await assertion(issuer, authenticator, id, { purpose: 'pin', value: await pinCommitment('x.y.z.w.v') }) },
    });
    // Past the binding check, the PIN's own checks run: this one is no JWE.
    expect(committed.body['error'].code).to.equal('invalid_encrypted_pin');
    expect(issuer.stats.bindingRefusals).to.deep.equal({ binding_required: 3, commitment_mismatch: 1 });
  });

  it('serves seed 001\'s plain flow in plain mode: a sessionid alone reveals', async () => {
    const issuer = await start({ binding: 'plain' });
    const { sessionid, secret } = session(issuer.sessionKeyPem);
    const served = await call(issuer, '/card', { headers: { sessionid } });
    expect(open(served.body['encryptedPan'], secret)).to.equal('4242424242424242');
  });

  it('dispatches PATCH / to the default card and PATCH /cards/{id} to that card; 404 for an unknown card, 400 for a non-JSON body', async () => {
    const issuer = await start();
    const authenticator = new SoftAuthenticator(FRAME, RP_ID);
    const id = await register(issuer, authenticator, '/cards/card_amex');
    expect((await issuer.binding.bindings.passkey(id))?.cardId).to.equal('card_amex');
    const { body } = await call(issuer, '/card?scope=webauthn');
    // The amex passkey confirming a binding of the default card.
    const confirm = await call(issuer, '/', { method: 'PATCH', body: { scope: 'webauthn', challenge: body['challenge'], credential: authenticator.assert(id, await challengeFor(body['challenge'])) } });
    expect([confirm.status, confirm.body['error'].code]).to.deep.equal([401, 'unknown_credential']);
    expect((await call(issuer, '/cards/card_nope', { method: 'PATCH', body: {} })).status).to.equal(404);
    const broken = await fetch(`${issuer.url}/`, { method: 'PATCH', body: '{' });
    expect(broken.status).to.equal(400);
  });

  it('keeps bindings in the data folder beside the keys across a restart', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cardframe-binding-'));
    dirs.push(dir);
    const first = await start({ dataDir: dir });
    const id = await register(first, new SoftAuthenticator(FRAME, RP_ID));
    await first.close();
    const second = await start({ dataDir: dir });
    expect((await call(second, '/card?scope=webauthn')).body['webauthn'].allowCredentials).to.deep.equal([{ id, type: 'public-key', transports: ['internal'] }]);
  });

  it('hands out provisioning credentials in bound mode only with a sessionid, whose assertion it checks: a page script asking without one gets binding_required and nothing', async () => {
    const issuer = await start();
    for (const query of ['scope=provisioning', 'scope=webauthn&scope=provisioning', 'scope=provisioning%20siwe&address=0x' + 'ab'.repeat(20)]) {
      const refused = await call(issuer, `/card?${query}`);
      expect([refused.status, refused.body['error']?.code]).to.deep.equal([401, 'binding_required']);
      expect(refused.body).to.not.have.any.keys('provisioning', 'challenge');
    }
    const { sessionid } = session(issuer.sessionKeyPem);
    const unasserted = await call(issuer, '/card?scope=provisioning', { headers: { sessionid } });
    expect([unasserted.status, unasserted.body['error']?.code]).to.deep.equal([401, 'binding_required']);
    expect((await call(issuer, '/card?scope=webauthn')).status).to.equal(200);
  });

  it('redeems provisioning credentials once at the sandbox wallet, readable only from a trusted frame origin', async () => {
    const issuer = await start({ binding: 'plain' });
    const { provisioning } = (await call(issuer, '/card?scope=provisioning')).body;
    const preflight = await call(issuer, '/sandbox/wallet/cards', { method: 'OPTIONS', headers: { origin: FRAME } });
    expect(preflight.headers.get('access-control-allow-origin')).to.equal(FRAME);
    const added = await call(issuer, '/sandbox/wallet/cards', { method: 'POST', headers: { origin: FRAME }, body: { cardId: provisioning.cardId, otp: provisioning.otp } });
    expect(added.status).to.equal(201);
    expect(added.headers.get('access-control-allow-origin')).to.equal(FRAME);
    const again = await call(issuer, '/sandbox/wallet/cards', { method: 'POST', headers: { origin: 'http://localhost:5173' }, body: { cardId: provisioning.cardId, otp: provisioning.otp } });
    expect([again.status, again.body['error'].code, again.headers.get('access-control-allow-origin')]).to.deep.equal([401, 'challenge_used', null]);
    expect((await call(issuer, '/sandbox/wallet/cards')).body['cards']).to.deep.equal([{ cardId: 'card_default', walletCardId: provisioning.cardId, addedAt: issuer.binding.walletCards[0]!.addedAt }]);
  });

  it('seals provisioning credentials to the session secret when a sessionid comes with scope=provisioning, so the relay that carries them cannot use them', async () => {
    const issuer = await start({ binding: 'plain' });
    const { sessionid, secret } = session(issuer.sessionKeyPem);
    const { status, body } = await call(issuer, '/card?scope=provisioning', { headers: { sessionid } });
    expect(status).to.equal(200);
    expect(body['provisioning']).to.have.keys('data', 'iv');
    const credentials = JSON.parse(open(body['provisioning'], secret)) as Json;
    expect(credentials).to.have.keys('cardId', 'otp', 'expiresAt');
    expect(JSON.stringify(body)).to.not.contain(credentials['otp']);
    const added = await call(issuer, '/sandbox/wallet/cards', { method: 'POST', headers: { origin: FRAME }, body: { cardId: credentials['cardId'], otp: credentials['otp'] } });
    expect(added.status).to.equal(201);
  });

  it('refuses to start bound without a frame origin to trust', async () => {
    let error: unknown;
    try {
      issuers.push(await startSandboxIssuer({ binding: 'bound' }));
    } catch (caught) {
      error = caught;
    }
    expect(String(error)).to.contain('frame origins');
  });

  const redis = findRedisServer();
  it('shares single-use challenges through Redis: a statement issued by one instance is spent for the other', { skip: redis ? false : 'redis-server is not installed (scripts/setup.mjs installs it)' }, async () => {
    const server = await startRedis(redis!);
    try {
      const dir = await mkdtemp(join(tmpdir(), 'cardframe-binding-'));
      dirs.push(dir);
      const one = await start({ redisUrl: server.url, dataDir: dir });
      const authenticator = new SoftAuthenticator(FRAME, RP_ID);
      const id = await register(one, authenticator);
      const two = await start({ redisUrl: server.url, dataDir: dir });
      const { sessionid } = session(one.sessionKeyPem);
      const proof = header(await assertion(one, authenticator, id, { purpose: 'session', value: sessionid }));
      expect((await call(one, '/card', { headers: { sessionid, 'cardframe-assertion': proof } })).status).to.equal(200);
      const replay = await call(two, '/card', { headers: { sessionid, 'cardframe-assertion': proof } });
      expect([replay.status, replay.body['error'].code]).to.deep.equal([401, 'challenge_used']);
    } finally {
      await Promise.all(issuers.splice(0).map((issuer) => issuer.close()));
      await server.stop();
    }
  });
});
