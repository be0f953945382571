import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { after, before, describe, it } from '@cardframe/test-env';
import { parseFrameConfig, type FrameConfig } from '../../src/config.ts';
import { pinLimit, revealLimit } from '../../src/frame-limits.ts';
import { pinSealing } from '../../src/keys/format-loader.ts';

function frameConfig(jwksUrl: string): FrameConfig {
  return parseFrameConfig({
    allowedHostOrigins: ['http://localhost:5173'],
    issuer: { sessionKey: { pem: '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----' }, pinKeys: { jwksUrl } },
    flows: { reveal: { fields: ['pan'], maxPerMinute: 3 }, pin: { maxAttempts: 2 } },
  });
}

function codeOf(run: () => void): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

describe('frame limits', () => {
  let server: Server;
  let jwksUrl: string;
  let jwksRequests = 0;

  before(async () => {
    const { publicKey } = await crypto.subtle.generateKey({ name: 'RSA-OAEP', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, true, ['encrypt', 'decrypt']);
    const { kty, n, e } = await crypto.subtle.exportKey('jwk', publicKey);
    const jwks = JSON.stringify({ keys: [{ kty, n, e, kid: 'pin-1', use: 'enc', alg: 'RSA-OAEP-256' }] });
    server = createServer((_request, response) => {
      jwksRequests++;
      response.writeHead(200, { 'content-type': 'application/json' }).end(jwks);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/pin_keys`;
  });

  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('keeps one reveal budget and one PIN budget per frame config, however often they are asked for', () => {
    const config = frameConfig(jwksUrl);
    // Each configure of a flow asks again; the budget must not start over.
    const reveals = [0, 1, 2, 3].map(() => codeOf(() => revealLimit(config).take('reveal')));
    expect(reveals).to.deep.equal([undefined, undefined, undefined, 'ERR_RATE_LIMITED']);
    const pins = [0, 1, 2].map(() => codeOf(() => pinLimit(config).take('PIN')));
    expect(pins).to.deep.equal([undefined, undefined, 'ERR_RATE_LIMITED']);
    // Another frame document (another config) has budgets of its own.
    expect(codeOf(() => revealLimit(frameConfig(jwksUrl)).take('reveal'))).to.equal(undefined);
  });

  it('fetches the PIN key set once for every PIN flow made from one config, within the cooldown', async () => {
    const config = frameConfig(jwksUrl);
    const before = jwksRequests;
    for (let flow = 0; flow < 5; flow++) {
      const sealing = await pinSealing(config);
      expect((await sealing!.ring.preferred()).kid).to.equal('pin-1');
      await sealing!.ring.refresh();
    }
    expect(jwksRequests - before).to.equal(1);
  });
});
