import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { maskValue, secretPattern } from '../../src/values.ts';

const PAN = '4242424242424242';

describe('secretPattern', () => {
  it('finds a PAN however it is grouped or separated', () => {
    const pan = secretPattern(PAN);
    for (const text of [
      'PAN 4242424242424242.',
      '<p>4242 4242 4242 4242</p>',
      '4242-4242-4242-4242',
      '4242\u00a04242\u00a04242\u00a04242',
      '{"pan":"4242 4242 4242 4242"}',
      'card=4242%204242%204242%204242',
      'card=4242+4242+4242+4242',
      'n=4242424242424242&x=1',
    ]) {
      assert.equal(pan.test(text), true, text);
    }
  });

  it('finds a PAN given grouped, and its base64 text', () => {
    assert.equal(secretPattern('4242 4242 4242 4242').test('x 4242424242424242 y'), true);
    assert.equal(secretPattern(PAN).test(`token ${Buffer.from(PAN).toString('base64')}`), true);
    assert.equal(secretPattern(PAN).test(`token ${Buffer.from('4242 4242 4242 4242').toString('base64url')}`), true);
  });

  it('does not see a PAN inside a longer digit run, in its last four, or in ciphertext', () => {
    const pan = secretPattern(PAN);
    assert.equal(pan.test('94242424242424242'), false);
    assert.equal(pan.test('42424242424242421'), false);
    assert.equal(pan.test('card ending 4242'), false);
    assert.equal(pan.test('{"encryptedPan":{"data":"q83vEjRWeJq8/+0=","iv":"AAECAwQFBgcICQoL"}}'), false);
  });

  it('matches a short value only as a token of its own', () => {
    const cvc = secretPattern('739');
    assert.equal(cvc.test('{"cvc":"739"}'), true);
    assert.equal(cvc.test('CVC: 739'), true);
    assert.equal(cvc.test('port 17392'), false);
    assert.equal(cvc.test('ab739cd'), false);
    assert.equal(cvc.test('iv=Zm9v/739+AA'), false);
  });

  it('masks values for messages without printing them', () => {
    assert.equal(maskValue(PAN), '42…4242');
    assert.equal(maskValue('739'), '•••');
    assert.equal(secretPattern(PAN).label, '42…4242');
    assert.throws(() => secretPattern('  '), /empty/);
  });
});
