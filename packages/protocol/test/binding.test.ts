import { expect } from 'chai';
import { describe, it, thrownCode } from '@cardframe/test-env';
import { ERROR_CODES, parseBindingResult, parseBindingSubmission, parseCardScopes, parseFrameMessage, parseScopedCard, parseSignature } from '../src/index.ts';

const b64u = (n: number): string => 'A'.repeat(n);
const assertionCredential = {
  id: 'Y3JlZA',
  rawId: 'Y3JlZA',
  type: 'public-key',
  response: { clientDataJSON: b64u(40), authenticatorData: b64u(50), signature: b64u(96), userHandle: 'dXNlcg' },
  clientExtensionResults: {},
  authenticatorAttachment: 'platform',
};
const registrationCredential = {
  id: 'Y3JlZA',
  rawId: 'Y3JlZA',
  type: 'public-key',
  response: { clientDataJSON: b64u(40), attestationObject: b64u(300), transports: ['internal'] },
  clientExtensionResults: { credProps: { rk: true } },
};
const statement = 'Sandbox Issuer asks you to authorize access to card card_1 with your passkey.\nNonce: 0123456789abcdef0123456789abcdef\nIssued At: 2026-12-01T00:00:00.000Z\nExpiration Time: 2026-12-01T00:05:00.000Z';
const assertion = { challenge: statement, credential: assertionCredential };
const request = (method: string, params: unknown) => ({ v: 1, kind: 'request', id: 'f1', method, params });
const signature = `0x${'ab'.repeat(65)}`;

