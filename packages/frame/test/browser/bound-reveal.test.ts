import { expect } from '@open-wc/testing';
import { bindingChallenge } from '@cardframe/crypto';
import { credentialsPort, setCredentialsPortForTests, type CredentialsPort } from '../../src/binding/credentials-port.ts';
import { parseFrameConfig } from '../../src/config.ts';
import { FrameApp } from '../../src/frame-app.ts';

// The bound reveal against a scripted host (the SDK's side) with WebAuthn
// behind the frame's credentials port: message order, what each assertion
// commits to, and how refusals surface. The real ceremony runs in e2e, where
// a virtual authenticator can answer.

const statement = 'Sandbox Issuer asks you to authorize access to card card_1 with your passkey.\nNonce: 0123456789abcdef0123456789abcdef\nIssued At: 2026-12-01T00:00:00.000Z\nExpiration Time: 2026-12-01T00:05:00.000Z';
const PAN = '4242424242424242';
const b64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes));
const unb64 = (text: string): Uint8Array => Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));

const assertionJson = { id: 'Y3JlZA', rawId: 'Y3JlZA', type: 'public-key', response: { clientDataJSON: 'AAAA', authenticatorData: 'AAAA', signature: 'AAAA' }, clientExtensionResults: {} };
const registrationJson = { id: 'bmV3', rawId: 'bmV3', type: 'public-key', response: { clientDataJSON: 'AAAA', attestationObject: 'AAAA' }, clientExtensionResults: {} };
const fakeCredential = (json: object) => ({ type: 'public-key', id: (json as { id: string }).id, toJSON: () => json }) as unknown as Credential;

interface Scripted {
  readonly methods: string[];
  readonly requests: { method: string; params: Record<string, unknown> }[];
  readonly events: { event: string; detail: Record<string, unknown> }[];
  readonly gets: CredentialRequestOptions[];
  readonly creates: CredentialCreationOptions[];
  readonly root: HTMLElement;
  button(testId: string): HTMLButtonElement;
  until(check: () => boolean): Promise<void>;
}

interface Script {
  /** The issuer's `scope=webauthn` answer, one per `card` request. */
  card?: () => object;
  /** An issuer refusal of the bound `GET /card`. */
  sessionError?: { code: string; issuerCode: string; status: number };
  get?: CredentialsPort['get'];
  create?: CredentialsPort['create'];
}

