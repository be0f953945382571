import { expect } from 'chai';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from '@cardframe/test-env';
import { startSandboxIssuer } from '../../src/index.ts';

describe('sandbox issuer keys', () => {
  const dirs: string[] = [];
  after(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('persist across a restart with their stages, in a private file created on first run', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cardframe-issuer-'));
    dirs.push(dir);
    const first = await startSandboxIssuer({ dataDir: dir });
    await first.rotate();
    const stages = first.keyStages();
    const pem = first.sessionKeyPem;
    await first.close();
    expect((await stat(join(dir, 'issuer-keys.json'))).mode & 0o777).to.equal(0o600);

    const second = await startSandboxIssuer({ dataDir: dir });
    try {
      expect(second.keyStages()).to.deep.equal(stages);
      expect(second.sessionKeyPem).to.equal(pem);
      expect(Object.values(stages.pin).sort()).to.deep.equal(['active', 'next', 'retiring']);
    } finally {
      await second.close();
    }
  });

  it('serves every trusted key in its JWKS, readable from any frame origin, and hides retired ones', async () => {
    const issuer = await startSandboxIssuer();
    try {
      const first = issuer.pinKey.kid;
      await issuer.rotate();
      await issuer.rotate();
      const response = await fetch(`${issuer.url}/v1/cards/pin_keys`);
      expect(response.headers.get('access-control-allow-origin')).to.equal('*');
      const { keys } = (await response.json()) as { keys: { kid: string; nbf: number }[] };
      expect(keys.map((k) => k.kid)).to.have.members(Object.entries(issuer.keyStages().pin).filter(([, s]) => s !== 'retired').map(([kid]) => kid));
      expect(keys.map((k) => k.kid)).to.not.include(first);
      const latest = (await (await fetch(`${issuer.url}/v1/cards/pin_keys/latest`)).json()) as Record<string, string>;
      expect(Object.keys(latest)).to.deep.equal(['kid', 'kty', 'use', 'alg', 'n', 'e']);
      expect(latest['kid']).to.equal(issuer.pinKey.kid);
      const retired = await fetch(`${issuer.url}/v1/cards/card_default/pin`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ encrypted_pin: 'a.b.c.d.e', key_id: first, device_id: 'x', signature: '30' }),
      });
      expect(retired.status).to.equal(400);
      expect(((await retired.json()) as { error: { code: string } }).error.code).to.equal('retired_key');
    } finally {
      await issuer.close();
    }
  });
});
