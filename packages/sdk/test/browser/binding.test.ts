import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/index.ts';
import type { BindingSubmission, CardFetchRequest, CardframeBind, CardframeCard, CardframeGroup, CardframePan, CardframePin } from '../../src/index.ts';
import { BLANK, connectFake, iframeOf } from './fake-frame.ts';

const statement = 'Sandbox Issuer asks you to authorize access to card card_1 with your passkey.\nNonce: 0123456789abcdef0123456789abcdef';
const assertion = {
  challenge: statement,
  credential: { id: 'Y3JlZA', rawId: 'Y3JlZA', type: 'public-key', response: { clientDataJSON: 'AAAA', authenticatorData: 'AAAA', signature: 'AAAA' }, clientExtensionResults: {} },
};
const signature = `0x${'ab'.repeat(65)}`;
const passkeyAllow = `publickey-credentials-get ${location.origin}; publickey-credentials-create ${location.origin}`;

describe('card binding on the host', () => {
  it('allows passkeys in the iframe, for the frame origin only, once the host relays binding (fetchCard)', async () => {
    const card = document.createElement('cardframe-card');
    card.fetchCard = async () => ({});
    card.frameUrl = BLANK;
    document.body.append(card);
    expect((await iframeOf(card)).getAttribute('allow')).to.equal(passkeyAllow);
    card.remove();
  });

  it('<cardframe-bind> always allows passkeys for the frame origin, is accessible and asks for the bind flow', async () => {
    const el = await fixture<CardframeBind>(html`<cardframe-bind frame-url=${BLANK}></cardframe-bind>`);
    const iframe = await iframeOf(el);
    expect(iframe.getAttribute('allow')).to.equal(passkeyAllow);
    expect(iframe.title).to.equal('Confirm your card');
    await expect(el).to.be.accessible();
    const frame = await connectFake(el);
    expect((await frame.configured).flow).to.equal('bind');
    el.remove();
  });

  it('relays the frame\'s card, bind and sign-message requests to fetchCard, bindCard and signMessage, and fires cardframe-bind', async () => {
    const el = await fixture<CardframeBind>(html`<cardframe-bind frame-url=${BLANK}></cardframe-bind>`);
    const calls: unknown[] = [];
    el.fetchCard = async (request: CardFetchRequest) => (calls.push(request), { challenge: statement });
    el.bindCard = async (body: BindingSubmission) => (calls.push(body), { bound: true, scope: 'siwe' });
    el.signMessage = async (message: string) => (calls.push(message), signature);
    const frame = await connectFake(el);
    expect(await frame.request('card', { scope: ['siwe'] })).to.deep.include({ ok: true, result: { body: { challenge: statement } } });
    expect(await frame.request('sign-message', { message: 'example.com wants you to sign in' })).to.deep.include({ ok: true, result: { body: signature } });
    const body = { scope: 'siwe', message: 'example.com wants you to sign in', signature };
    expect(await frame.request('bind', { body })).to.deep.include({ ok: true });
    expect(calls).to.deep.equal([{ scope: ['siwe'], headers: {} }, 'example.com wants you to sign in', body]);
    const bound = oneEvent(el, 'cardframe-bind');
    frame.emit('bind', { scope: 'siwe', address: `0x${'a'.repeat(40)}` });
    expect((await bound).detail).to.deep.equal({ scope: 'siwe', address: `0x${'a'.repeat(40)}` });
    el.remove();
  });

  it('reports a wallet that refuses to sign to the frame as an error reply, and refuses a bind body with unknown members', async () => {
    const el = await fixture<CardframeBind>(html`<cardframe-bind frame-url=${BLANK}></cardframe-bind>`);
    el.signMessage = async () => {
      throw new Error('User rejected the request');
    };
    const frame = await connectFake(el);
    const refused = await frame.request('sign-message', { message: 'example.com wants you to sign in' });
    expect(refused.ok).to.equal(false);
    expect(refused.error?.code).to.equal('ERR_ISSUER_REQUEST');
    const error = oneEvent(el, 'cardframe-error');
    void frame.request('bind', { body: { scope: 'siwe', message: 'm', signature, pan: '4242424242424242' } });
    expect((await error).detail.code).to.equal('ERR_BAD_MESSAGE');
    el.remove();
  });

  it('hands fetchCardData the bound request\'s headers and scopes beside the sessionid, and fetchEncryptedCard the assertion', async () => {
    const card = await fixture<CardframeCard>(html`<cardframe-card frame-url=${BLANK}></cardframe-card>`);
    const seen: unknown[] = [];
    card.fetchCardData = async (sessionId, request) => (seen.push([sessionId, request]), '{}');
    card.fetchEncryptedCard = async (publicKey, extra) => (seen.push([publicKey.kid, extra]), 'a.b.c.d.e');
    const frame = await connectFake(card);
    await frame.request('session', { sessionId: 'QUJD', headers: { 'cardframe-assertion': 'eyJhIjoxfQ' }, scope: ['provisioning'] });
    await frame.request('session', { sessionId: 'REVG' });
    const key = { kty: 'EC', crv: 'P-256', x: 'A'.repeat(43), y: 'A'.repeat(43), kid: 'k1', use: 'enc', alg: 'ECDH-ES' };
    await frame.request('encrypted-card', { public_key: key, assertion });
    expect(seen).to.deep.equal([
      ['QUJD', { headers: { sessionid: 'QUJD', 'cardframe-assertion': 'eyJhIjoxfQ' }, scope: ['provisioning'] }],
      ['REVG', { headers: { sessionid: 'REVG' }, scope: [] }],
      ['k1', { assertion }],
    ]);
    card.remove();
  });

  it('a group member relays binding through the group\'s callbacks, and a PIN frame registers its device key with the assertion', async () => {
    const group = await fixture<CardframeGroup>(html`<cardframe-group frame-url=${BLANK}><cardframe-pan></cardframe-pan></cardframe-group>`);
    const scopes: unknown[] = [];
    group.fetchCard = async (request) => (scopes.push(request.scope), { challenge: statement });
    const pan = group.querySelector<CardframePan>('cardframe-pan')!;
    const frame = await connectFake(pan);
    expect(await frame.request('card', { scope: ['webauthn'] })).to.deep.include({ ok: true });
    expect(scopes).to.deep.equal([['webauthn']]);
    group.remove();

    const pin = await fixture<CardframePin>(html`<cardframe-pin frame-url=${BLANK}></cardframe-pin>`);
    const registered: unknown[] = [];
    pin.registerDevice = async (publicKey, extra) => (registered.push(extra), { device_id: 'dev_1' });
    const pinFrame = await connectFake(pin);
    await pinFrame.request('register-device', { public_key: { kty: 'EC', crv: 'P-256', x: 'A'.repeat(43), y: 'A'.repeat(43) }, assertion });
    expect(registered).to.deep.equal([{ assertion }]);
    pin.remove();
  });
});
