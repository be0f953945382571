import { expect } from 'chai';
import { describe, it } from '@cardframe/test-env';
import { APPEARANCE_KEYS, BASE64_PATTERN, ID_PATTERN, MAX_SESSION_ID_CHARS, isMessageId, parseFrameMessage, parseHostMessage } from '../src/index.ts';

describe('shared wire patterns', () => {
  it('ID_PATTERN takes 1 to 64 URL-safe characters and nothing else', () => {
    for (const id of ['a', 'Z9_-', 'x'.repeat(64)]) expect(ID_PATTERN.test(id), id).to.equal(true);
    for (const id of ['', 'x'.repeat(65), 'a b', 'a.b', 'a/b', 'a+b', 'a=', 'é', 'a\n']) expect(ID_PATTERN.test(id), JSON.stringify(id)).to.equal(false);
    expect(isMessageId('x'.repeat(64))).to.equal(true);
    expect(isMessageId(42)).to.equal(false);
  });

  it('BASE64_PATTERN takes canonical padded base64 only', () => {
    for (const text of ['', 'AAAA', 'QQ==', 'QUI=', 'QUJD', 'a+/9Zz09', btoa('sixteen byte key')]) expect(BASE64_PATTERN.test(text), text).to.equal(true);
    for (const text of ['A', 'QQ', 'QUI', 'QQ=', 'Q===', 'AAAA==', 'QQ==QQ==', 'QQ-_', 'QQ ==', 'QQ==\n', '<b>']) expect(BASE64_PATTERN.test(text), JSON.stringify(text)).to.equal(false);
  });

  it('a frame session id may be up to MAX_SESSION_ID_CHARS long', () => {
    const session = (sessionId: string) => ({ v: 1, kind: 'request', id: 'q', method: 'session', params: { sessionId } });
    expect(parseFrameMessage(session('A'.repeat(MAX_SESSION_ID_CHARS)))).to.deep.include({ method: 'session' });
    expect(() => parseFrameMessage(session('A'.repeat(MAX_SESSION_ID_CHARS + 4)))).to.throw();
  });

  it('APPEARANCE_KEYS are exactly the appearance parameters configure accepts', () => {
    expect([...APPEARANCE_KEYS]).to.have.members(['theme', 'style', 'locale']);
    const params = { theme: 'dark', style: { base: { color: '#111111' } }, locale: 'de' };
    for (const key of APPEARANCE_KEYS) {
      const configure = { v: 1, kind: 'request', id: 'r1', method: 'configure', params: { [key]: params[key] } };
      expect(parseHostMessage(configure)).to.deep.equal(configure);
    }
  });
});
