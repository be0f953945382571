import { expect } from '@open-wc/testing';
import { setCredentialsPortForTests } from '../../src/binding/credentials-port.ts';
import { parseFrameConfig } from '../../src/config.ts';
import { FrameApp } from '../../src/frame-app.ts';

// The binding view against a scripted host: the wallet path end to end (the
// host's signMessage answers), and the passkey path's choice between
// creating and confirming. WebAuthn answers through the frame's port.

const message = 'shop.example wants you to sign in with your Ethereum account:\n0x0000000000000000000000000000000000000001\n\nNonce: abcdefgh12';
const statement = 'Sandbox Issuer asks you to authorize access to card card_1 with your passkey.\nNonce: 0123456789abcdef0123456789abcdef';
const signature = `0x${'ab'.repeat(65)}`;
const address = `0x${'1'.padStart(40, '0')}`;

async function bindFrame(answers: { sign?: { ok: boolean; body?: unknown }; allowCredentials?: object[] }) {
  const config = parseFrameConfig({
    allowedHostOrigins: ['https://shop.example'],
    issuer: {},
    flows: { bind: { scopes: ['webauthn', 'siwe'] } },
    testMode: true,
  });
  const calls: string[] = [];
  setCredentialsPortForTests({
    get: async () => (calls.push('get'), { type: 'public-key', id: 'Y3JlZA', toJSON: () => ({ id: 'Y3JlZA', rawId: 'Y3JlZA', type: 'public-key', response: { clientDataJSON: 'AAAA', authenticatorData: 'AAAA', signature: 'AAAA' }, clientExtensionResults: {} }) }) as unknown as Credential,
    create: async () => (calls.push('create'), { type: 'public-key', id: 'bmV3', toJSON: () => ({ id: 'bmV3', rawId: 'bmV3', type: 'public-key', response: { clientDataJSON: 'AAAA', attestationObject: 'AAAA' }, clientExtensionResults: {} }) }) as unknown as Credential,
  });
  const { port1, port2 } = new MessageChannel();
  const root = document.createElement('div');
  document.body.append(root);
  new FrameApp(config, { port: port1, origin: 'https://shop.example' }, root);
  const requests: { method: string; params: Record<string, unknown> }[] = [];
  const events: { event: string; detail: Record<string, unknown> }[] = [];
  port2.onmessage = ({ data }) => {
    if (data.kind === 'event') events.push(data);
    if (data.kind !== 'request') return;
    requests.push(data);
    calls.push(data.method);
    const ok = (body: unknown) => port2.postMessage({ v: 1, kind: 'reply', id: data.id, ok: true, result: { body } });
    if (data.method === 'card') ok(data.params.scope[0] === 'siwe' ? { challenge: message } : { challenge: statement, webauthn: { allowCredentials: answers.allowCredentials ?? [], user: { id: 'dXNlcg', name: 'card_1', displayName: 'Card' } } });
    if (data.method === 'sign-message') {
      if (answers.sign?.ok === false) port2.postMessage({ v: 1, kind: 'reply', id: data.id, ok: false, error: { code: 'ERR_ISSUER_REQUEST', message: 'signMessage rejected' } });
      else ok(answers.sign?.body ?? signature);
    }
    if (data.method === 'bind') ok(data.params.body.scope === 'siwe' ? { bound: true, scope: 'siwe', address } : { bound: true, scope: 'webauthn', credentialId: data.params.body.credential.id });
  };
  port2.postMessage({ v: 1, kind: 'request', id: 'c1', method: 'configure', params: { flow: 'bind' } });
  const until = async (check: () => boolean) => {
    for (let i = 0; i < 500 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    if (!check()) throw new Error('timed out waiting for the frame');
  };
  await until(() => events.some((event) => event.event === 'ready'));
  const button = (id: string) => root.firstElementChild!.shadowRoot!.querySelector<HTMLButtonElement>(`[data-testid="${id}"]`)!;
  return { requests, events, calls, root, button, until };
}

describe('binding view (flows.bind)', () => {
  afterEach(() => setCredentialsPortForTests(undefined));

  it('wallet: fetches the SIWE message, has the host sign it, binds message and signature with PATCH /, announces it', async () => {
    const frame = await bindFrame({});
    frame.button('cardframe-bind-wallet').click();
    await frame.until(() => frame.events.some((event) => event.event === 'bind'));
    expect(frame.calls).to.deep.equal(['card', 'sign-message', 'bind']);
    expect(frame.requests[0]!.params).to.deep.equal({ scope: ['siwe'] });
    expect(frame.requests[1]!.params).to.deep.equal({ message });
    expect(frame.requests[2]!.params).to.deep.equal({ body: { scope: 'siwe', message, signature } });
    expect(frame.events.find((event) => event.event === 'bind')!.detail).to.deep.equal({ scope: 'siwe', address });
    expect(frame.button('cardframe-bind-status').textContent).to.contain('wallet');
    frame.root.remove();
  });

  for (const [what, sign] of [['refuses', { ok: false }], ['answers with something other than a signature', { ok: true, body: '0x1234' }]] as const) {
    it(`wallet: a host wallet that ${what} is ERR_SIGN_REFUSED, and nothing is bound`, async () => {
      const frame = await bindFrame({ sign });
      frame.button('cardframe-bind-wallet').click();
      await frame.until(() => frame.events.some((event) => event.event === 'error'));
      expect(frame.events.find((event) => event.event === 'error')!.detail['code']).to.equal('ERR_SIGN_REFUSED');
      expect(frame.calls).to.not.include('bind');
      expect(frame.button('cardframe-error').getAttribute('role')).to.equal('alert');
      frame.root.remove();
    });
  }

  it('passkey: creates one when the card has none, else confirms with an assertion; either is bound with PATCH /', async () => {
    const fresh = await bindFrame({});
    fresh.button('cardframe-bind-passkey').click();
    await fresh.until(() => fresh.events.some((event) => event.event === 'bind'));
    expect(fresh.calls).to.deep.equal(['card', 'create', 'bind']);
    expect(fresh.events.find((event) => event.event === 'bind')!.detail).to.deep.equal({ scope: 'webauthn', credentialId: 'bmV3' });
    fresh.root.remove();

    const known = await bindFrame({ allowCredentials: [{ id: 'Y3JlZA' }] });
    known.button('cardframe-bind-passkey').click();
    await known.until(() => known.events.some((event) => event.event === 'bind'));
    expect(known.calls).to.deep.equal(['card', 'get', 'bind']);
    known.root.remove();
  });
});
