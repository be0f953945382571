import { expect } from '@open-wc/testing';
import { parseFrameConfig } from '../../src/config.ts';
import { FrameApp } from '../../src/frame-app.ts';

// The frame posts `ready` for the masked view alone; the reveal's acting chunk
// and the issuer's session keys load after it. A scripted host (the SDK's
// side) and issuer (WebCrypto) stand on the other end of the port.

const PAN = '4242424242424242';
const b64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes));
const unb64 = (text: string): Uint8Array => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

interface Host {
  readonly events: { event: string; detail: Record<string, unknown> }[];
  readonly root: HTMLElement;
  until(check: () => boolean): Promise<void>;
}

/**
 * A frame app on a MessageChannel, configured for a reveal; `onPost` runs as
 * the frame posts each message, `onReady` in the task that delivers `ready`.
 */
async function frame(sessionKey: object | undefined, onReady: (root: HTMLElement) => void = () => undefined, onPost: (message: { event?: string }) => void = () => undefined): Promise<Host> {
  const issuer = await crypto.subtle.generateKey({ name: 'RSA-OAEP', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, false, ['encrypt', 'decrypt']);
  const { n, e } = await crypto.subtle.exportKey('jwk', issuer.publicKey);
  const config = parseFrameConfig({
    allowedHostOrigins: ['https://shop.example'],
    issuer: { sessionKey: { jwk: sessionKey ?? { kty: 'RSA', n, e } }, oaepHash: 'SHA-256' },
    flows: { reveal: { fields: ['pan'] } },
    testMode: true,
  });
  const { port1, port2 } = new MessageChannel();
  const post = port1.postMessage.bind(port1);
  // The frame posts one argument, the message.
  port1.postMessage = (message: { event?: string }) => {
    onPost(message);
    post(message);
  };
  const root = document.createElement('div');
  document.body.append(root);
  new FrameApp(config, { port: port1, origin: 'https://shop.example' }, root);
  const events: Host['events'] = [];
  port2.onmessage = async ({ data }) => {
    if (data.kind === 'event') {
      events.push(data);
      if (data.event === 'ready') onReady(root);
    }
    if (data.kind !== 'request' || data.method !== 'session') return;
    // The issuer's side: open the sessionid, seal the PAN to its secret.
    const secret = unb64(new TextDecoder().decode(await crypto.subtle.decrypt({ name: 'RSA-OAEP' }, issuer.privateKey, unb64(data.params.sessionId) as BufferSource)));
    const key = await crypto.subtle.importKey('raw', secret as BufferSource, 'AES-GCM', false, ['encrypt']);
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode(PAN)));
    port2.postMessage({ v: 1, kind: 'reply', id: data.id, ok: true, result: { body: { encryptedPan: { data: b64(sealed), iv: b64(iv) } } } });
  };
  port2.postMessage({ v: 1, kind: 'request', id: 'c1', method: 'configure', params: {} });
  const until = async (check: () => boolean): Promise<void> => {
    for (let i = 0; i < 1000 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    if (!check()) throw new Error('timed out waiting for the frame');
  };
  await until(() => events.some((event) => event.event === 'ready'));
  return { events, root, until };
}

const revealActionsLoaded = (): boolean => performance.getEntriesByType('resource').some((entry) => entry.name.includes('/flows/reveal-actions.ts'));

describe('the path to ready', () => {
  // First in this file, so the reveal chunk has not been loaded by an earlier test.
  it('posts ready before the reveal chunk loads, and a reveal clicked in the task that delivers ready waits for it and shows the card', async () => {
    let loadedAtReady: boolean | undefined;
    const host = await frame(
      undefined,
      (root) => root.firstElementChild!.shadowRoot!.querySelector<HTMLButtonElement>('[data-testid="cardframe-reveal"]')!.click(),
      // Read as `ready` is posted: where the engine has no idle callback (WebKit) the chunk may start
      // loading before the host's task that receives it.
      (message) => {
        if (message.event === 'ready') loadedAtReady = revealActionsLoaded();
      },
    );
    expect(loadedAtReady).to.equal(false);
    await host.until(() => host.events.some((event) => event.event === 'reveal' || event.event === 'error'));
    expect(host.events.map((event) => event.event).filter((name) => name !== 'resize')).to.deep.equal(['progress', 'ready', 'reveal']);
    expect(host.root.firstElementChild!.shadowRoot!.textContent).to.contain('4242 4242 4242 4242');
    host.root.remove();
  });

  it('with a session key that cannot be used, is ready first, then shows the card as unavailable and reports the key error to the host', async () => {
    const host = await frame({ kty: 'RSA', n: 'AQAB', e: 'AQAB' });
    await host.until(() => host.events.some((event) => event.event === 'error'));
    const error = host.events.find((event) => event.event === 'error')!.detail;
    // The ring skips a key it cannot import, so none is left to use.
    expect(error['code']).to.equal('ERR_KEY_NOT_FOUND');
    const view = host.root.firstElementChild as HTMLElement & { updateComplete: Promise<unknown> };
    await view.updateComplete;
    expect(view.getAttribute('state')).to.equal('unavailable');
    expect(view.shadowRoot!.querySelector('[data-testid="cardframe-reveal"]')).to.equal(null);
    host.root.remove();
  });
});
