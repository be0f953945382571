import { expect } from 'chai';
import fc from 'fast-check';
import { describe, it } from '@cardframe/test-env';
import { CardframeError, FIELD_NAMES, FLOW_NAMES, HIDE_REASONS, REVEAL_MODES, REVEAL_VIEWS, parseHostMessage } from '../../src/index.ts';

const configure = (params: unknown) => ({ v: 1, kind: 'request', id: 'c1', method: 'configure', params });

const KNOWN_KEYS = ['flow', 'fields', 'mode', 'view', 'group', 'last4', 'autoHideSeconds', 'hideOnBlur', 'theme', 'style', 'locale'] as const;

/** A value that is sometimes valid for `key` and often nearly so. */
function valueFor(key: (typeof KNOWN_KEYS)[number]): fc.Arbitrary<unknown> {
  const junk = fc.anything({ maxDepth: 2 });
  const fields = fc.oneof(fc.subarray([...FIELD_NAMES]), fc.array(fc.oneof(fc.constantFrom(...FIELD_NAMES), fc.string({ maxLength: 6 })), { maxLength: 5 }));
  switch (key) {
    case 'flow':
      return fc.oneof(fc.constantFrom(...FLOW_NAMES), junk);
    case 'mode':
      return fc.oneof(fc.constantFrom(...REVEAL_MODES), junk);
    case 'view':
      return fc.oneof(fc.constantFrom(...REVEAL_VIEWS), fc.string({ maxLength: 8 }), junk);
    case 'fields':
      return fc.oneof(fields, junk);
    case 'group':
      return fc.oneof(
        fc.record({ id: fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{14,66}$/), fc.string({ minLength: 16, maxLength: 20 }), junk), fields: fc.oneof(fields, junk) }, { requiredKeys: [] }),
        fc.record({ id: fc.stringMatching(/^[A-Za-z0-9_-]{16,64}$/), fields, extra: junk }),
        junk,
      );
    case 'last4':
      return fc.oneof(fc.stringMatching(/^[0-9]{3,5}$/), fc.string({ maxLength: 5 }), junk);
    case 'autoHideSeconds':
      return fc.oneof(fc.integer({ min: -2, max: 86_402 }), fc.double(), fc.constantFrom(0, 1, 1.5, 86_400, 86_401, -0), junk);
    case 'hideOnBlur':
      return fc.oneof(fc.boolean(), junk);
    case 'theme':
      return fc.oneof(fc.constantFrom('light', 'dark', 'auto'), junk);
    case 'locale':
      return fc.oneof(fc.constantFrom('en', 'de-CH', 'ar'), fc.string({ maxLength: 40 }), junk);
    case 'style':
      return fc.oneof(fc.dictionary(fc.string({ maxLength: 6 }), junk, { maxKeys: 3 }), junk);
  }
}

/** Params objects made of known keys with plausible or hostile values, plus now and then an unknown key. */
const params = fc
  .tuple(
    fc.record(Object.fromEntries(KNOWN_KEYS.map((key) => [key, valueFor(key)])) as Record<(typeof KNOWN_KEYS)[number], fc.Arbitrary<unknown>>, { requiredKeys: [] }),
    fc.option(fc.tuple(fc.string({ maxLength: 8 }), fc.anything({ maxDepth: 2 })), { freq: 4 }),
  )
  .map(([known, extra]) => (extra ? { ...known, [extra[0]]: extra[1] } : known));

const isPlainObject = (value: unknown): boolean => typeof value === 'object' && value !== null && !Array.isArray(value);

describe('configure parameters under fuzzing', () => {
  it('parseHostMessage accepts or throws a CardframeError, ERR_BAD_MESSAGE unless the style alone is not an object', () => {
    fc.assert(
      fc.property(fc.oneof({ weight: 4, arbitrary: params }, { weight: 1, arbitrary: fc.anything({ maxDepth: 3 }) }), (input) => {
        let parsed;
        try {
          parsed = parseHostMessage(configure(input));
        } catch (error) {
          expect(error).to.be.instanceOf(CardframeError);
          const code = (error as CardframeError).code;
          // A style that is not an object is refused as a style, so the element can retry without it.
          const style = isPlainObject(input) ? (input as Record<string, unknown>)['style'] : undefined;
          if (code === 'ERR_STYLE_REFUSED') expect(style !== undefined && !isPlainObject(style), 'ERR_STYLE_REFUSED for a style object').to.equal(true);
          else expect(code).to.equal('ERR_BAD_MESSAGE');
          return;
        }
        // What it accepts re-validates to the same, and keeps only known keys.
        expect(parseHostMessage(parsed)).to.deep.equal(parsed);
        const out = (parsed as { params: Record<string, unknown> }).params;
        for (const key of Object.keys(out)) expect(KNOWN_KEYS as readonly string[]).to.include(key);
        if (out['autoHideSeconds'] !== undefined) expect(Number.isInteger(out['autoHideSeconds']) && (out['autoHideSeconds'] as number) >= 1 && (out['autoHideSeconds'] as number) <= 86_400).to.equal(true);
        if (out['last4'] !== undefined) expect(out['last4']).to.match(/^[0-9]{4}$/);
      }),
      { numRuns: 3000 },
    );
  });

  it('accepts, unchanged, every params object built only from valid values', () => {
    const valid = fc.record(
      {
        flow: fc.constantFrom(...FLOW_NAMES),
        fields: fc.subarray([...FIELD_NAMES], { minLength: 1 }),
        mode: fc.constantFrom(...REVEAL_MODES),
        view: fc.constantFrom(...REVEAL_VIEWS),
        group: fc.record({ id: fc.stringMatching(/^[A-Za-z0-9_-]{16,64}$/), fields: fc.subarray([...FIELD_NAMES], { minLength: 1 }) }),
        last4: fc.stringMatching(/^[0-9]{4}$/),
        autoHideSeconds: fc.integer({ min: 1, max: 86_400 }),
        hideOnBlur: fc.boolean(),
        theme: fc.constantFrom('light', 'dark', 'auto'),
        locale: fc.constantFrom('en', 'de', 'de-CH', 'ar', 'en-GB'),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(valid, (input) => {
        expect((parseHostMessage(configure(input)) as { params: unknown }).params).to.deep.equal(input);
      }),
      { numRuns: 1000 },
    );
  });
});
