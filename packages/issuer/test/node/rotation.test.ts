import { expect } from 'chai';
import { createPublicKey, type KeyObject } from 'node:crypto';
import { describe, it, thrownCode } from '@cardframe/test-env';
import { createRevealSession, importIssuerEncryptionKey, importIssuerSessionKey, sealJwe } from '@cardframe/crypto';
import { IssuerError, RotatingKeyRing, openEncryptedPin, unwrapSessionIdWithKeys } from '../../src/index.ts';

const code = thrownCode;

const pem = (key: KeyObject): string => createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString();

describe('rotating issuer keys', () => {
  it('moves keys through next → active → retiring → retired, accepting every trusted key until it is retired', () => {
    const ring = RotatingKeyRing.create({ use: 'pin', type: 'EC' });
    const first = ring.active.kid;
    const second = ring.trusted.find((k) => k.stage === 'next')!.kid;
    expect(ring.trusted.map((k) => k.stage)).to.deep.equal(['active', 'next']);

    ring.rotate();
    expect(ring.active.kid).to.equal(second);
    expect(ring.accept(first).stage).to.equal('retiring');
    expect(ring.trusted.map((k) => k.stage)).to.deep.equal(['active', 'next', 'retiring']);

    ring.rotate();
    expect(code(() => ring.accept(first))).to.equal('retired_key');
    expect(ring.accept(second).stage).to.equal('retiring');
    expect(code(() => ring.accept('never-seen'))).to.equal('unknown_key');
  });

  it('publishes every trusted key with nbf; the next key becomes valid only when it is activated', () => {
    const now = 1_800_000_000_000;
    const ring = RotatingKeyRing.create({ use: 'pin', type: 'RSA' }, now);
    const jwks = ring.jwks();
    expect(jwks.keys).to.have.length(2);
    const [active, next] = jwks.keys as (JsonWebKey & { kid: string; nbf: number })[];
    expect(active).to.include({ kty: 'RSA', use: 'enc', alg: 'RS256', nbf: now / 1000 });
    expect(next!.nbf).to.be.greaterThan(now / 1000 + 3600);
    ring.rotate(now + 60_000);
    const promoted = ring.jwks().keys.find((k) => k.kid === next!.kid)!;
    expect(promoted.nbf).to.equal(now / 1000 + 60);
    for (const key of ring.jwks().keys) expect(key).to.not.have.property('d');
  });

  it('publishes session keys with the OAEP alg the issuer decrypts with', () => {
    expect(RotatingKeyRing.create({ use: 'session', oaepHash: 'sha1' }).jwks().keys[0]).to.include({ alg: 'RSA-OAEP', use: 'enc' });
    expect(RotatingKeyRing.create({ use: 'session', oaepHash: 'sha256' }).jwks().keys[0]).to.include({ alg: 'RSA-OAEP-256' });
  });

  it('survives a save and load with stages, kids and keys intact', async () => {
    const ring = RotatingKeyRing.create({ use: 'pin', type: 'EC' });
    ring.rotate();
    const restored = RotatingKeyRing.fromJSON(ring.purpose, JSON.parse(JSON.stringify(ring.toJSON())));
    expect(restored.jwks()).to.deep.equal(ring.jwks());
    const key = await importIssuerEncryptionKey(ring.active.publicJwk);
    const jwe = await sealJwe(new TextEncoder().encode('{"pin":"4821"}'), key);
    expect(await openEncryptedPin(jwe, key.kid, (kid) => restored.accept(kid))).to.equal('4821');
  });

  it('opens PINs sealed to any trusted key, and answers retired_key for a retired one', async () => {
    const ring = RotatingKeyRing.create({ use: 'pin', type: 'RSA' });
    const old = await importIssuerEncryptionKey(ring.active.publicJwk);
    ring.rotate();
    const sealedToOld = await sealJwe(new TextEncoder().encode('{"pin":"4821"}'), old);
    expect(await openEncryptedPin(sealedToOld, old.kid, (kid) => ring.accept(kid))).to.equal('4821');
    ring.rotate();
    try {
      await openEncryptedPin(sealedToOld, old.kid, (kid) => ring.accept(kid));
      expect.fail('opened with a retired key');
    } catch (error) {
      expect((error as IssuerError).code).to.equal('retired_key');
    }
  });

  it('unwraps a sessionid wrapped to any trusted session key, and answers retired_key for a retired one', async () => {
    const ring = RotatingKeyRing.create({ use: 'session', oaepHash: 'sha1' });
    const keys = () => [ring.trusted.map((k) => k.privateKey), ring.retired.map((k) => k.privateKey)] as const;
    const frameKey = await importIssuerSessionKey({ pem: pem(ring.active.privateKey) }, 'SHA-1');
    const { sessionId } = await createRevealSession(frameKey);
    ring.rotate();
    expect(unwrapSessionIdWithKeys(...keys(), sessionId)).to.have.length(16);
    ring.rotate();
    expect(code(() => unwrapSessionIdWithKeys(...keys(), sessionId))).to.equal('retired_key');
    expect(code(() => unwrapSessionIdWithKeys(...keys(), Buffer.alloc(256, 1).toString('base64')))).to.equal('invalid_session_id');
    expect(code(() => unwrapSessionIdWithKeys(...keys(), 'not base64!'))).to.equal('invalid_session_id');
  });
});
