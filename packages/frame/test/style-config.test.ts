import { expect } from 'chai';
import { describe, it, thrownCode } from '@cardframe/test-env';
import { CardframeError, parseHostMessage } from '@cardframe/protocol';
import { parseFrameConfig } from '../src/config.ts';
import { frameSecurityHeaders } from '../src/headers.ts';

const valid = {
  allowedHostOrigins: ['https://shop.example'],
  issuer: { sessionKey: { pem: '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----' } },
  flows: { reveal: { fields: ['pan'] } },
};

const configure = (params: Record<string, unknown>) => ({ v: 1, kind: 'request', id: 'c1', method: 'configure', params });

describe('style policy in the frame config', () => {
  it('adds the configured font origins, and only those, to the CSP font-src', () => {
    const config = parseFrameConfig({ ...valid, style: { fontOrigins: ['https://fonts.example', 'http://localhost:8080'] } });
    expect(config.style?.fontOrigins).to.deep.equal(['https://fonts.example', 'http://localhost:8080']);
    expect(frameSecurityHeaders(config)['Content-Security-Policy']).to.contain("font-src 'self' https://fonts.example http://localhost:8080;");
    expect(frameSecurityHeaders(parseFrameConfig(valid))['Content-Security-Policy']).to.contain("font-src 'self';");
  });

  it('refuses font origins that are not exact https origins, and unknown style settings', () => {
    for (const fontOrigins of [['https://fonts.example/'], ['*'], ['http://fonts.example'], ['https://*.example'], 'https://fonts.example']) {
      expect(thrownCode(() => parseFrameConfig({ ...valid, style: { fontOrigins } })), JSON.stringify(fontOrigins)).to.equal('ERR_CONFIG');
    }
    expect(thrownCode(() => parseFrameConfig({ ...valid, style: { fontOrigins: [], css: '* {}' } }))).to.equal('ERR_CONFIG');
  });
});

describe('appearance parameters of configure', () => {
  it('passes theme, locale and a style object through to the frame', () => {
    const parsed = parseHostMessage(configure({ theme: 'dark', locale: 'de-CH', style: { base: { color: '#fff' } } }));
    expect(parsed).to.deep.include({ params: { theme: 'dark', locale: 'de-CH', style: { base: { color: '#fff' } } } });
  });

  it('refuses an unknown theme or a malformed locale as a bad message, and a style that is not an object as a refused style', () => {
    expect(thrownCode(() => parseHostMessage(configure({ theme: 'neon' })))).to.equal('ERR_BAD_MESSAGE');
    for (const locale of ['', 'de_DE', 'x', 'de-', 'de-CH-1901-a-b-c-d', 'a'.repeat(40), 7]) {
      expect(thrownCode(() => parseHostMessage(configure({ locale }))), String(locale)).to.equal('ERR_BAD_MESSAGE');
    }
    for (const style of ['color: red', ['red'], null, 3]) {
      expect(thrownCode(() => parseHostMessage(configure({ style }))), JSON.stringify(style)).to.equal('ERR_STYLE_REFUSED');
    }
  });

  it('never echoes a refused value in the error message', () => {
    try {
      parseHostMessage(configure({ locale: '4242424242424242' }));
    } catch (error) {
      expect(error).to.be.instanceOf(CardframeError);
      expect((error as Error).message).to.not.contain('4242');
      return;
    }
    expect.fail('accepted');
  });
});
