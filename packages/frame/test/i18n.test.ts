import { expect } from 'chai';
import { describe, it } from '@cardframe/test-env';
import { ar } from '../src/i18n/ar.ts';
import { LANGUAGE_TAGS, resolveLocale } from '../src/i18n/catalogue.ts';
import { de } from '../src/i18n/de.ts';
import { en, fill, type Translation } from '../src/i18n/en.ts';
import { enPin } from '../src/i18n/en-pin.ts';

/** Every `path = text` pair of a catalogue. */
function entries(messages: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(messages)) {
    if (typeof value === 'object' && value !== null) for (const [k, v] of entries(value, `${prefix}${key}.`)) out.set(k, v);
    else out.set(`${prefix}${key}`, value as string);
  }
  return out;
}

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

const CATALOGUES: Record<string, Translation> = { de, ar };

describe('message catalogue', () => {
  for (const [tag, messages] of Object.entries(CATALOGUES)) {
    it(`${tag} has every English key, each a non-empty text with the same placeholders`, () => {
      // English's PIN texts are their own module (they load with PIN entry, not with every frame).
      const english = entries({ ...en, pin: enPin });
      const translated = entries(messages);
      expect([...translated.keys()].sort()).to.deep.equal([...english.keys()].sort());
      for (const [key, text] of english) {
        expect(translated.get(key), `${tag} ${key}`).to.be.a('string').and.not.equal('');
        expect(placeholders(translated.get(key)!), `${tag} ${key}`).to.deep.equal(placeholders(text));
      }
    });
  }

  it('offers English, German and Arabic, and Arabic reads right to left', () => {
    expect(LANGUAGE_TAGS).to.have.members(['en', 'de', 'ar']);
    expect([en.dir, de.dir, ar.dir]).to.deep.equal(['ltr', 'ltr', 'rtl']);
  });

  it('gives German texts for de and for a regional German tag', async () => {
    for (const tag of ['de', 'de-CH', 'DE-at']) {
      const locale = await resolveLocale(tag);
      expect(locale.tag, tag).to.equal('de');
      expect(locale.messages.card.reveal).to.equal('Kartendaten anzeigen');
    }
  });

  it('falls back to English for a language it has no texts for, and by default', async () => {
    for (const tag of ['fr', 'zh-Hant-TW', 'toString', '__proto__', undefined]) {
      const locale = await resolveLocale(tag);
      expect(locale.tag, String(tag)).to.equal('en');
      expect(locale.messages).to.equal(en);
    }
  });

  it('keeps English PIN texts out of the catalogue every frame loads; PIN entry has them', () => {
    expect(en).to.not.have.property('pin');
    expect(enPin.submit).to.equal('Set PIN');
  });

  it('fills placeholders and leaves unknown ones as written', () => {
    expect(fill(de.pin.digitsRange, { min: 4, max: 6 })).to.equal('4 bis 6 Ziffern');
    expect(fill('{label} {nope}', { label: 'PIN' })).to.equal('PIN {nope}');
  });
});
