import { expect } from 'chai';
import { describe, it } from '@cardframe/test-env';
import { CardframeError, type ConfigureParams } from '@cardframe/protocol';
import { parseFrameConfig } from '../src/config.ts';
import { checkConfigure } from '../src/flows/configure-check.ts';

const config = parseFrameConfig({
  allowedHostOrigins: ['https://shop.example'],
  issuer: { sessionKey: { pem: '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----' } },
  flows: { reveal: { fields: ['pan', 'cvc'], modes: ['session-key'] } },
});

function code(params: ConfigureParams): string {
  try {
    checkConfigure(config, params);
    return 'accepted';
  } catch (error) {
    expect(error).to.be.instanceOf(CardframeError);
    return (error as CardframeError).code;
  }
}

describe('configure check', () => {
  it('refuses, before anything is applied, every option the frame config does not allow', () => {
    expect(code({ fields: ['pan', 'expiry'] })).to.equal('ERR_NOT_ALLOWED');
    expect(code({ mode: 'key-pair' })).to.equal('ERR_NOT_ALLOWED');
    expect(code({ flow: 'pin' })).to.equal('ERR_NOT_ALLOWED');
    expect(code({ view: 'field', fields: ['pan', 'cvc'] })).to.equal('ERR_BAD_OPTION');
    expect(code({ view: 'copy', fields: ['expiry'] })).to.equal('ERR_NOT_ALLOWED');
    expect(code({ view: 'toggle' })).to.equal('ERR_BAD_OPTION');
  });

  it('names the flow and view an allowed configure asks for', () => {
    expect(checkConfigure(config, {})).to.deep.equal({ flow: 'reveal', view: 'card' });
    expect(checkConfigure(config, { view: 'field', fields: ['cvc'] })).to.deep.equal({ flow: 'reveal', view: 'field' });
  });
});