describe('binding messages', () => {
  it('has a typed error code for each passkey and wallet failure', () => {
    for (const code of ['ERR_PASSKEY_CANCELLED', 'ERR_PASSKEY_UNSUPPORTED', 'ERR_PASSKEY_TIMEOUT', 'ERR_PASSKEY_UNKNOWN', 'ERR_BINDING_REFUSED', 'ERR_SIGN_REFUSED']) {
      expect(ERROR_CODES).to.include(code);
    }
  });

  it('accepts card, bind and sign-message requests, and bound session, key, device and PIN requests', () => {
    expect(parseFrameMessage(request('card', { scope: ['webauthn'] }))).to.deep.include({ method: 'card', params: { scope: ['webauthn'] } });
    expect(parseFrameMessage(request('bind', { body: { scope: 'webauthn', challenge: statement, credential: registrationCredential } }))).to.deep.include({ method: 'bind' });
    expect(parseFrameMessage(request('bind', { body: { scope: 'webauthn', challenge: statement, credential: assertionCredential, assertion } }))).to.deep.include({ method: 'bind' });
    expect(parseFrameMessage(request('bind', { body: { scope: 'siwe', message: 'example.com wants you to sign in\n\nNonce: abcdefgh12', signature } }))).to.deep.include({ method: 'bind' });
    expect(parseFrameMessage(request('sign-message', { message: 'example.com wants you to sign in' }))).to.deep.include({ method: 'sign-message' });
    const session = parseFrameMessage(request('session', { sessionId: 'QUJD', headers: { 'cardframe-assertion': 'eyJjaGFsbGVuZ2UiOiJ4In0' }, scope: ['provisioning'] }));
    expect(session).to.deep.include({ params: { sessionId: 'QUJD', headers: { 'cardframe-assertion': 'eyJjaGFsbGVuZ2UiOiJ4In0' }, scope: ['provisioning'] } });
    const key = { kty: 'EC', crv: 'P-256', x: b64u(43), y: b64u(43) };
    expect(parseFrameMessage(request('register-device', { public_key: key, assertion }))).to.deep.include({ params: { public_key: key, assertion } });
    expect(parseFrameMessage(request('pin', { encrypted_pin: 'a.b.c.d.e', key_id: 'k1', assertion }))).to.deep.include({ method: 'pin' });
  });

  it('refuses null where a bound request requires a member, so no host callback is handed one', () => {
    const code = (value: unknown) => thrownCode(() => parseFrameMessage(value));
    const key = { kty: 'EC', crv: 'P-256', x: b64u(43), y: b64u(43) };
    expect(code(request('register-device', { public_key: key, assertion: { challenge: null, credential: assertionCredential } }))).to.equal('ERR_BAD_MESSAGE');
    expect(code(request('pin', { encrypted_pin: 'a.b.c.d.e', key_id: 'k1', assertion: { challenge: statement, credential: { ...assertionCredential, id: null } } }))).to.equal('ERR_BAD_MESSAGE');
    expect(code(request('bind', { body: { scope: 'siwe', message: 'example.com wants you to sign in', signature: null } }))).to.equal('ERR_BAD_MESSAGE');
  });

  it('refuses unknown members, registrations where an assertion belongs, and oversized values', () => {
    const code = (value: unknown) => thrownCode(() => parseFrameMessage(value));
    expect(code(request('card', { scope: ['webauthn'], extra: 1 }))).to.equal('ERR_BAD_MESSAGE');
    expect(code(request('session', { sessionId: 'QUJD', headers: { authorization: 'Bearer x' } }))).to.equal('ERR_BAD_MESSAGE');
    expect(code(request('session', { sessionId: 'QUJD', headers: { 'cardframe-assertion': 'not base64url!' } }))).to.equal('ERR_BAD_MESSAGE');
    expect(code(request('session', { sessionId: 'QUJD', scope: ['webauthn'] }))).to.equal('ERR_BAD_MESSAGE');
    expect(code(request('pin', { encrypted_pin: 'a.b.c.d.e', key_id: 'k1', assertion: { challenge: statement, credential: registrationCredential } }))).to.equal('ERR_BAD_MESSAGE');
    expect(code(request('bind', { body: { scope: 'webauthn', challenge: 'x'.repeat(4097), credential: assertionCredential } }))).to.equal('ERR_BAD_MESSAGE');
    expect(code(request('bind', { body: { scope: 'webauthn', challenge: statement, credential: { ...assertionCredential, type: 'password' } } }))).to.equal('ERR_BAD_MESSAGE');
    expect(code(request('bind', { body: { scope: 'webauthn', challenge: statement, credential: { ...registrationCredential, response: { ...registrationCredential.response, transports: Array(9).fill('usb') } } } }))).to.equal('ERR_BAD_MESSAGE');
    expect(code(request('bind', { body: { scope: 'siwe', message: 'm', signature: '0x12' } }))).to.equal('ERR_BAD_MESSAGE');
    expect(code(request('sign-message', { message: 'nul\u0000byte' }))).to.equal('ERR_BAD_MESSAGE');
    expect(thrownCode(() => parseBindingSubmission({ scope: 'webauthn', challenge: statement, credential: { ...assertionCredential, response: { ...assertionCredential.response, cardNumber: '1' } } }, 'body'))).to.equal('ERR_BAD_MESSAGE');
  });

  it('refuses webauthn with siwe, unknown and repeated scopes', () => {
    expect(parseCardScopes(['webauthn', 'provisioning'], 'scope')).to.deep.equal(['webauthn', 'provisioning']);
    expect(thrownCode(() => parseCardScopes(['webauthn', 'siwe'], 'scope'))).to.equal('ERR_BAD_MESSAGE');
    expect(thrownCode(() => parseCardScopes(['openid'], 'scope'))).to.equal('ERR_BAD_MESSAGE');
    expect(thrownCode(() => parseCardScopes(['siwe', 'siwe'], 'scope'))).to.equal('ERR_BAD_MESSAGE');
    expect(thrownCode(() => parseCardScopes([], 'scope'))).to.equal('ERR_BAD_MESSAGE');
  });

  it('checks a wallet signature is 0x and 130 hex digits', () => {
    expect(parseSignature(signature, 's')).to.equal(signature);
    expect(thrownCode(() => parseSignature(`${signature}00`, 's'))).to.equal('ERR_BAD_MESSAGE');
    expect(thrownCode(() => parseSignature('ab'.repeat(65), 's'))).to.equal('ERR_BAD_MESSAGE');
  });
});

