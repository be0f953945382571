import { expect } from 'chai';
import { describe, it, thrownCode } from '@cardframe/test-env';
import { CardframeError, MAX_MESSAGE_CHARS, PROGRESS_STAGES, isConnectMessage, parseFrameMessage, parseHostMessage, parseIssuerCard } from '../src/index.ts';

const codeOf = thrownCode;

const configure = { v: 1, kind: 'request', id: 'r1', method: 'configure', params: { fields: ['pan', 'cvc'] } };

describe('host message validation', () => {
  it('accepts a configure request and returns a fresh copy', () => {
    const parsed = parseHostMessage(configure);
    expect(parsed).to.deep.equal(configure);
    expect(parsed).to.not.equal(configure);
  });

  it('accepts session replies, ok and failed', () => {
    expect(parseHostMessage({ v: 1, kind: 'reply', id: 's1', ok: true, result: { body: '{"a":1}' } })).to.deep.include({ ok: true });
    const failed = parseHostMessage({ v: 1, kind: 'reply', id: 's1', ok: false, error: { code: 'ERR_ISSUER_REQUEST', message: 'HTTP 500', status: 500 } });
    expect(failed).to.deep.include({ ok: false });
  });

  it('refuses a host that tries to hand the frame a key, in any field', async () => {
    const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 128 }, false, ['decrypt']);
    expect(codeOf(() => parseHostMessage({ ...configure, params: { fields: ['pan'], key: 'AAAA' } }))).to.equal('ERR_BAD_MESSAGE');
    expect(codeOf(() => parseHostMessage({ ...configure, issuerKey: { kty: 'RSA' } }))).to.equal('ERR_BAD_MESSAGE');
    expect(codeOf(() => parseHostMessage({ ...configure, params: { fields: key } }))).to.equal('ERR_BAD_MESSAGE');
    expect(codeOf(() => parseHostMessage({ v: 1, kind: 'reply', id: 's1', ok: true, result: { body: {}, secret: 'x' } }))).to.equal('ERR_BAD_MESSAGE');
    expect(codeOf(() => parseHostMessage({ v: 1, kind: 'reply', id: 's1', ok: true, result: { body: { k: key } } }))).to.equal('ERR_BAD_MESSAGE');
  });

  it('refuses wrong versions, unknown kinds and methods, bad ids and unknown field names', () => {
    expect(codeOf(() => parseHostMessage({ ...configure, v: 2 }))).to.equal('ERR_BAD_MESSAGE');
    expect(codeOf(() => parseHostMessage({ ...configure, kind: 'event' }))).to.equal('ERR_BAD_MESSAGE');
    expect(codeOf(() => parseHostMessage({ ...configure, method: 'reveal' }))).to.equal('ERR_BAD_MESSAGE');
    expect(codeOf(() => parseHostMessage({ ...configure, id: 'a b' }))).to.equal('ERR_BAD_MESSAGE');
    expect(codeOf(() => parseHostMessage({ ...configure, params: { fields: ['pan', 'pan'] } }))).to.equal('ERR_BAD_MESSAGE');
    expect(codeOf(() => parseHostMessage({ ...configure, params: { fields: ['track2'] } }))).to.equal('ERR_BAD_MESSAGE');
    expect(codeOf(() => parseHostMessage('configure'))).to.equal('ERR_BAD_MESSAGE');
    expect(codeOf(() => parseHostMessage(null))).to.equal('ERR_BAD_MESSAGE');
  });

  it('refuses messages over the size limit and cyclic or deeply nested data', () => {
    const big = { v: 1, kind: 'reply', id: 's1', ok: true, result: { body: 'x'.repeat(MAX_MESSAGE_CHARS) } };
    expect(codeOf(() => parseHostMessage(big))).to.equal('ERR_BAD_MESSAGE');
    let deep: unknown = 'x';
    for (let i = 0; i < 40; i++) deep = [deep];
    expect(codeOf(() => parseHostMessage({ v: 1, kind: 'reply', id: 's1', ok: true, result: { body: deep } }))).to.equal('ERR_BAD_MESSAGE');
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(codeOf(() => parseHostMessage({ v: 1, kind: 'reply', id: 's1', ok: true, result: { body: cyclic } }))).to.equal('ERR_BAD_MESSAGE');
  });

  it('never echoes a refused value in the error message', () => {
    try {
      parseHostMessage({ ...configure, params: { fields: ['4242424242424242'] } });
      expect.fail('accepted');
    } catch (error) {
      expect((error as Error).message).to.not.contain('4242');
    }
  });

  it('recognises only the exact connect message', () => {
    expect(isConnectMessage({ cardframe: 'connect', v: 1 })).to.equal(true);
    expect(isConnectMessage({ cardframe: 'connect', v: 1, key: 'x' })).to.equal(false);
    expect(isConnectMessage({ cardframe: 'connect', v: 2 })).to.equal(false);
    expect(isConnectMessage('connect')).to.equal(false);
  });
});