async function boundFrame(script: Script, configure: object = {}): Promise<Scripted> {
  const issuer = await crypto.subtle.generateKey({ name: 'RSA-OAEP', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, false, ['encrypt', 'decrypt']);
  const { n, e } = await crypto.subtle.exportKey('jwk', issuer.publicKey);
  const config = parseFrameConfig({
    allowedHostOrigins: ['https://shop.example'],
    issuer: { sessionKey: { jwk: { kty: 'RSA', n, e } }, oaepHash: 'SHA-256', binding: { mode: 'bound' } },
    flows: { reveal: { fields: ['pan'] } },
    testMode: true,
  });
  const gets: CredentialRequestOptions[] = [];
  const creates: CredentialCreationOptions[] = [];
  setCredentialsPortForTests({
    get: (options) => (gets.push(options), script.get ? script.get(options) : Promise.resolve(fakeCredential(assertionJson))),
    create: (options) => (creates.push(options), script.create ? script.create(options) : Promise.resolve(fakeCredential(registrationJson))),
  });
  const { port1, port2 } = new MessageChannel();
  const root = document.createElement('div');
  document.body.append(root);
  new FrameApp(config, { port: port1, origin: 'https://shop.example' }, root);
  const methods: string[] = [];
  const requests: Scripted['requests'] = [];
  const events: Scripted['events'] = [];
  const reply = (id: string, body: unknown) => port2.postMessage({ v: 1, kind: 'reply', id, ok: true, result: { body } });
  port2.onmessage = async ({ data }) => {
    if (data.kind === 'event') events.push(data);
    if (data.kind !== 'request') return;
    methods.push(data.method);
    requests.push(data);
    if (data.method === 'card') reply(data.id, script.card ? script.card() : { challenge: statement, webauthn: { allowCredentials: [{ id: 'Y3JlZA', type: 'public-key' }] } });
    if (data.method === 'bind') reply(data.id, { bound: true, scope: 'webauthn', credentialId: 'bmV3' });
    if (data.method === 'session') {
      if (script.sessionError) {
        const { code, issuerCode, status } = script.sessionError;
        port2.postMessage({ v: 1, kind: 'reply', id: data.id, ok: false, error: { code, message: 'refused', issuerCode, status } });
        return;
      }
      // The issuer's side: open the sessionid, seal the PAN to its secret.
      const secret = unb64(new TextDecoder().decode(await crypto.subtle.decrypt({ name: 'RSA-OAEP' }, issuer.privateKey, unb64(data.params.sessionId) as BufferSource)));
      const key = await crypto.subtle.importKey('raw', secret as BufferSource, 'AES-GCM', false, ['encrypt']);
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const data_ = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode(PAN)));
      reply(data.id, { encryptedPan: { data: b64(data_), iv: b64(iv) } });
    }
  };
  port2.postMessage({ v: 1, kind: 'request', id: 'c1', method: 'configure', params: configure });
  const until = async (check: () => boolean) => {
    for (let i = 0; i < 500 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    if (!check()) throw new Error('timed out waiting for the frame');
  };
  await until(() => events.some((event) => event.event === 'ready'));
  const view = () => root.firstElementChild!.shadowRoot!;
  return { methods, requests, events, gets, creates, root, button: (id) => view().querySelector<HTMLButtonElement>(`[data-testid="${id}"]`)!, until };
}

const decodeHeader = (header: string) => JSON.parse(new TextDecoder().decode(unb64(header))) as { challenge: string; credential: unknown };

