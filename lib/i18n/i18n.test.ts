import { describe, expect, it } from 'vitest';
import { LANGUAGES, substitute, toChromeMessages } from './core';
import { allMessages } from './table';
import { setLanguage, t } from './index';

describe('i18n', () => {
  it('has every message in every shipped language, with the same placeholders', () => {
    for (const [key, entry] of Object.entries(allMessages)) {
      for (const lang of LANGUAGES) {
        expect(entry[lang], `${key} in ${lang}`).toBeTruthy();
        const holders = (s: string) => (s.match(/\$\d/g) ?? []).sort().join();
        expect(holders(entry[lang]), `${key} placeholders in ${lang}`).toBe(holders(entry.en));
      }
    }
  });
  it('renders valid Chrome messages files', () => {
    const es = toChromeMessages(allMessages, 'es');
    expect(es.extName?.message).toBe('Skulink');
    expect(() => toChromeMessages({ 'bad-key': { en: 'x', es: 'x' } }, 'en')).toThrow(/bad-key/);
  });
  it('substitutes placeholders and honours a chosen language', () => {
    expect(substitute('Linked $1 of $2', [3, 10])).toBe('Linked 3 of 10');
    setLanguage('es');
    expect(t('common_close')).toBe('Cerrar');
    setLanguage(undefined);
  });
});