describe('frame message validation', () => {
  it('accepts events and session requests', () => {
    expect(parseFrameMessage({ v: 1, kind: 'event', event: 'ready', detail: { fields: ['pan'] } })).to.deep.include({ event: 'ready' });
    expect(parseFrameMessage({ v: 1, kind: 'request', id: 'q', method: 'session', params: { sessionId: 'AAAA==' } })).to.deep.include({ method: 'session' });
  });

  it('hands on each event detail exactly as checked', () => {
    const details: Record<string, unknown> = {
      ready: { fields: [] },
      reveal: { fields: [], unavailable: [{ field: 'expiry', code: 'ERR_PROFILE_MISSING' }] },
      hide: { reason: 'page-hidden' },
      copy: { field: 'cvc' },
      focus: {},
      blur: {},
      error: { code: 'ERR_ISSUER_REQUEST', message: 'fetchCardData rejected', status: 503, issuerCode: 'retired_key' },
      change: { complete: true, valid: false, error: 'ERR_PIN_TRIVIAL' },
      submit: { flow: 'pin', status: 'ACCEPTED', changeRequestId: 'cr_1' },
      bind: { scope: 'siwe', address: `0x${'ab'.repeat(20)}` },
      resize: { height: 180.5 },
    };
    for (const [event, detail] of Object.entries(details)) {
      expect(parseFrameMessage({ v: 1, kind: 'event', event, detail })).to.deep.equal({ v: 1, kind: 'event', event, detail });
    }
  });

  it('refuses each event whose detail has a member missing, null, of the wrong type or out of range', () => {
    const refused: [string, unknown][] = [
      ['ready', { fields: null }],
      ['ready', { fields: ['pan', 'pan'] }],
      ['reveal', { fields: [] }],
      ['reveal', { fields: ['pan'], unavailable: null }],
      ['reveal', { fields: ['pan'], unavailable: [{ field: 'pan', code: 'ERR_CONFIG' }] }],
      ['reveal', { fields: ['pan'], unavailable: [] }],
      ['reveal', { fields: ['pan'], unavailable: [{ field: 'expiry', code: 'ERR_PROFILE_MISSING' }, { field: 'expiry', code: 'ERR_PROFILE_MALFORMED' }] }],
      ['reveal', { fields: ['pan'], unavailable: [{ field: 'ssn', code: 'ERR_PROFILE_MISSING' }] }],
      ['reveal', { fields: ['pan'], unavailable: [{ field: 'expiry', code: 'ERR_PROFILE_MISSING', value: '12/30' }] }],
      ['hide', { reason: null }],
      ['hide', { reason: 'user ' }],
      ['hide', {}],
      ['copy', { field: 'ssn' }],
      ['copy', { field: null }],
      ['focus', { field: 'pan' }],
      ['blur', null],
      ['error', { code: 'ERR_NOPE', message: 'x' }],
      ['error', { code: 'ERR_CONFIG', message: 'x', status: null }],
      ['change', { complete: 'yes', valid: true }],
      ['change', { complete: true, valid: true, error: null }],
      ['submit', { flow: 'reveal', status: 'ACCEPTED' }],
      ['submit', { flow: 'pin', status: 'accepted' }],
      ['submit', { flow: 'pin', status: 'ACCEPTED', changeRequestId: null }],
      ['submit', { flow: 'pin', status: null }],
      ['bind', { scope: null }],
      ['bind', { scope: 'siwe', address: '0x12' }],
      ['resize', { height: -1 }],
      ['resize', { height: 10_001 }],
      ['resize', { height: '180' }],
      ['resize', { height: null }],
    ];
    for (const [event, detail] of refused) {
      expect(codeOf(() => parseFrameMessage({ v: 1, kind: 'event', event, detail })), `${event} ${JSON.stringify(detail)}`).to.equal('ERR_BAD_MESSAGE');
    }
  });

  it('refuses events with unknown names or extra detail, and non-base64 session ids', () => {
    expect(codeOf(() => parseFrameMessage({ v: 1, kind: 'event', event: 'pan', detail: {} }))).to.equal('ERR_BAD_MESSAGE');
    expect(codeOf(() => parseFrameMessage({ v: 1, kind: 'event', event: 'reveal', detail: { fields: ['pan'], value: '4242' } }))).to.equal('ERR_BAD_MESSAGE');
    expect(codeOf(() => parseFrameMessage({ v: 1, kind: 'request', id: 'q', method: 'session', params: { sessionId: '<b>' } }))).to.equal('ERR_BAD_MESSAGE');
  });

  it('accepts a progress event for each known stage', () => {
    for (const stage of PROGRESS_STAGES) {
      expect(parseFrameMessage({ v: 1, kind: 'event', event: 'progress', detail: { stage } })).to.deep.equal({ v: 1, kind: 'event', event: 'progress', detail: { stage } });
    }
  });

  it('refuses a progress event with an unknown stage, a non-string stage, extra or missing detail', () => {
    const progress = (detail: unknown) => ({ v: 1, kind: 'event', event: 'progress', detail });
    for (const detail of [{ stage: 'loaded' }, { stage: 'Loading' }, { stage: 1 }, { stage: ['loading'] }, { stage: 'loading', frame: 3 }, { stage: 'loading', last4: '4242' }, {}, null, 'loading']) {
      expect(codeOf(() => parseFrameMessage(progress(detail)))).to.equal('ERR_BAD_MESSAGE');
    }
    expect(codeOf(() => parseFrameMessage({ v: 1, kind: 'event', event: 'progress' }))).to.equal('ERR_BAD_MESSAGE');
  });
});

