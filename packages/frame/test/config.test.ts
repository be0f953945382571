import { expect } from 'chai';
import { describe, it } from '@cardframe/test-env';
import { parseFrameConfig } from '../src/config.ts';
import { configError } from './config-error.ts';
import { frameSecurityHeaders } from '../src/headers.ts';
import { formatExpiry, formatPan, maskedValue } from '../src/format.ts';

const valid = {
  allowedHostOrigins: ['https://shop.example', 'http://localhost:5173'],
  issuer: { sessionKey: { pem: '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----' } },
  flows: { reveal: { fields: ['pan', 'cvc'] } },
};

describe('frame config', () => {
  it('keeps fetched keys at most three TTLs by default, and never allows a maximum age below one TTL', () => {
    expect(parseFrameConfig(valid).issuer.keyRefresh.maxAgeSeconds).to.equal(1800);
    const withRefresh = (keyRefresh: unknown) => ({ ...valid, issuer: { ...valid.issuer, keyRefresh } });
    expect(parseFrameConfig(withRefresh({ ttlSeconds: 60 })).issuer.keyRefresh.maxAgeSeconds).to.equal(180);
    expect(parseFrameConfig(withRefresh({ ttlSeconds: 60, maxAgeSeconds: 600 })).issuer.keyRefresh.maxAgeSeconds).to.equal(600);
    expect(configError(withRefresh({ ttlSeconds: 60, maxAgeSeconds: 30 }))).to.match(/maxAgeSeconds/);
  });

  it('accepts exact https or loopback http origins and defaults the OAEP hash to SHA-1', () => {
    const config = parseFrameConfig(valid);
    expect(config.allowedHostOrigins).to.deep.equal(['https://shop.example', 'http://localhost:5173']);
    expect(config.issuer.oaepHash).to.equal('SHA-1');
    expect(config.flows.reveal?.fields).to.deep.equal(['pan', 'cvc']);
  });

  it('refuses origins with paths, trailing slashes, wildcards or plain http on a public host', () => {
    for (const origin of ['https://shop.example/', 'https://shop.example/path', '*', 'https://*.example', 'http://shop.example', 'null', 'shop.example']) {
      expect(configError({ ...valid, allowedHostOrigins: [origin] }), origin).to.contain('allowedHostOrigins[0]');
    }
    expect(configError({ ...valid, allowedHostOrigins: [] })).to.contain('non-empty');
  });

  it('refuses unknown hashes, key sources with extra members, and unknown fields', () => {
    expect(configError({ ...valid, issuer: { ...valid.issuer, oaepHash: 'MD5' } })).to.contain('oaepHash');
    expect(configError({ ...valid, issuer: { sessionKey: { pem: 'x', url: 'https://evil' } } })).to.contain('sessionKey');
    expect(configError({ ...valid, flows: { reveal: { fields: ['track2'] } } })).to.contain('flows.reveal.fields');
    expect(configError(null)).to.contain('config');
  });

  it('defaults to JWE, and takes an OpenPGP issuer with pinned armored PIN keys or a key set it fetches', () => {
    expect(parseFrameConfig(valid).issuer.messageFormat).to.equal('jwe');
    const armored = '-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nxjMEaP8V4RY\n-----END PGP PUBLIC KEY BLOCK-----';
    const pinned = parseFrameConfig({ ...valid, issuer: { ...valid.issuer, messageFormat: 'pgp', pinKey: { pgp: armored } }, flows: { pin: {} } });
    expect(pinned.issuer).to.deep.include({ messageFormat: 'pgp', pinKeys: { keys: [{ pgp: armored }] } });
    const fetched = parseFrameConfig({ ...valid, issuer: { ...valid.issuer, messageFormat: 'pgp', pinKeys: { jwksUrl: 'https://issuer.example/pgp_keys' } }, flows: { pin: {} } });
    expect(frameSecurityHeaders(fetched)['Content-Security-Policy']).to.contain('https://issuer.example');
  });

  it('refuses an unknown message format, and a pinned key of the other format', () => {
    expect(configError({ ...valid, issuer: { ...valid.issuer, messageFormat: 'smime' } })).to.contain('messageFormat');
    expect(configError({ ...valid, issuer: { ...valid.issuer, messageFormat: 'pgp', pinKey: { jwk: { kty: 'EC' } } } })).to.contain('pinKey');
    expect(configError({ ...valid, issuer: { ...valid.issuer, pinKey: { pgp: 'x' } } })).to.contain('pinKey');
  });

  it('turns test mode on only when the file says true, and refuses anything but a boolean', () => {
    expect(parseFrameConfig(valid).testMode).to.equal(false);
    expect(parseFrameConfig({ ...valid, testMode: true }).testMode).to.equal(true);
    for (const value of ['true', 1, null, {}]) expect(configError({ ...valid, testMode: value }), String(value)).to.contain('testMode');
  });

  it('makes a CSP whose frame-ancestors are exactly the allowed hosts, with Trusted Types and no inline code', () => {
    const headers = frameSecurityHeaders(parseFrameConfig(valid));
    const csp = headers['Content-Security-Policy']!;
    expect(csp).to.contain("default-src 'none'");
    expect(csp).to.contain('frame-ancestors https://shop.example http://localhost:5173;');
    expect(csp).to.contain("require-trusted-types-for 'script'");
    expect(csp).to.not.contain('unsafe');
    expect(headers['X-Content-Type-Options']).to.equal('nosniff');
    expect(headers['Referrer-Policy']).to.equal('no-referrer');
  });

  it('denies every powerful feature the frame never uses that Chromium knows, reads no clipboard, and keeps clipboard writes and passkeys to its own origin', () => {
    expect(frameSecurityHeaders(parseFrameConfig(valid))['Permissions-Policy']).to.equal(
      'clipboard-read=(), clipboard-write=(self), publickey-credentials-get=(self), publickey-credentials-create=(self), ' +
        'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=(), midi=(), ' +
        'display-capture=(), screen-wake-lock=(), fullscreen=(), picture-in-picture=(), autoplay=(), ' +
        'accelerometer=(), gyroscope=(), magnetometer=(), xr-spatial-tracking=(), ' +
        'otp-credentials=(), identity-credentials-get=(), local-fonts=(), browsing-topics=(), ' +
        'idle-detection=(), window-management=(), storage-access=(), encrypted-media=(), gamepad=(), compute-pressure=()',
    );
  });

  it('sends CSP reports to the endpoint the config names, and only then', () => {
    expect(frameSecurityHeaders(parseFrameConfig(valid))).to.not.have.property('Reporting-Endpoints');
    expect(frameSecurityHeaders(parseFrameConfig(valid))['Content-Security-Policy']).to.not.contain('report-to');
    const headers = frameSecurityHeaders(parseFrameConfig({ ...valid, reportTo: 'https://reports.example/csp' }));
    expect(headers['Reporting-Endpoints']).to.equal('cardframe-csp="https://reports.example/csp"');
    expect(headers['Content-Security-Policy']).to.match(/; report-to cardframe-csp$/);
  });

  it('refuses a report endpoint that is not a plain https URL', () => {
    for (const value of ['http://reports.example/csp', 'https://u:p@reports.example/', 'https://reports.example/#x', 'https://reports.example/a"b', 'not a url', 42]) {
      expect(configError({ ...valid, reportTo: value }), String(value)).to.contain('reportTo');
    }
  });
});

describe('display format', () => {
  it('groups a PAN in fours and prints expiry as MM/YY', () => {
    expect(formatPan('4242424242424242')).to.equal('4242 4242 4242 4242');
    expect(formatPan('4242 4242 4242 4242')).to.equal('4242 4242 4242 4242');
    expect(formatExpiry(3, 2029)).to.equal('03/29');
    expect(formatExpiry(12, 2030)).to.equal('12/30');
  });

  it('masks every field without revealing its length beyond the usual shape', () => {
    expect(maskedValue('pan')).to.equal('•••• •••• •••• ••••');
    expect(maskedValue('cvc')).to.equal('•••');
    expect(maskedValue('expiry')).to.equal('••/••');
  });
});
