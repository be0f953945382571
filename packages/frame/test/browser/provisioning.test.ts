import { expect } from '@open-wc/testing';
import { bindingChallenge } from '@cardframe/crypto';
import { setCredentialsPortForTests } from '../../src/binding/credentials-port.ts';
import { parseFrameConfig } from '../../src/config.ts';
import { FrameApp } from '../../src/frame-app.ts';

// Add to wallet against a scripted host (the SDK's side of the port) that
// answers like the sandbox issuer: sessionid opened with the issuer's key,
// credentials sealed to the session secret (or in seed 001's plaintext
// shape). The wallet endpoint is this test server's origin; the frame's
// fetch to it is recorded here, since the sandbox wallet itself runs in
// Node (e2e/provisioning.spec.ts pushes to the real one).

const PAN = '4242424242424242';
const CREDENTIALS = { cardId: 'card_wallet_7f3a', otp: 'otp_0123456789abcdef0123456789abcdef', expiresAt: '2026-12-01T00:05:00.000Z' };
const statement = 'Sandbox Issuer asks you to authorize access to card card_1 with your passkey.\nNonce: 0123456789abcdef0123456789abcdef\nIssued At: 2026-12-01T00:00:00.000Z\nExpiration Time: 2026-12-01T00:05:00.000Z';
const assertionJson = { id: 'Y3JlZA', rawId: 'Y3JlZA', type: 'public-key', response: { clientDataJSON: 'AAAA', authenticatorData: 'AAAA', signature: 'AAAA' }, clientExtensionResults: {} };
const b64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes));
const unb64 = (text: string): Uint8Array => Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
const WALLET = `${location.origin}/__wallet__/cards`;

interface Options {
  readonly provisioning?: boolean;
  readonly view?: 'card' | 'field';
  /** How the issuer sends `provisioning`: sealed to the session secret (default), plaintext, or broken. */
  readonly credentials?: 'sealed' | 'plaintext' | 'malformed';
  readonly walletStatus?: number;
  readonly bound?: boolean;
}

interface Harness {
  /** Every message the frame posted to the host, as sent. */
  readonly posted: unknown[];
  readonly requests: { method: string; params: Record<string, unknown> }[];
  readonly events: { event: string; detail: Record<string, unknown> }[];
  /** Bodies the frame POSTed to the wallet endpoint. */
  readonly walletPosts: unknown[];
  /** Bound mode: the WebAuthn requests the frame made. */
  readonly gets: CredentialRequestOptions[];
  readonly root: HTMLElement;
  button(testId: string): HTMLButtonElement | null;
  text(testId: string): string;
  /** What a trusted click on Add to wallet makes the view dispatch (a test cannot make a trusted click). */
  requestProvision(): void;
  until(check: () => boolean): Promise<void>;
  done(): void;
}

async function sealTo(secret: Uint8Array, text: string): Promise<{ data: string; iv: string }> {
  const key = await crypto.subtle.importKey('raw', secret as BufferSource, 'AES-GCM', false, ['encrypt']);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  return { data: b64(new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode(text)))), iv: b64(iv) };
}

