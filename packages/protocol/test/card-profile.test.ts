import { expect } from 'chai';
import fc from 'fast-check';
import { describe, it, thrownCode as codeOf } from '@cardframe/test-env';
import { parseFrameMessage, parseIssuerCard, readCardProfile, type ProfileMapping } from '../src/index.ts';

const field = { data: 'AAAA', iv: 'BBBB' };
const sealed = { encryptedPan: field, encryptedCvc: field, pin: field };
const DEC_2030 = { month: 12, year: 2030 };
const MAR_2029 = { month: 3, year: 2029 };

/** Issuer answers that speak seed 001 with the profile spelt their own way, and the expiry each means. */
const EXPIRY_SHAPES: [string, Record<string, unknown>, { month: number; year: number }][] = [
  ['flat strings (the demo issuer)', { expirationMonth: '12', expirationYear: '2030' }, DEC_2030],
  ['flat numbers', { expirationMonth: 12, expirationYear: 2030 }, DEC_2030],
  ['flat, two-digit year', { expirationMonth: 3, expirationYear: 29 }, MAR_2029],
  ['flat, two-digit year as text', { expirationMonth: '03', expirationYear: '29' }, MAR_2029],
  ['expiryMonth/expiryYear', { expiryMonth: 12, expiryYear: '30' }, DEC_2030],
  ['expMonth/expYear', { expMonth: '3', expYear: 2029 }, MAR_2029],
  ['exp_month/exp_year', { exp_month: 12, exp_year: 2030 }, DEC_2030],
  ['expiration: {month, year}', { expiration: { month: 12, year: 30 } }, DEC_2030],
  ['expiry: {month, year} as text', { expiry: { month: '03', year: '2029' } }, MAR_2029],
  ['expirationDate: {month, year}', { expirationDate: { month: 12, year: 2030 } }, DEC_2030],
  ['expiry "MM/YY"', { expiry: '12/30' }, DEC_2030],
  ['expiry "MM/YYYY"', { expiry: '12/2030' }, DEC_2030],
  ['expiry "M/YY"', { expiry: '3/29' }, MAR_2029],
  ['expirationDate "YYYY-MM"', { expirationDate: '2030-12' }, DEC_2030],
  ['expirationDate as an ISO date', { expirationDate: '2029-03-31' }, MAR_2029],
  ['expiry "MM-YYYY"', { expiry: '03-2029' }, MAR_2029],
  ['nested in card, as in seed 001\'s schema', { card: { expiration: { month: 12, year: 30 }, lastFour: '4242' } }, DEC_2030],
  ['nested in card, flat inside', { card: { expirationMonth: '03', expirationYear: '2029' } }, MAR_2029],
  ['nested in profile', { profile: { expiry: '12/30' } }, DEC_2030],
  ['top level before a nested card', { expirationMonth: 12, expirationYear: 2030, card: { expiry: '03/29' } }, DEC_2030],
];

/** Profiles with no readable expiry, and the reason the frame gives. */
const NO_EXPIRY: [string, Record<string, unknown>, 'ERR_PROFILE_MISSING' | 'ERR_PROFILE_MALFORMED'][] = [
  ['no expiry at all', { id: 'c', last4: '4242' }, 'ERR_PROFILE_MISSING'],
  ['expiry under an unknown name', { validThru: '12/30' }, 'ERR_PROFILE_MISSING'],
  ['month without year', { expirationMonth: 12 }, 'ERR_PROFILE_MALFORMED'],
  ['month 13', { expirationMonth: '13', expirationYear: '2030' }, 'ERR_PROFILE_MALFORMED'],
  ['month 0', { expiration: { month: 0, year: 30 } }, 'ERR_PROFILE_MALFORMED'],
  ['a three-digit year', { expiry: { month: 12, year: 230 } }, 'ERR_PROFILE_MALFORMED'],
  ['a fractional month', { expMonth: 1.5, expYear: 2030 }, 'ERR_PROFILE_MALFORMED'],
  ['a year before 2000', { expirationMonth: 12, expirationYear: 1999 }, 'ERR_PROFILE_MALFORMED'],
  ['free text', { expiry: 'December 2030' }, 'ERR_PROFILE_MALFORMED'],
  ['an array', { expiration: [12, 30] }, 'ERR_PROFILE_MALFORMED'],
  ['null', { expiry: null }, 'ERR_PROFILE_MALFORMED'],
  ['a boolean', { expirationMonth: true, expirationYear: true }, 'ERR_PROFILE_MALFORMED'],
  ['only inherited members', JSON.parse('{"__proto__": {"expirationMonth": 12, "expirationYear": 2030}}') as Record<string, unknown>, 'ERR_PROFILE_MISSING'],
];