describe('bound reveal (issuer.binding.mode "bound")', () => {
  afterEach(() => setCredentialsPortForTests(undefined));

  it('uses the browser\'s WebAuthn exactly where the engine has it, so an engine without it (WebKitGTK) reports passkeys as unsupported', () => {
    expect(credentialsPort() === undefined).to.equal(typeof PublicKeyCredential === 'undefined');
  });

  it('fetches a statement, signs one committing to the sessionid, sends it as cardframe-assertion, then shows the card', async () => {
    const frame = await boundFrame({});
    frame.button('cardframe-reveal').click();
    await frame.until(() => frame.events.some((event) => event.event === 'reveal'));
    expect(frame.methods).to.deep.equal(['card', 'session']);
    expect(frame.requests[0]!.params).to.deep.equal({ scope: ['webauthn'] });
    const { sessionId, headers } = frame.requests[1]!.params as { sessionId: string; headers: Record<string, string> };
    expect(decodeHeader(headers['cardframe-assertion']!)).to.deep.equal({ challenge: statement, credential: assertionJson });
    const options = frame.gets[0]!.publicKey!;
    expect(new Uint8Array(options.challenge as ArrayBuffer)).to.deep.equal(await bindingChallenge(statement, { purpose: 'session', value: sessionId }));
    expect(options.rpId).to.equal(location.hostname);
    expect(options.userVerification).to.equal('required');
    expect(b64(new Uint8Array(options.allowCredentials![0]!.id as ArrayBuffer))).to.equal('Y3JlZA==');
    expect(frame.root.firstElementChild!.shadowRoot!.textContent).to.contain('4242 4242 4242 4242');
    frame.root.remove();
  });

  it('offers Create a passkey when the card has none, creates it only on that click, binds it with PATCH /, then reveals', async () => {
    const frame = await boundFrame({ card: () => ({ challenge: statement, webauthn: { allowCredentials: frame?.methods.includes('bind') ? [{ id: 'bmV3' }] : [], user: { id: 'dXNlcg', name: 'card_1', displayName: 'Card' } } }) });
    frame.button('cardframe-reveal').click();
    await frame.until(() => !!frame.button('cardframe-passkey-create'));
    expect(frame.methods).to.deep.equal(['card']);
    expect(frame.creates).to.have.length(0);
    expect(frame.gets).to.have.length(0);
    frame.button('cardframe-passkey-create').click();
    await frame.until(() => frame.events.some((event) => event.event === 'reveal'));
    expect(frame.methods).to.deep.equal(['card', 'bind', 'card', 'session']);
    expect(frame.requests[1]!.params).to.deep.equal({ body: { scope: 'webauthn', challenge: statement, credential: registrationJson } });
    const created = frame.creates[0]!.publicKey!;
    expect(created.rp.id).to.equal(location.hostname);
    expect(new Uint8Array(created.challenge as ArrayBuffer)).to.deep.equal(await bindingChallenge(statement));
    expect(frame.events.find((event) => event.event === 'bind')?.detail).to.deep.equal({ scope: 'webauthn', credentialId: 'bmV3' });
    frame.root.remove();
  });

  it('in a single-field frame, a card without a passkey is ERR_PASSKEY_UNKNOWN (no create button there)', async () => {
    const frame = await boundFrame({ card: () => ({ challenge: statement, webauthn: { allowCredentials: [] } }) }, { view: 'field', fields: ['pan'] });
    frame.button('cardframe-show').click();
    await frame.until(() => frame.events.some((event) => event.event === 'error'));
    expect(frame.events.find((event) => event.event === 'error')!.detail['code']).to.equal('ERR_PASSKEY_UNKNOWN');
    expect(frame.methods).to.deep.equal(['card']);
    expect(frame.gets).to.have.length(0);
    frame.root.remove();
  });

  const refusals: [string, Script, string, string | undefined][] = [
    ['a dismissed prompt', { get: () => Promise.reject(new DOMException('dismissed', 'NotAllowedError')) }, 'ERR_PASSKEY_CANCELLED', undefined],
    ['a browser without passkeys in this frame', { get: () => Promise.reject(new DOMException('This is an invalid domain', 'SecurityError')) }, 'ERR_PASSKEY_UNSUPPORTED', undefined],
    ['a prompt that timed out', { card: () => ({ challenge: statement, webauthn: { allowCredentials: [{ id: 'Y3JlZA' }], timeout: 1000 } }), get: () => new Promise((_, reject) => setTimeout(() => reject(new DOMException('timed out', 'NotAllowedError')), 1100)) }, 'ERR_PASSKEY_TIMEOUT', undefined],
    ['the issuer not knowing the passkey', { sessionError: { code: 'ERR_ISSUER_REQUEST', issuerCode: 'unknown_credential', status: 401 } }, 'ERR_PASSKEY_UNKNOWN', undefined],
    ['the issuer finding the commitment wrong', { sessionError: { code: 'ERR_ISSUER_REQUEST', issuerCode: 'commitment_mismatch', status: 401 } }, 'ERR_BINDING_REFUSED', 'commitment_mismatch'],
  ];
  for (const [what, script, code, issuerCode] of refusals) {
    it(`reports ${what} as ${code}${issuerCode ? ` (${issuerCode})` : ''}, shows no card data, and can try again`, async () => {
      const frame = await boundFrame(script);
      frame.button('cardframe-reveal').click();
      await frame.until(() => frame.events.some((event) => event.event === 'error'));
      const error = frame.events.find((event) => event.event === 'error')!.detail;
      expect(error['code']).to.equal(code);
      expect(error['issuerCode']).to.equal(issuerCode);
      // A failed prompt never reaches the issuer with a sessionid.
      if (!script.sessionError) expect(frame.methods).to.deep.equal(['card']);
      expect(frame.root.firstElementChild!.shadowRoot!.textContent).to.not.contain('4242');
      expect(frame.button('cardframe-error').textContent).to.contain(code);
      expect(frame.button('cardframe-reveal').disabled).to.equal(false);
      frame.root.remove();
    });
  }
});