async function frame(options: Options = {}): Promise<Harness> {
  const issuer = await crypto.subtle.generateKey({ name: 'RSA-OAEP', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, false, ['encrypt', 'decrypt']);
  const { n, e } = await crypto.subtle.exportKey('jwk', issuer.publicKey);
  const config = parseFrameConfig({
    allowedHostOrigins: ['https://shop.example'],
    issuer: { sessionKey: { jwk: { kty: 'RSA', n, e } }, oaepHash: 'SHA-256', ...(options.bound ? { binding: { mode: 'bound' } } : {}) },
    flows: { reveal: { fields: ['pan', 'expiry'] } },
    ...(options.provisioning === false ? {} : { provisioning: { adapter: 'sandbox', endpoint: WALLET } }),
    testMode: true,
  });
  const gets: CredentialRequestOptions[] = [];
  if (options.bound) {
    setCredentialsPortForTests({
      get: (request) => (gets.push(request), Promise.resolve({ type: 'public-key', id: 'Y3JlZA', toJSON: () => assertionJson } as unknown as Credential)),
      create: () => Promise.reject(new Error('no passkey is created here')),
    });
  }
  const walletPosts: unknown[] = [];
  const realFetch = window.fetch;
  window.fetch = async (input, init) => {
    if (String(input) !== WALLET) return realFetch(input, init);
    walletPosts.push(JSON.parse(String(init?.body)));
    return new Response(JSON.stringify({ added: true }), { status: options.walletStatus ?? 201 });
  };
  const { port1, port2 } = new MessageChannel();
  const root = document.createElement('div');
  document.body.append(root);
  new FrameApp(config, { port: port1, origin: 'https://shop.example' }, root);
  const posted: unknown[] = [];
  const requests: Harness['requests'] = [];
  const events: Harness['events'] = [];
  const reply = (id: string, body: unknown) => port2.postMessage({ v: 1, kind: 'reply', id, ok: true, result: { body } });
  port2.onmessage = async ({ data }) => {
    posted.push(data);
    if (data.kind === 'event') events.push(data);
    if (data.kind !== 'request') return;
    requests.push(data);
    if (data.method === 'card') reply(data.id, { challenge: statement, webauthn: { allowCredentials: [{ id: 'Y3JlZA', type: 'public-key' }] } });
    if (data.method !== 'session') return;
    const secret = unb64(new TextDecoder().decode(await crypto.subtle.decrypt({ name: 'RSA-OAEP' }, issuer.privateKey, unb64(data.params.sessionId) as BufferSource)));
    const profile = { id: 'card_1', name: 'Jane Doe', last4: '4242', expirationMonth: '12', expirationYear: '2030', encryptedPan: await sealTo(secret, PAN) };
    const provisioning = options.credentials === 'plaintext' ? CREDENTIALS : options.credentials === 'malformed' ? await sealTo(secret, 'not json') : await sealTo(secret, JSON.stringify(CREDENTIALS));
    reply(data.id, { ...profile, ...(data.params.scope?.includes('provisioning') ? { provisioning } : {}) });
  };
  const view = options.view === 'field' ? { view: 'field', fields: ['pan'] } : {};
  port2.postMessage({ v: 1, kind: 'request', id: 'c1', method: 'configure', params: { flow: 'reveal', ...view } });
  const until = async (check: () => boolean) => {
    for (let i = 0; i < 500 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    if (!check()) throw new Error('timed out waiting for the frame');
  };
  await until(() => events.some((event) => event.event === 'ready'));
  const shown = () => root.firstElementChild!;
  const button = (id: string) => shown().shadowRoot!.querySelector<HTMLButtonElement>(`[data-testid="${id}"]`);
  await (shown() as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
  return {
    posted,
    requests,
    events,
    walletPosts,
    gets,
    root,
    button,
    text: (id) => button(id)?.textContent ?? shown().shadowRoot!.querySelector(`[data-testid="${id}"]`)?.textContent ?? '',
    requestProvision: () => shown().dispatchEvent(new CustomEvent('cardframe-provision-request', { bubbles: true, composed: true })),
    until,
    done: () => {
      window.fetch = realFetch;
      setCredentialsPortForTests(undefined);
      root.remove();
      port2.close();
    },
  };
}

const provisionEvents = (h: Harness) => h.events.filter((event) => event.event === 'provision').map((event) => event.detail);
const secrets = [CREDENTIALS.otp, CREDENTIALS.cardId, PAN];

describe('Add to wallet (provisioning in the frame config)', () => {
  it('appears on the card view, labelled and reachable by keyboard, only when the frame config names a wallet', async () => {
    const withWallet = await frame();
    const button = withWallet.button('cardframe-provision')!;
    expect(button.textContent).to.equal('Add to wallet');
    expect(button.tagName).to.equal('BUTTON');
    expect(button.disabled).to.equal(false);
    expect(button.tabIndex).to.equal(0);
    withWallet.done();
    const without = await frame({ provisioning: false });
    expect(without.button('cardframe-reveal')).to.not.equal(null);
    expect(without.button('cardframe-provision')).to.equal(null);
    without.done();
    const field = await frame({ view: 'field' });
    expect(field.button('cardframe-provision')).to.equal(null);
    field.done();
  });

  it('does nothing on a click a script dispatched: no request leaves the frame', async () => {
    const h = await frame();
    h.button('cardframe-provision')!.click();
    h.button('cardframe-provision')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(h.requests.filter((r) => r.method !== 'configure')).to.deep.equal([]);
    expect(h.walletPosts).to.deep.equal([]);
    h.done();
  });

  it('asks for scope=provisioning with a fresh sessionid, opens the sealed credentials, posts {cardId, otp} to the wallet, and tells the host only the outcome', async () => {
    const h = await frame();
    h.requestProvision();
    await h.until(() => provisionEvents(h).length > 0);
    expect(h.requests.map((r) => [r.method, r.params['scope']])).to.deep.equal([['session', ['provisioning']]]);
    expect(h.walletPosts).to.deep.equal([{ cardId: CREDENTIALS.cardId, otp: CREDENTIALS.otp }]);
    expect(provisionEvents(h)).to.deep.equal([{ outcome: 'added' }]);
    await h.until(() => h.text('cardframe-provision-status') !== '');
    expect(h.text('cardframe-provision-status')).to.equal('Added to your wallet.');
    const sent = JSON.stringify(h.posted);
    for (const secret of secrets) expect(sent, 'the frame posted a credential or the PAN to the host').to.not.contain(secret);
    h.done();
  });

  it('reads seed 001\'s plaintext provisioning object too, and still posts none of it to the host', async () => {
    const h = await frame({ credentials: 'plaintext' });
    h.requestProvision();
    await h.until(() => provisionEvents(h).length > 0);
    expect(h.walletPosts).to.deep.equal([{ cardId: CREDENTIALS.cardId, otp: CREDENTIALS.otp }]);
    expect(provisionEvents(h)).to.deep.equal([{ outcome: 'added' }]);
    for (const secret of secrets) expect(JSON.stringify(h.posted)).to.not.contain(secret);
    h.done();
  });

  it('reports a wallet refusal as failed with ERR_PROVISIONING_FAILED, and unreadable credentials as failed with ERR_MALFORMED_RESPONSE before any wallet call', async () => {
    const refused = await frame({ walletStatus: 401 });
    refused.requestProvision();
    await refused.until(() => provisionEvents(refused).length > 0);
    expect(provisionEvents(refused)).to.deep.equal([{ outcome: 'failed', code: 'ERR_PROVISIONING_FAILED' }]);
    await refused.until(() => refused.text('cardframe-provision-status').includes('ERR_PROVISIONING_FAILED'));
    refused.done();
    const broken = await frame({ credentials: 'malformed' });
    broken.requestProvision();
    await broken.until(() => provisionEvents(broken).length > 0);
    expect(provisionEvents(broken)).to.deep.equal([{ outcome: 'failed', code: 'ERR_MALFORMED_RESPONSE' }]);
    expect(broken.events.find((event) => event.event === 'error')!.detail['code']).to.equal('ERR_MALFORMED_RESPONSE');
    expect(broken.walletPosts).to.deep.equal([]);
    broken.done();
  });

  it('in bound mode sends the provisioning request with a passkey assertion committing to its sessionid, like a reveal', async () => {
    const h = await frame({ bound: true });
    h.requestProvision();
    await h.until(() => provisionEvents(h).length > 0);
    expect(h.requests.map((r) => r.method)).to.deep.equal(['card', 'session']);
    const { sessionId, headers, scope } = h.requests[1]!.params as { sessionId: string; headers: Record<string, string>; scope: string[] };
    expect(scope).to.deep.equal(['provisioning']);
    const assertion = JSON.parse(new TextDecoder().decode(unb64(headers['cardframe-assertion']!))) as { challenge: string };
    expect(assertion.challenge).to.equal(statement);
    expect(new Uint8Array(h.gets[0]!.publicKey!.challenge as ArrayBuffer)).to.deep.equal(await bindingChallenge(statement, { purpose: 'session', value: sessionId }));
    expect(provisionEvents(h)).to.deep.equal([{ outcome: 'added' }]);
    h.done();
  });
});
