import { expect } from 'chai';
import { describe, it } from '@cardframe/test-env';
import { CardframeError } from '@cardframe/protocol';
import { frameRpId } from '../src/binding/passkey.ts';
import { parseFrameConfig } from '../src/config.ts';
import { configError } from './config-error.ts';
import { frameSecurityHeaders } from '../src/headers.ts';

const valid = {
  allowedHostOrigins: ['https://shop.example'],
  issuer: { sessionKey: { pem: '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----' } },
  flows: { reveal: { fields: ['pan'] } },
};

describe('frame config: card binding', () => {
  it('is seed 001\'s plain flow unless issuer.binding says bound, and enables the bind view only when flows.bind lists scopes', () => {
    expect(parseFrameConfig(valid).issuer.binding).to.deep.equal({ mode: 'plain' });
    expect(parseFrameConfig(valid).flows.bind).to.equal(undefined);
    const bound = parseFrameConfig({ ...valid, issuer: { ...valid.issuer, binding: { mode: 'bound', rpId: 'frame.example' } }, flows: { ...valid.flows, bind: { scopes: ['webauthn', 'siwe'] } } });
    expect(bound.issuer.binding).to.deep.equal({ mode: 'bound', rpId: 'frame.example' });
    expect(bound.flows.bind).to.deep.equal({ scopes: ['webauthn', 'siwe'] });
  });

  it('refuses an unknown mode, an rpId that is not a host name, and bind scopes other than webauthn and siwe', () => {
    expect(configError({ ...valid, issuer: { ...valid.issuer, binding: { mode: 'strict' } } })).to.contain('issuer.binding.mode');
    expect(configError({ ...valid, issuer: { ...valid.issuer, binding: { mode: 'bound', rpId: 'https://frame.example' } } })).to.contain('rpId');
    expect(configError({ ...valid, issuer: { ...valid.issuer, binding: { mode: 'bound', allowHost: true } } })).to.contain('issuer.binding');
    expect(configError({ ...valid, flows: { bind: { scopes: ['provisioning'] } } })).to.contain('flows.bind');
    expect(configError({ ...valid, flows: { bind: { scopes: [] } } })).to.contain('flows.bind');
  });

  it('uses the frame\'s own host name as relying party, or a suffix of it, never another site', () => {
    expect(frameRpId(undefined, 'frame.localhost')).to.equal('frame.localhost');
    expect(frameRpId('example.com', 'frame.example.com')).to.equal('example.com');
    for (const rpId of ['shop.example', 'ample.com', 'frame.example.com.evil']) {
      expect(() => frameRpId(rpId, 'frame.example.com')).to.throw(CardframeError).with.property('code', 'ERR_CONFIG');
    }
  });

  it('lets the frame\'s own origin, and only it, use passkeys', () => {
    const policy = frameSecurityHeaders(parseFrameConfig(valid))['Permissions-Policy'];
    expect(policy).to.contain('publickey-credentials-get=(self)').and.contain('publickey-credentials-create=(self)');
  });
});