describe('OpenPGP in frame requests', () => {
  const armoredMessage = '-----BEGIN PGP MESSAGE-----\n\nwV4DfP8V4QuBxksSAQdA\n=abcd\n-----END PGP MESSAGE-----\n';
  const armoredKey = '-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nxjMEaP8V4RYJKwYBBAHaRw8BAQdA\n-----END PGP PUBLIC KEY BLOCK-----';
  const fingerprint = '2115a3a324cb5d30548fdf1e62ad04921f76b5d7';
  const pin = (encrypted_pin: unknown) => ({ v: 1, kind: 'request', id: 'p', method: 'pin', params: { encrypted_pin, key_id: fingerprint } });
  const card = (public_key: unknown) => ({ v: 1, kind: 'request', id: 'c', method: 'encrypted-card', params: { public_key } });

  it('accepts an armored OpenPGP message as encrypted_pin, with the key fingerprint as key_id', () => {
    expect(parseFrameMessage(pin(armoredMessage))).to.deep.include({ params: { encrypted_pin: armoredMessage, key_id: fingerprint } });
  });

  it('refuses an encrypted_pin that is two blocks, another block type, or has text around the armor', () => {
    expect(codeOf(() => parseFrameMessage(pin(armoredMessage + armoredMessage)))).to.equal('ERR_BAD_MESSAGE');
    expect(codeOf(() => parseFrameMessage(pin(armoredKey)))).to.equal('ERR_BAD_MESSAGE');
    expect(codeOf(() => parseFrameMessage(pin(`${armoredMessage}<script>`)))).to.equal('ERR_BAD_MESSAGE');
    expect(codeOf(() => parseFrameMessage(pin(armoredMessage.replace('wV4', 'w\u0000V4'))))).to.equal('ERR_BAD_MESSAGE');
  });

  it('accepts a frame-held OpenPGP public key for the key-pair reveal and refuses one with extra members or a private block', () => {
    const key = { kty: 'PGP', kid: fingerprint, use: 'enc', pgp: armoredKey };
    expect(parseFrameMessage(card(key))).to.deep.include({ params: { public_key: key } });
    expect(codeOf(() => parseFrameMessage(card({ ...key, d: 'x' })))).to.equal('ERR_BAD_MESSAGE');
    expect(codeOf(() => parseFrameMessage(card({ ...key, kid: 'not-a-fingerprint' })))).to.equal('ERR_BAD_MESSAGE');
    expect(codeOf(() => parseFrameMessage(card({ ...key, pgp: armoredKey.replaceAll('PUBLIC KEY', 'PRIVATE KEY') })))).to.equal('ERR_BAD_MESSAGE');
  });
});

