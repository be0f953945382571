import { expect } from 'chai';
import { describe, it } from '@cardframe/test-env';
import { parseFrameConfig } from '../src/config.ts';
import { configError } from './config-error.ts';

const base = {
  allowedHostOrigins: ['https://shop.example'],
  issuer: { sessionKey: { pem: '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----' } },
  flows: { reveal: { fields: ['pan', 'expiry', 'cvc'] } },
};
const withProfile = (profile: unknown) => ({ ...base, issuer: { ...base.issuer, profile } });

describe('frame config: the issuer\'s own profile member names', () => {
  it('has no mapping unless the file gives one, and keeps the dotted paths it gives', () => {
    expect(parseFrameConfig(base).issuer.profile).to.equal(undefined);
    const profile = { expiryMonth: 'card.validThru.mm', expiryYear: 'card.validThru.yyyy', last4: 'card.pan_tail' };
    expect(parseFrameConfig(withProfile(profile)).issuer.profile).to.deep.equal(profile);
    expect(parseFrameConfig(withProfile({ expiry: 'data.exp-date' })).issuer.profile).to.deep.equal({ expiry: 'data.exp-date' });
  });

  it('refuses unknown members, paths that are not dotted member names, and half or doubled expiry mappings', () => {
    for (const profile of [
      'card.expiry',
      { expiry: 'card.expiry', name: 'holder' },
      { expiry: '' },
      { expiry: 'card..expiry' },
      { expiry: 'card.expiry.' },
      { expiry: 'card[0].expiry' },
      { expiry: 'a.b.c.d.e.f.g.h.i' },
      { expiry: 'card expiry' },
      { expiry: 12 },
      { expiryMonth: 'card.mm' },
      { expiryYear: 'card.yy' },
      { expiry: 'card.expiry', expiryMonth: 'card.mm', expiryYear: 'card.yy' },
    ]) {
      expect(configError(withProfile(profile)), JSON.stringify(profile)).to.match(/issuer\.profile/);
    }
  });
});
