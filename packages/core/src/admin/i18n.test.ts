import { describe, expect, it } from 'vitest';
import { pickLanguage, translator } from './i18n.js';

describe('pickLanguage', () => {
  it('prefers ?lang=, then the remembered choice, then Accept-Language, then English', () => {
    expect(pickLanguage('fr', 'en', 'en')).toBe('fr');
    expect(pickLanguage(null, 'fr', 'en')).toBe('fr');
    expect(pickLanguage('de', undefined, 'fr-FR,fr;q=0.9')).toBe('fr');
    expect(pickLanguage(null, undefined, null)).toBe('en');
    expect(pickLanguage(null, 'xx', 'de-DE')).toBe('en');
  });

  it('weighs Accept-Language by q among the two languages it has', () => {
    expect(pickLanguage(null, undefined, 'de;q=1, en;q=0.4, fr;q=0.8')).toBe('fr');
    expect(pickLanguage(null, undefined, 'fr;q=0, en-GB')).toBe('en');
  });
});

describe('translator', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translator('en')('savedTitle', { revision: 7 })).toBe('Settings saved: revision 7.');
    expect(translator('fr')('savedTitle', { revision: 7 })).toBe('Réglages enregistrés : version 7.');
    expect(translator('en')('savedTitle')).toBe('Settings saved: revision {revision}.');
  });
});
