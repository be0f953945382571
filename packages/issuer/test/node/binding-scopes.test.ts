import { expect } from 'chai';
import { describe, it, rejectionCode, thrownCode } from '@cardframe/test-env';
import { CardBinding, parseScopes } from '../../src/index.ts';

describe('GET /card scope', () => {
  it('reads repeated, comma- and space-separated scopes into one ordered list', () => {
    expect(parseScopes(undefined)).to.deep.equal([]);
    expect(parseScopes('')).to.deep.equal([]);
    expect(parseScopes('webauthn')).to.deep.equal(['webauthn']);
    expect(parseScopes(['provisioning', 'webauthn'])).to.deep.equal(['webauthn', 'provisioning']);
    expect(parseScopes('webauthn,provisioning')).to.deep.equal(['webauthn', 'provisioning']);
    expect(parseScopes('provisioning siwe')).to.deep.equal(['siwe', 'provisioning']);
    expect(parseScopes(['siwe , siwe', 'provisioning'])).to.deep.equal(['siwe', 'provisioning']);
    expect(parseScopes(new URLSearchParams('scope=webauthn&scope=provisioning').getAll('scope'))).to.deep.equal(['webauthn', 'provisioning']);
  });

  it('refuses webauthn with siwe and unknown scopes: invalid_scope (400)', () => {
    expect(thrownCode(() => parseScopes('webauthn siwe'))).to.equal('invalid_scope');
    expect(thrownCode(() => parseScopes(['webauthn', 'siwe']))).to.equal('invalid_scope');
    expect(thrownCode(() => parseScopes('openid'))).to.equal('invalid_scope');
    expect(thrownCode(() => parseScopes('WEBAUTHN'))).to.equal('invalid_scope');
    expect(() => parseScopes('webauthn,siwe')).to.throw().with.property('status', 400);
  });
});

describe('scope=provisioning', () => {
  const T0 = Date.UTC(2026, 10, 30, 23, 0, 0);
  let clock = T0;
  const binding = new CardBinding({ issuerName: 'Sandbox Issuer', origins: ['http://frame.localhost:5174'], rpIds: ['frame.localhost'], now: () => clock });

  it('adds {cardId, otp, expiresAt} beside a webauthn challenge', async () => {
    const fields = await binding.scopeFields('card_1', parseScopes('webauthn,provisioning'));
    expect(fields.challenge).to.match(/^Sandbox Issuer asks you/);
    expect(fields.webauthn?.allowCredentials).to.deep.equal([]);
    expect(fields.provisioning?.cardId).to.match(/^card_[A-Za-z0-9_-]{22}$/);
    expect(fields.provisioning?.otp).to.match(/^otp_[0-9a-f]{32}$/);
    expect(fields.provisioning?.expiresAt).to.equal('2026-11-30T23:05:00.000Z');
    expect(JSON.stringify(fields.provisioning).length).to.be.below(4096);
    expect(await binding.scopeFields('card_1', [])).to.deep.equal({});
  });

  it('redeems a one-time code once, for its own wallet card only, before it expires', async () => {
    const first = await binding.provisioningCredentials('card_1');
    expect(await rejectionCode(binding.redeemProvisioning({ cardId: 'card_other', otp: first.otp }))).to.equal('challenge_unknown');
    expect(await binding.redeemProvisioning({ cardId: first.cardId, otp: first.otp })).to.deep.equal({ cardId: 'card_1', walletCardId: first.cardId });
    expect(await rejectionCode(binding.redeemProvisioning({ cardId: first.cardId, otp: first.otp }))).to.equal('challenge_used');
    const late = await binding.provisioningCredentials('card_1');
    expect(late.cardId).to.equal(first.cardId);
    clock += 5 * 60_000 + 1;
    expect(await rejectionCode(binding.redeemProvisioning({ cardId: late.cardId, otp: late.otp }))).to.equal('challenge_expired');
    expect(await rejectionCode(binding.redeemProvisioning({ otp: late.otp }))).to.equal('invalid_request');
  });
});

describe('PATCH / body', () => {
  const binding = new CardBinding({ issuerName: 'Sandbox Issuer', origins: ['http://frame.localhost:5174'], rpIds: ['frame.localhost'] });

  it('refuses a body that is not an object, an unknown scope, or a webauthn body without a credential', async () => {
    expect(await rejectionCode(binding.bind('card_1', 'x'))).to.equal('invalid_request');
    expect(await rejectionCode(binding.bind('card_1', { scope: 'openid' }))).to.equal('invalid_scope');
    const { challenge } = await binding.webauthnChallenge('card_1');
    expect(await rejectionCode(binding.bind('card_1', { scope: 'webauthn', challenge }))).to.equal('invalid_request');
    expect(await rejectionCode(binding.bind('card_1', { scope: 'webauthn', challenge: 'not a statement', credential: {} }))).to.equal('challenge_unknown');
  });
});
