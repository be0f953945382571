import { expect, test } from '../fixtures.ts';
import { ownDeviceKey, ownResponseKey, ownSessionId } from './page-script-attack.ts';

// The attack of compromised-host.spec.ts against seed 001's plain flow: what
// plain mode leaves open (README, THREAT_MODEL.md). If this ever fails, the
// plain flow changed, not the attack.
test.use({ demoOptions: { binding: 'plain' } });

test.describe('a compromised host page against a plain issuer', () => {
  test('reads the card: plain mode does not protect against a script on the host page', async ({ host, demo }) => {
    await host.open();
    expect(await ownSessionId(host.page, demo.issuer!.sessionKeyPem, 'SHA-1')).toEqual({ status: 200, code: undefined, pan: '4242424242424242' });
    expect(await ownResponseKey(host.page)).toMatchObject({ status: 200, contentType: 'application/jose' });
    expect(await ownDeviceKey(host.page)).toEqual({ status: 201, code: undefined });
  });
});
