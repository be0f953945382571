import { expect, test } from '../fixtures.ts';
import { ownDeviceKey, ownResponseKey, ownSessionId } from './page-script-attack.ts';

// The attack of issue 16, run as a script on the demo's merchant page.
test.use({ demoOptions: { binding: 'bound' } });

test.describe('a compromised host page against a bound issuer', () => {
  test('its own sessionid gets 401 binding_required and nothing decryptable', async ({ host, demo }) => {
    await host.open();
    const result = await ownSessionId(host.page, demo.issuer!.sessionKeyPem, 'SHA-1');
    expect(result).toEqual({ status: 401, code: 'binding_required', pan: undefined });
    expect(demo.issuer!.stats.bindingRefusals['binding_required']).toBeGreaterThanOrEqual(1);
  });

  test('its own response key pair gets 401 binding_required and no JWE', async ({ host }) => {
    await host.open();
    expect(await ownResponseKey(host.page)).toMatchObject({ status: 401, code: 'binding_required' });
  });

  test('its own device key is not registered: 401 binding_required', async ({ host }) => {
    await host.open();
    expect(await ownDeviceKey(host.page)).toEqual({ status: 401, code: 'binding_required' });
  });
});
