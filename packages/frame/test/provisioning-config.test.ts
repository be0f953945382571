import { expect } from 'chai';
import { describe, it } from '@cardframe/test-env';
import { CardframeError } from '@cardframe/protocol';
import { parseFrameConfig } from '../src/config.ts';
import { frameSecurityHeaders } from '../src/headers.ts';

const valid = {
  allowedHostOrigins: ['https://shop.example'],
  issuer: { sessionKeys: { jwksUrl: 'https://keys.issuer.example/session.json' } },
  flows: { reveal: { fields: ['pan'] } },
};
const wallet = { adapter: 'sandbox', endpoint: 'https://wallet.example/sandbox/wallet/cards' };

function configError(value: unknown): string {
  try {
    parseFrameConfig(value);
  } catch (error) {
    expect((error as CardframeError).code).to.equal('ERR_CONFIG');
    return (error as Error).message;
  }
  return 'accepted';
}

const connectSrc = (config: unknown): string => /connect-src ([^;]*)/.exec(frameSecurityHeaders(parseFrameConfig(config))['Content-Security-Policy']!)![1]!;

describe('frame config: provisioning (Add to wallet)', () => {
  it('is off unless the config names a wallet adapter of this build and its endpoint', () => {
    expect(parseFrameConfig(valid).provisioning).to.equal(undefined);
    expect(parseFrameConfig({ ...valid, provisioning: wallet }).provisioning).to.deep.equal(wallet);
    expect(parseFrameConfig({ ...valid, provisioning: { adapter: 'sandbox', endpoint: 'http://127.0.0.1:4010/sandbox/wallet/cards' } }).provisioning!.endpoint).to.equal('http://127.0.0.1:4010/sandbox/wallet/cards');
  });

  it('refuses an adapter name this frame build does not register, including names on Object.prototype', () => {
    for (const adapter of ['google-pay', 'Sandbox', 'constructor', '__proto__', '', 42]) {
      expect(configError({ ...valid, provisioning: { ...wallet, adapter } }), String(adapter)).to.contain('adapter one of: sandbox');
    }
  });

  it('refuses an endpoint that is not https (or http on loopback), carries credentials or a fragment, or could widen the CSP', () => {
    for (const endpoint of [
      'http://wallet.example/cards',
      'ftp://wallet.example/cards',
      'https://user:pw@wallet.example/cards',
      'https://wallet.example/cards#x',
      'https://wallet.example/cards"x',
      'https://wallet.example/a b',
      'https://*.example/cards',
      'not a url',
      7,
    ]) {
      expect(configError({ ...valid, provisioning: { ...wallet, endpoint } }), String(endpoint)).to.contain('provisioning.endpoint');
    }
  });

  it('takes only adapter and endpoint, and needs the reveal flow and a session key (its request carries a sessionid)', () => {
    expect(configError({ ...valid, provisioning: { ...wallet, script: 'https://evil.example/adapter.js' } })).to.contain('provisioning must be {"adapter", "endpoint"}');
    expect(configError({ ...valid, provisioning: 'sandbox' })).to.contain('provisioning must be an object');
    expect(configError({ ...valid, flows: {}, provisioning: wallet })).to.contain('provisioning needs flows.reveal');
    expect(configError({ ...valid, issuer: {}, flows: { reveal: { fields: ['pan'], modes: ['key-pair'] } }, provisioning: wallet })).to.contain('provisioning needs flows.reveal and issuer.sessionKey(s)');
  });

  it('lets the frame connect to exactly the wallet endpoint\'s origin, beside the key hosts, and to nothing more without it', () => {
    expect(connectSrc(valid)).to.equal("'self' https://keys.issuer.example");
    expect(connectSrc({ ...valid, provisioning: wallet })).to.equal("'self' https://keys.issuer.example https://wallet.example");
    expect(connectSrc({ ...valid, provisioning: { ...wallet, endpoint: 'https://keys.issuer.example/wallet' } })).to.equal("'self' https://keys.issuer.example");
  });
});