describe('passkey registrations as browsers serialise them', () => {
  it('accepts publicKeyAlgorithm as the COSE number PublicKeyCredential.toJSON() gives, and refuses a non-integer or oversized one', () => {
    const withAlgorithm = (publicKeyAlgorithm: unknown) => request('bind', { body: { scope: 'webauthn', challenge: statement, credential: { ...registrationCredential, response: { ...registrationCredential.response, publicKeyAlgorithm } } } });
    expect(parseFrameMessage(withAlgorithm(-7))).to.deep.include({ method: 'bind' });
    expect(parseFrameMessage(withAlgorithm('-257'))).to.deep.include({ method: 'bind' });
    for (const bad of [-7.5, 10_000_000, 'ES256']) expect(thrownCode(() => parseFrameMessage(withAlgorithm(bad)))).to.equal('ERR_BAD_MESSAGE');
  });
});

describe('issuer binding answers, as the frame reads them', () => {
  it('reads the challenge, the passkey hints and provisioning, as text or JSON, ignoring other members', () => {
    const body = { id: 'card_1', challenge: statement, webauthn: { allowCredentials: [{ id: 'Y3JlZA', type: 'public-key', transports: ['internal', 'future-transport'] }], user: { id: 'dXNlcg', name: 'card_1', displayName: 'Card' }, timeout: 60000 }, provisioning: { cardId: 'card_abc123', otp: 'otp_xyz' } };
    const parsed = parseScopedCard(JSON.stringify(body));
    expect(parsed.challenge).to.equal(statement);
    expect(parsed.webauthn?.allowCredentials).to.deep.equal([{ id: 'Y3JlZA', type: 'public-key', transports: ['internal'] }]);
    expect(parsed.provisioning).to.deep.equal({ cardId: 'card_abc123', otp: 'otp_xyz' });
    expect(parseScopedCard({ challenge: statement, webauthn: { allowCredentials: [] } }).webauthn?.allowCredentials).to.deep.equal([]);
  });

  it('refuses an oversized challenge or provisioning object, and hints of the wrong shape, as malformed responses', () => {
    expect(thrownCode(() => parseScopedCard({ challenge: 'x'.repeat(4097) }))).to.equal('ERR_MALFORMED_RESPONSE');
    expect(thrownCode(() => parseScopedCard({ provisioning: { blob: 'x'.repeat(4096) } }))).to.equal('ERR_MALFORMED_RESPONSE');
    expect(thrownCode(() => parseScopedCard({ provisioning: 'card_abc123' }))).to.equal('ERR_MALFORMED_RESPONSE');
    expect(thrownCode(() => parseScopedCard({ webauthn: { allowCredentials: [{ id: 'not base64url!' }] } }))).to.equal('ERR_MALFORMED_RESPONSE');
    expect(thrownCode(() => parseScopedCard({ webauthn: { allowCredentials: [], timeout: 1e9 } }))).to.equal('ERR_MALFORMED_RESPONSE');
    expect(thrownCode(() => parseScopedCard('<html>'))).to.equal('ERR_MALFORMED_RESPONSE');
  });

  it('reads a PATCH / answer and refuses one that says it did not bind', () => {
    expect(parseBindingResult({ bound: true, scope: 'webauthn', credentialId: 'Y3JlZA' }, 'webauthn')).to.deep.equal({ scope: 'webauthn', credentialId: 'Y3JlZA' });
    expect(parseBindingResult({ bound: true, scope: 'siwe', address: `0x${'a'.repeat(40)}` }, 'siwe')).to.deep.equal({ scope: 'siwe', address: `0x${'a'.repeat(40)}` });
    expect(parseBindingResult('', 'siwe')).to.deep.equal({ scope: 'siwe' });
    expect(thrownCode(() => parseBindingResult({ bound: false }, 'webauthn'))).to.equal('ERR_MALFORMED_RESPONSE');
  });
});