describe('key-pair request nonce', () => {
  const key = { kty: 'EC', crv: 'P-256', x: 'A'.repeat(43), y: 'B'.repeat(43), kid: 'k1', use: 'enc', alg: 'ECDH-ES' };
  const card = (params: Record<string, unknown>) => ({ v: 1, kind: 'request', id: 'c', method: 'encrypted-card', params: { public_key: key, ...params } });

  it('carries a 128-bit base64url nonce with the frame key, and refuses any other nonce', () => {
    expect(parseFrameMessage(card({ nonce: 'AbCdEfGhIjKlMnOpQrSt_-' }))).to.deep.include({ params: { public_key: key, nonce: 'AbCdEfGhIjKlMnOpQrSt_-' } });
    for (const nonce of ['short', 'AbCdEfGhIjKlMnOpQrSt_-x', 'AbCdEfGhIjKlMnOpQrSt+/', 7]) expect(codeOf(() => parseFrameMessage(card({ nonce })))).to.equal('ERR_BAD_MESSAGE');
  });
});

describe('issuer card response', () => {
  const field = { data: 'AAAA', iv: 'BBBB' };
  const card = { id: 'c', expirationMonth: '12', expirationYear: '2030', encryptedPan: field, encryptedCvc: field, pin: field };

  it('picks only the requested fields, from text or parsed JSON', () => {
    expect(parseIssuerCard(card, ['pan', 'expiry'])).to.deep.equal({ pan: field, expiry: { month: 12, year: 2030 } });
    expect(parseIssuerCard(JSON.stringify(card), ['cvc'])).to.deep.equal({ cvc: field });
  });

  it('refuses malformed JSON, missing fields and bad expiry with ERR_MALFORMED_RESPONSE', () => {
    expect(codeOf(() => parseIssuerCard('{"encryptedPan":', ['pan']))).to.equal('ERR_MALFORMED_RESPONSE');
    expect(codeOf(() => parseIssuerCard([card], ['pan']))).to.equal('ERR_MALFORMED_RESPONSE');
    expect(codeOf(() => parseIssuerCard({ ...card, encryptedCvc: null }, ['cvc']))).to.equal('ERR_MALFORMED_RESPONSE');
    expect(codeOf(() => parseIssuerCard({ ...card, encryptedPan: { data: 1, iv: 'x' } }, ['pan']))).to.equal('ERR_MALFORMED_RESPONSE');
    expect(codeOf(() => parseIssuerCard({ ...card, expirationMonth: '13' }, ['expiry']))).to.equal('ERR_MALFORMED_RESPONSE');
  });
});