describe('card profile: every reasonable spelling of seed 001\'s expiry and last four', () => {
  for (const [name, profile, expiry] of EXPIRY_SHAPES) {
    it(`reads the expiry from ${name}`, () => {
      expect(readCardProfile(profile).expiry).to.deep.equal(expiry);
      expect(parseIssuerCard({ ...sealed, ...profile } as never, ['pan', 'expiry', 'cvc'])).to.deep.equal({ pan: field, expiry, cvc: field });
    });
  }

  for (const [name, profile, code] of NO_EXPIRY) {
    it(`marks the expiry unavailable (${code}) for ${name}, and still gives the encrypted fields`, () => {
      expect(readCardProfile(profile).expiry).to.deep.equal({ unavailable: code });
      expect(parseIssuerCard({ ...sealed, ...profile } as never, ['pan', 'expiry', 'cvc'])).to.deep.equal({ pan: field, expiry: { unavailable: code }, cvc: field });
    });
  }

  it('reads last four flat, nested, as text or a number, and marks it unavailable otherwise', () => {
    const cases: [Record<string, unknown>, unknown][] = [
      [{ last4: '4242' }, '4242'],
      [{ lastFour: '0005' }, '0005'],
      [{ last_four: 5 }, '0005'],
      [{ card: { lastFour: '4444' } }, '4444'],
      [{ profile: { last4: '1881' } }, '1881'],
      [{}, { unavailable: 'ERR_PROFILE_MISSING' }],
      [{ last4: '42424' }, { unavailable: 'ERR_PROFILE_MALFORMED' }],
      [{ last4: '42a2' }, { unavailable: 'ERR_PROFILE_MALFORMED' }],
    ];
    for (const [profile, last4] of cases) expect(readCardProfile(profile).last4, JSON.stringify(profile)).to.deep.equal(last4);
  });

  it('reads an issuer\'s own names at the paths the frame config maps, and only there', () => {
    const card = { data: { validThru: { mm: '03', yyyy: 2029 }, digits: { tail: '0005' } }, expirationMonth: 12, expirationYear: 2030 };
    const mapping: ProfileMapping = { expiryMonth: 'data.validThru.mm', expiryYear: 'data.validThru.yyyy', last4: 'data.digits.tail' };
    expect(readCardProfile(card, mapping)).to.deep.equal({ expiry: MAR_2029, last4: '0005' });
    expect(readCardProfile({ x: { y: '2030-12' } }, { expiry: 'x.y' }).expiry).to.deep.equal(DEC_2030);
    expect(readCardProfile({ x: { y: { month: 12, year: 30 } } }, { expiry: 'x.y' }).expiry).to.deep.equal(DEC_2030);
    // Mapped and absent: missing, even though a known spelling is present elsewhere.
    expect(readCardProfile({ expirationMonth: 12, expirationYear: 2030 }, { expiry: 'validThru' }).expiry).to.deep.equal({ unavailable: 'ERR_PROFILE_MISSING' });
    expect(readCardProfile({ validThru: 'soon' }, { expiry: 'validThru' }).expiry).to.deep.equal({ unavailable: 'ERR_PROFILE_MALFORMED' });
    // A path walks own members only.
    expect(readCardProfile({}, { expiry: 'constructor.name' }).expiry).to.deep.equal({ unavailable: 'ERR_PROFILE_MISSING' });
  });

  it('still refuses an answer whose requested fields are all unreadable, and any malformed encrypted field', () => {
    expect(codeOf(() => parseIssuerCard({ ...sealed }, ['expiry']))).to.equal('ERR_MALFORMED_RESPONSE');
    expect(codeOf(() => parseIssuerCard({ expiry: '12/30', encryptedCvc: field }, ['pan', 'expiry']))).to.equal('ERR_MALFORMED_RESPONSE');
    expect(codeOf(() => parseIssuerCard({ expiry: '12/30', encryptedPan: { data: 'A', iv: 2 } }, ['expiry', 'pan']))).to.equal('ERR_MALFORMED_RESPONSE');
  });

  it('reads any expiry written in any supported shape back as the same month and year (property)', () => {
    const shapes = (m: number, y: number): Record<string, unknown>[] => {
      const mm = String(m).padStart(2, '0');
      const yy = String(y % 100).padStart(2, '0');
      return [
        { expirationMonth: m, expirationYear: y },
        { expiryMonth: mm, expiryYear: yy },
        { exp_month: String(m), exp_year: String(y) },
        { expiration: { month: m, year: y % 100 } },
        { card: { expiry: { month: mm, year: String(y) } } },
        { expirationDate: `${y}-${mm}` },
        { expiry: `${mm}/${yy}` },
        { profile: { expiry: `${m}/${y}` } },
      ];
    };
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 2000, max: 2099 }), fc.nat({ max: 7 }), (m, y, i) => {
        expect(readCardProfile(shapes(m, y)[i]!).expiry).to.deep.equal({ month: m, year: y });
      }),
      { numRuns: 500 },
    );
  });

  it('never throws and never returns an invalid expiry, whatever the profile holds (property)', () => {
    const value = fc.oneof(fc.integer(), fc.string({ maxLength: 12 }), fc.double(), fc.constant(null), fc.anything({ maxDepth: 2 }));
    const profile = fc.dictionary(fc.constantFrom('expirationMonth', 'expirationYear', 'expiry', 'expiration', 'expMonth', 'expYear', 'card', 'last4', 'lastFour'), value);
    fc.assert(
      fc.property(fc.oneof(profile, fc.record({ card: profile })), (card) => {
        const { expiry, last4 } = readCardProfile(card);
        if ('unavailable' in expiry) expect(expiry.unavailable).to.be.oneOf(['ERR_PROFILE_MISSING', 'ERR_PROFILE_MALFORMED']);
        else expect(expiry.month >= 1 && expiry.month <= 12 && expiry.year >= 2000 && expiry.year <= 2999).to.equal(true);
        if (typeof last4 === 'string') expect(last4).to.match(/^[0-9]{4}$/);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('reveal event with unavailable fields', () => {
  const reveal = (detail: unknown) => ({ v: 1, kind: 'event', event: 'reveal', detail });

  it('carries which fields were unavailable and why, and nothing else', () => {
    const detail = { fields: ['pan', 'cvc'], unavailable: [{ field: 'expiry', code: 'ERR_PROFILE_MISSING' }] };
    expect(parseFrameMessage(reveal(detail))).to.deep.include({ detail });
    // A field frame whose one field is unavailable.
    expect(parseFrameMessage(reveal({ fields: [], unavailable: [{ field: 'expiry', code: 'ERR_PROFILE_MALFORMED' }] }))).to.deep.include({ event: 'reveal' });
    for (const bad of [
      { fields: [] },
      { fields: ['pan'], unavailable: [] },
      { fields: ['pan'], unavailable: [{ field: 'expiry', code: 'ERR_PROFILE_MISSING', value: '12/30' }] },
      { fields: ['pan'], unavailable: [{ field: 'expiry', code: 'ERR_DECRYPT_FAILED' }] },
      { fields: ['pan'], unavailable: [{ field: 'name', code: 'ERR_PROFILE_MISSING' }] },
      { fields: ['pan'], unavailable: [{ field: 'expiry', code: 'ERR_PROFILE_MISSING' }, { field: 'expiry', code: 'ERR_PROFILE_MALFORMED' }] },
    ]) {
      expect(codeOf(() => parseFrameMessage(reveal(bad))), JSON.stringify(bad)).to.equal('ERR_BAD_MESSAGE');
    }
  });
});
