import { expect } from 'chai';
import { after, before, describe, it } from '@cardframe/test-env';
import { SANDBOX_PROFILES, startSandboxIssuer, type SandboxIssuer, type SandboxProfile } from '../../src/index.ts';

describe('sandbox issuer profiles: seed 001\'s card profile spelt several ways', () => {
  const issuers = new Map<SandboxProfile, SandboxIssuer>();
  before(async () => {
    for (const profile of SANDBOX_PROFILES) issuers.set(profile, await startSandboxIssuer({ profile }));
  });
  after(async () => {
    await Promise.all([...issuers.values()].map((issuer) => issuer.close()));
  });

  const card = async (profile: SandboxProfile): Promise<Record<string, unknown>> => (await (await fetch(`${issuers.get(profile)!.url}/card`)).json()) as Record<string, unknown>;

  it('answers flat by default, as the demo issuer always has', async () => {
    expect(await card('flat')).to.deep.equal({ id: 'card_default', name: 'Jamie Doe', expirationMonth: '12', expirationYear: '2030', last4: '4242', status: 'ACTIVE' });
  });

  it('nests expiry (numbers, two-digit year) and last four in a card object', async () => {
    expect(await card('nested')).to.deep.equal({ id: 'card_default', name: 'Jamie Doe', status: 'ACTIVE', card: { expiration: { month: 12, year: 30 }, lastFour: '4242' } });
  });

  it('leaves expiry out, or puts it under names of its own', async () => {
    expect(await card('no-expiry')).to.deep.equal({ id: 'card_default', name: 'Jamie Doe', status: 'ACTIVE', last4: '4242' });
    expect(await card('custom')).to.deep.equal({ id: 'card_default', name: 'Jamie Doe', status: 'ACTIVE', data: { validThru: { mm: '12', yyyy: 2030 }, panTail: '4242' } });
  });
});
