import { expect } from 'chai';
import { generateKeyPairSync } from 'node:crypto';
import { beforeEach, describe, it, rejectionCode } from '@cardframe/test-env';
import { bindingChallenge, encodeBase64Url, jwkThumbprint, pinCommitment, type BindingCommitment } from '@cardframe/crypto';
import { generatePgpKeyPair } from '@cardframe/crypto/pgp';
import { CardBinding, parseWebauthnStatement, type CardBindingOptions } from '../../src/index.ts';
import { SoftAuthenticator } from './support/soft-authenticator.ts';

const ORIGIN = 'http://frame.localhost:5174';
const RP_ID = 'frame.localhost';
const T0 = Date.UTC(2026, 10, 30, 23, 0, 0);

const challengeFor = async (statement: string, commitment?: BindingCommitment): Promise<string> => encodeBase64Url(await bindingChallenge(statement, commitment));
const header = (assertion: unknown): string => Buffer.from(JSON.stringify(assertion)).toString('base64url');

describe('card binding with passkeys', () => {
  let clock: number;
  let binding: CardBinding;
  let authenticator: SoftAuthenticator;
  const make = (options: Partial<CardBindingOptions> = {}): CardBinding =>
    new CardBinding({ issuerName: 'Sandbox Issuer', origins: [ORIGIN], rpIds: [RP_ID], binding: 'bound', now: () => clock, ...options });

  /** Registers a first passkey for `cardId` through GET ?scope=webauthn and PATCH /. */
  async function register(cardId: string, on: CardBinding = binding, with_: SoftAuthenticator = authenticator): Promise<string> {
    const { challenge, webauthn } = await on.webauthnChallenge(cardId);
    const credential = with_.register(await challengeFor(challenge), webauthn.user.id);
    const result = await on.bind(cardId, { scope: 'webauthn', challenge, credential });
    expect(result).to.deep.equal({ bound: true, scope: 'webauthn', credentialId: credential.id });
    return credential.id;
  }

  /** A bound-request assertion object by `credentialId` committing to `commitment`. */
  async function assertion(cardId: string, credentialId: string, commitment?: BindingCommitment, options: Parameters<SoftAuthenticator['assert']>[2] = {}): Promise<{ challenge: string; credential: unknown }> {
    const { challenge } = await binding.webauthnChallenge(cardId);
    return { challenge, credential: authenticator.assert(credentialId, await challengeFor(challenge, commitment), options) };
  }

  beforeEach(() => {
    clock = T0;
    binding = make();
    authenticator = new SoftAuthenticator(ORIGIN, RP_ID);
  });

  it('issues seed 001\'s statement: issuer, card, 32-hex nonce, issued and expiring five minutes later, single use', async () => {
    const { challenge, webauthn } = await binding.webauthnChallenge('card_1');
    const lines = challenge.split('\n');
    expect(lines[0]).to.equal('Sandbox Issuer asks you to authorize access to card card_1 with your passkey.');
    expect(lines[1]).to.match(/^Nonce: [0-9a-f]{32}$/);
    expect(lines[2]).to.equal('Issued At: 2026-11-30T23:00:00.000Z');
    expect(lines[3]).to.equal('Expiration Time: 2026-11-30T23:05:00.000Z');
    expect(parseWebauthnStatement(challenge)?.cardId).to.equal('card_1');
    expect(webauthn.allowCredentials).to.deep.equal([]);
    expect(webauthn.user.id).to.match(/^[A-Za-z0-9_-]{43}$/);
    expect((await binding.webauthnChallenge('card_1')).webauthn.user.id).to.equal(webauthn.user.id);
  });

  it('registers a first passkey via PATCH / and then lists it in allowCredentials', async () => {
    const id = await register('card_1');
    const { webauthn } = await binding.webauthnChallenge('card_1');
    expect(webauthn.allowCredentials).to.deep.equal([{ id, type: 'public-key', transports: ['internal'] }]);
    const [passkey] = await binding.bindings.passkeys('card_1');
    expect(passkey).to.include({ credentialId: id, cardId: 'card_1', counter: 0 });
  });

  it('confirms a binding with an assertion by a bound passkey and keeps its counter', async () => {
    const id = await register('card_1');
    const { challenge } = await binding.webauthnChallenge('card_1');
    const credential = authenticator.assert(id, await challengeFor(challenge));
    expect(await binding.bind('card_1', { scope: 'webauthn', challenge, response: credential })).to.deep.equal({ bound: true, scope: 'webauthn', credentialId: id });
    expect((await binding.bindings.passkey(id))?.counter).to.equal(1);
  });

  it('refuses a registration from another origin or RP ID, without user verification, or over another challenge', async () => {
    const attempt = async (options: Parameters<SoftAuthenticator['register']>[2], tamper = false): Promise<string> => {
      const { challenge, webauthn } = await binding.webauthnChallenge('card_1');
      const credential = authenticator.register(await challengeFor(tamper ? `${challenge}x` : challenge), webauthn.user.id, options);
      return rejectionCode(binding.bind('card_1', { scope: 'webauthn', challenge, credential }));
    };
    expect(await attempt({ origin: 'http://localhost:5173' })).to.equal('invalid_registration');
    expect(await attempt({ rpId: 'localhost' })).to.equal('invalid_registration');
    expect(await attempt({ userVerified: false })).to.equal('invalid_registration');
    expect(await attempt({}, true)).to.equal('invalid_registration');
    expect(await binding.bindings.passkeys('card_1')).to.deep.equal([]);
  });

  it('needs an assertion by a bound passkey to register a further one, committing to the new credential id', async () => {
    const first = await register('card_1');
    const { challenge, webauthn } = await binding.webauthnChallenge('card_1');
    const second = new SoftAuthenticator(ORIGIN, RP_ID).register(await challengeFor(challenge), webauthn.user.id);
    const body = { scope: 'webauthn', challenge, credential: second };
    const error = await binding.bind('card_1', body).catch((e: unknown) => e);
    expect(error).to.include({ code: 'binding_required', status: 403 });

    const again = await binding.webauthnChallenge('card_1');
    const credential = new SoftAuthenticator(ORIGIN, RP_ID).register(await challengeFor(again.challenge), webauthn.user.id);
    const wrong = await assertion('card_1', first, { purpose: 'register', value: second.id });
    expect(await rejectionCode(binding.bind('card_1', { scope: 'webauthn', challenge: again.challenge, credential, assertion: wrong }))).to.equal('commitment_mismatch');

    const third = await binding.webauthnChallenge('card_1');
    const added = new SoftAuthenticator(ORIGIN, RP_ID).register(await challengeFor(third.challenge), webauthn.user.id);
    const consent = await assertion('card_1', first, { purpose: 'register', value: added.id });
    expect(await binding.bind('card_1', { scope: 'webauthn', challenge: third.challenge, credential: added, assertion: consent })).to.include({ credentialId: added.id });
    expect((await binding.bindings.passkeys('card_1')).map((p) => p.credentialId)).to.deep.equal([first, added.id]);
  });

  it('lets only one of two racing first registrations win; the other needs the winner\'s consent', async () => {
    const [a, b] = await Promise.all([binding.webauthnChallenge('card_1'), binding.webauthnChallenge('card_1')]);
    const attempts = await Promise.allSettled(
      [a, b].map(async ({ challenge, webauthn }) =>
        binding.bind('card_1', { scope: 'webauthn', challenge, credential: new SoftAuthenticator(ORIGIN, RP_ID).register(await challengeFor(challenge), webauthn.user.id) }),
      ),
    );
    expect(attempts.filter((r) => r.status === 'fulfilled')).to.have.length(1);
    const lost = attempts.find((r) => r.status === 'rejected');
    expect(lost?.reason).to.include({ code: 'binding_required', status: 403 });
    expect(await binding.bindings.passkeys('card_1')).to.have.length(1);
  });

  it('accepts a sessionid only with a fresh assertion committing to it (header cardframe-assertion)', async () => {
    const id = await register('card_1');
    const sessionId = 'c2Vzc2lvbmlkLWJ5LXRoZS1mcmFtZQ==';
    const good = await assertion('card_1', id, { purpose: 'session', value: sessionId });
    await binding.checkSession('card_1', { sessionid: sessionId, 'cardframe-assertion': header(good) });
    expect((await binding.bindings.passkey(id))?.counter).to.equal(1);
    const headers = new Headers({ sessionid: sessionId, 'cardframe-assertion': header(await assertion('card_1', id, { purpose: 'session', value: sessionId })) });
    await binding.checkSession('card_1', headers);
  });

  it('refuses a page script\'s own sessionid, key pair, device key and PIN change: binding_required', async () => {
    await register('card_1');
    const check = (error: unknown): unknown => expect(error).to.include({ code: 'binding_required', status: 401 });
    check(await binding.checkSession('card_1', { sessionid: 'made-by-a-page-script' }).catch((e: unknown) => e));
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' });
    check(await binding.checkPublicKey('card_1', { public_key: { ...jwk, kid: 'k1', use: 'enc' } }).catch((e: unknown) => e));
    check(await binding.checkDeviceKey('card_1', { card_account_id: 'card_1', public_key: jwk }).catch((e: unknown) => e));
    check(await binding.checkPin('card_1', { encrypted_pin: 'a.b.c.d.e', key_id: 'k' }).catch((e: unknown) => e));
  });

  it('lets plain mode pass requests without an assertion but still checks one that is sent', async () => {
    const plain = make({ binding: 'plain', bindings: binding.bindings, challenges: binding.challenges });
    await plain.checkSession('card_1', { sessionid: 'x' });
    await plain.checkPin('card_1', { encrypted_pin: 'a.b.c.d.e' });
    const id = await register('card_1');
    const other = await assertion('card_1', id, { purpose: 'session', value: 'y' });
    expect(await rejectionCode(plain.checkSession('card_1', { sessionid: 'x', 'cardframe-assertion': header(other) }))).to.equal('commitment_mismatch');
  });

  it('refuses a replayed assertion: challenge_used', async () => {
    const id = await register('card_1');
    const good = await assertion('card_1', id, { purpose: 'session', value: 's1' });
    await binding.checkSession('card_1', { sessionid: 's1', 'cardframe-assertion': header(good) });
    expect(await rejectionCode(binding.checkSession('card_1', { sessionid: 's1', 'cardframe-assertion': header(good) }))).to.equal('challenge_used');
  });

  it('refuses an assertion over another sessionid: commitment_mismatch, and the challenge is spent', async () => {
    const id = await register('card_1');
    const other = await assertion('card_1', id, { purpose: 'session', value: 'the-frame-sessionid' });
    expect(await rejectionCode(binding.checkSession('card_1', { sessionid: 'a-page-script-sessionid', 'cardframe-assertion': header(other) }))).to.equal('commitment_mismatch');
    expect(await rejectionCode(binding.checkSession('card_1', { sessionid: 'the-frame-sessionid', 'cardframe-assertion': header(other) }))).to.equal('challenge_used');
  });

  it('refuses a passkey of another card: unknown_credential', async () => {
    await register('card_1');
    const theirs = await register('card_2');
    const { challenge } = await binding.webauthnChallenge('card_1');
    const credential = authenticator.assert(theirs, await challengeFor(challenge, { purpose: 'session', value: 's' }));
    expect(await rejectionCode(binding.checkSession('card_1', { sessionid: 's', 'cardframe-assertion': header({ challenge, credential }) }))).to.equal('unknown_credential');
  });

  it('refuses a challenge past its expiry: challenge_expired', async () => {
    const id = await register('card_1');
    const late = await assertion('card_1', id, { purpose: 'session', value: 's' });
    clock += 5 * 60_000 + 1;
    expect(await rejectionCode(binding.checkSession('card_1', { sessionid: 's', 'cardframe-assertion': header(late) }))).to.equal('challenge_expired');
  });

  it('refuses a statement never issued, or issued for another card: challenge_unknown', async () => {
    const id = await register('card_1');
    const good = await assertion('card_1', id, { purpose: 'session', value: 's' });
    const forged = { ...good, challenge: good.challenge.replace(/Nonce: [0-9a-f]{32}/, `Nonce: ${'0'.repeat(32)}`) };
    expect(await rejectionCode(binding.checkSession('card_1', { sessionid: 's', 'cardframe-assertion': header(forged) }))).to.equal('challenge_unknown');
    const otherCard = { ...good, challenge: good.challenge.replace('card card_1 ', 'card card_2 ') };
    expect(await rejectionCode(binding.checkSession('card_2', { sessionid: 's', 'cardframe-assertion': header(otherCard) }))).to.equal('challenge_unknown');
    expect(await rejectionCode(binding.checkSession('card_1', { sessionid: 's', 'cardframe-assertion': header({ challenge: 'hello', credential: good.credential }) }))).to.equal('challenge_unknown');
  });

  it('refuses an assertion from another origin, for another RP ID, without user verification, or with a stale counter: invalid_assertion', async () => {
    const id = await register('card_1');
    const attempt = async (options: Parameters<SoftAuthenticator['assert']>[2]): Promise<string> =>
      rejectionCode(binding.checkSession('card_1', { sessionid: 's', 'cardframe-assertion': header(await assertion('card_1', id, { purpose: 'session', value: 's' }, options)) }));
    expect(await attempt({ origin: 'http://localhost:5173' })).to.equal('invalid_assertion');
    expect(await attempt({ rpId: 'localhost' })).to.equal('invalid_assertion');
    expect(await attempt({ userVerified: false })).to.equal('invalid_assertion');
    await binding.checkSession('card_1', { sessionid: 's', 'cardframe-assertion': header(await assertion('card_1', id, { purpose: 'session', value: 's' }, { counter: 10 })) });
    expect(await attempt({ counter: 10 })).to.equal('invalid_assertion');
    expect(await rejectionCode(binding.checkSession('card_1', { sessionid: 's', 'cardframe-assertion': 'not base64url json' }))).to.equal('invalid_assertion');
  });

  it('commits the key-pair reveal to the JWK thumbprint, device registration to the device key, the PIN change to its digest', async () => {
    const id = await register('card_1');
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'frame-key-1', use: 'enc' };
    const thumbprint = await jwkThumbprint(jwk);
    await binding.checkPublicKey('card_1', { public_key: jwk, assertion: await assertion('card_1', id, { purpose: 'public-key', value: thumbprint }) });
    expect(await rejectionCode(binding.checkPublicKey('card_1', { public_key: jwk, assertion: await assertion('card_1', id, { purpose: 'device-key', value: thumbprint }) }))).to.equal('commitment_mismatch');

    const device = publicKey.export({ format: 'jwk' });
    await binding.checkDeviceKey('card_1', { card_account_id: 'card_1', public_key: device, assertion: await assertion('card_1', id, { purpose: 'device-key', value: await jwkThumbprint(device) }) });
    const own = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' });
    expect(await rejectionCode(binding.checkDeviceKey('card_1', { card_account_id: 'card_1', public_key: own, assertion: await assertion('card_1', id, { purpose: 'device-key', value: await jwkThumbprint(device) }) }))).to.equal('commitment_mismatch');

    const encrypted_pin = 'eyJhbGciOiJFQ0RILUVTIn0..iv.ct.tag';
    await binding.checkPin('card_1', { encrypted_pin, key_id: 'k', assertion: await assertion('card_1', id, { purpose: 'pin', value: await pinCommitment(encrypted_pin) }) });
    expect(await rejectionCode(binding.checkPin('card_1', { encrypted_pin: `${encrypted_pin}x`, assertion: await assertion('card_1', id, { purpose: 'pin', value: await pinCommitment(encrypted_pin) }) }))).to.equal('commitment_mismatch');
  });

  it('commits an OpenPGP response key to its real fingerprint and refuses a kid naming another key', async () => {
    const id = await register('card_1');
    const [mine, theirs] = await Promise.all([generatePgpKeyPair(), generatePgpKeyPair()]);
    const fingerprint = mine.fingerprint;
    const entry = { kty: 'PGP', kid: fingerprint, use: 'enc', pgp: mine.publicArmored };
    await binding.checkPublicKey('card_1', { public_key: entry, assertion: await assertion('card_1', id, { purpose: 'public-key', value: fingerprint }) });
    // A page script's own key under the frame's assertion: the commitment names the frame's key.
    const swapped = { ...entry, kid: theirs.fingerprint, pgp: theirs.publicArmored };
    expect(await rejectionCode(binding.checkPublicKey('card_1', { public_key: swapped, assertion: await assertion('card_1', id, { purpose: 'public-key', value: fingerprint }) }))).to.equal('commitment_mismatch');
    // Its own key behind the frame's kid is not a key at all.
    const claimed = { ...entry, pgp: theirs.publicArmored };
    expect(await rejectionCode(binding.checkPublicKey('card_1', { public_key: claimed, assertion: await assertion('card_1', id, { purpose: 'public-key', value: fingerprint }) }))).to.equal('invalid_key');
  });
});
