import { afterAll, describe, expect, it } from 'vitest';
import { setLanguage } from '@/lib/i18n';
import { reasonText } from './reasons';

afterAll(() => setLanguage(undefined));

describe('reasonText', () => {
  it("says every reason the assignment adds in the seller's language, with its figures", () => {
    setLanguage('es');
    expect(reasonText({ code: 'catalog-twin', params: { count: 2 }, text: 'identical to 2 other product(s) in the catalog' })).toBe(
      'idéntico a 2 producto(s) más del catálogo: ¿un duplicado?',
    );
    expect(reasonText({ code: 'claimed-by-other', params: { listing: 'x' }, text: 'another listing matches this product better' })).toMatch(/^otro anuncio/);
    setLanguage('en');
    expect(reasonText({ code: 'catalog-twin', params: { count: 1 }, text: '' })).toBe('identical to 1 other product(s) in the catalog: a duplicate?');
  });

  it("falls back to the engine's English text for a code it does not know", () => {
    setLanguage('es');
    expect(reasonText({ code: 'brand-new-signal', text: 'something new' })).toBe('something new');
  });
});
