import { expect } from 'chai';
import fc from 'fast-check';
import { describe, it } from '@cardframe/test-env';
import { CardframeError, MAX_MESSAGE_CHARS, parseFrameMessage, parseHostMessage, parseIssuerCard } from '../../src/index.ts';

/** Either a typed error with `code`, or a value. Anything else thrown fails the property. */
function outcome<T>(fn: () => T, code: string): { ok: true; value: T } | { ok: false } {
  try {
    return { ok: true, value: fn() };
  } catch (error) {
    if (!(error instanceof CardframeError) || error.code !== code) throw error;
    return { ok: false };
  }
}

const valid = [
  { v: 1, kind: 'request', id: 'h1', method: 'configure', params: { flow: 'reveal', fields: ['pan', 'cvc'], mode: 'key-pair' } },
  { v: 1, kind: 'request', id: 'h2', method: 'hide', params: {} },
  { v: 1, kind: 'reply', id: 'f1', ok: true, result: { body: '{"encryptedPan":{"data":"AA==","iv":"AA=="}}' } },
  { v: 1, kind: 'reply', id: 'f1', ok: false, error: { code: 'ERR_ISSUER_REQUEST', message: 'x', status: 400, issuerCode: 'retired_key' } },
];

/** A valid message with one value somewhere replaced, removed or added. */
const mutated = fc.tuple(fc.constantFrom(...valid), fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }), fc.anything({ maxDepth: 3 }), fc.boolean()).map(([message, path, value, remove]) => {
  const copy = structuredClone(message) as Record<string, unknown>;
  let node: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null) break;
    node = next as Record<string, unknown>;
  }
  const last = path[path.length - 1] ?? 'extra';
  if (remove) delete node[last];
  else node[last] = value;
  return copy;
});

describe('protocol validators under fuzzing', () => {
  it('parseHostMessage returns a re-validating message or throws ERR_BAD_MESSAGE, for any input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything({ maxDepth: 4 }), mutated, fc.json().map((text) => JSON.parse(text) as unknown)), (input) => {
        const result = outcome(() => parseHostMessage(input), 'ERR_BAD_MESSAGE');
        if (result.ok) {
          expect(parseHostMessage(result.value)).to.deep.equal(result.value);
          expect(JSON.stringify(result.value).length).to.be.at.most(MAX_MESSAGE_CHARS);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('parseFrameMessage returns a re-validating message or throws ERR_BAD_MESSAGE, for any input', () => {
    const frameValid = fc.constantFrom(
      { v: 1, kind: 'event', event: 'ready', detail: { fields: ['pan'] } },
      { v: 1, kind: 'event', event: 'change', detail: { complete: true, valid: false, error: 'ERR_PIN_TRIVIAL' } },
      { v: 1, kind: 'request', id: 'f2', method: 'session', params: { sessionId: 'AAAA' } },
      { v: 1, kind: 'request', id: 'f3', method: 'pin', params: { encrypted_pin: 'a.b.c.d.e', key_id: 'k' } },
    );
    fc.assert(
      fc.property(fc.oneof(fc.anything({ maxDepth: 4 }), frameValid, fc.tuple(frameValid, fc.string(), fc.anything({ maxDepth: 2 })).map(([m, k, v]) => ({ ...m, [k]: v }))), (input) => {
        const result = outcome(() => parseFrameMessage(input), 'ERR_BAD_MESSAGE');
        if (result.ok) expect(parseFrameMessage(result.value)).to.deep.equal(result.value);
      }),
      { numRuns: 2000 },
    );
  });

  it('never echoes input text in a validation error', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{13,19}$/), (pan) => {
        for (const input of [{ ...valid[0], params: { fields: [pan] } }, { ...valid[0], id: pan + '!' }, { [pan]: 1 }]) {
          try {
            parseHostMessage(input);
          } catch (error) {
            expect((error as Error).message).to.not.contain(pan);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('parseIssuerCard returns only the requested fields or throws ERR_MALFORMED_RESPONSE', () => {
    const field = fc.record({ data: fc.string(), iv: fc.string() }, { requiredKeys: [] });
    const card = fc.record(
      { encryptedPan: fc.oneof(field, fc.anything()), encryptedCvc: fc.oneof(field, fc.anything()), pin: fc.oneof(field, fc.anything()), expirationMonth: fc.oneof(fc.integer(), fc.string()), expirationYear: fc.oneof(fc.integer(), fc.string()) },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(card, fc.anything(), card.map((c) => JSON.stringify(c)), fc.string()), fc.subarray(['pan', 'cvc', 'expiry', 'pin'] as const, { minLength: 1 }), (body, fields) => {
        const result = outcome(() => parseIssuerCard(body as never, fields), 'ERR_MALFORMED_RESPONSE');
        if (result.ok) expect(Object.keys(result.value).sort()).to.deep.equal([...fields].sort());
      }),
      { numRuns: 2000 },
    );
  });
});
