import { expect } from 'chai';
import fc from 'fast-check';
import { describe, it } from '@cardframe/test-env';
import { CardframeError } from '@cardframe/protocol';
import { keySourceOrigins, parseFrameConfig } from '../../src/config.ts';
import { frameSecurityHeaders } from '../../src/headers.ts';

describe('frame config under fuzzing', () => {
  it('accepts a config or throws ERR_CONFIG; what it accepts never widens frame-ancestors or connect-src beyond exact origins', () => {
    const origin = fc.oneof(fc.webUrl(), fc.constantFrom('https://shop.example', 'http://localhost:5173', '*', 'https://*.example', "https://a.example 'unsafe-inline'", 'http://evil.example'), fc.string());
    const config = fc.record(
      {
        allowedHostOrigins: fc.oneof(fc.array(origin, { maxLength: 3 }), fc.anything()),
        issuer: fc.record({ sessionKeys: fc.oneof(fc.record({ jwksUrl: origin }), fc.record({ keys: fc.array(fc.anything(), { maxLength: 2 }) }), fc.anything()), oaepHash: fc.constantFrom('SHA-1', 'SHA-256', 'MD5') }, { requiredKeys: [] }),
        flows: fc.record({ reveal: fc.record({ fields: fc.array(fc.constantFrom('pan', 'cvc', 'track2'), { maxLength: 3 }) }) }, { requiredKeys: [] }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(config, fc.anything()), (input) => {
        let parsed;
        try {
          parsed = parseFrameConfig(input);
        } catch (error) {
          if (!(error instanceof CardframeError) || error.code !== 'ERR_CONFIG') throw error;
          return;
        }
        const exact = /^https?:\/\/[a-z0-9.-]+(?::\d+)?$|^https?:\/\/\[[0-9a-f:.]+\](?::\d+)?$/;
        for (const o of [...parsed.allowedHostOrigins, ...keySourceOrigins(parsed)]) expect(o).to.match(exact);
        const csp = frameSecurityHeaders(parsed)['Content-Security-Policy']!;
        expect(csp).to.not.match(/\*|unsafe/);
      }),
      { numRuns: 2000 },
    );
  });
});
