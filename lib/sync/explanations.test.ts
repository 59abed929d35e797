import { describe, expect, it } from 'vitest';
import { EXPLANATIONS, explain, explanationKey } from './explanations';
import { buildLogRow } from './logger';

describe('explanations', () => {
  it('has complete English and Spanish text for every code', () => {
    for (const [code, e] of Object.entries(EXPLANATIONS)) {
      for (const lang of ['en', 'es'] as const) {
        expect(e[lang].title, `${code}.${lang}`).not.toBe('');
        expect(e[lang].explanation, `${code}.${lang}`).not.toBe('');
        expect(e[lang].fix, `${code}.${lang}`).not.toBe('');
      }
    }
  });
  it('covers the codes sellers meet most', () => {
    for (const code of ['90220', '99022', '8541', '8572', '5665', 'http_429', 'invalid_grant', 'merchant_suggested_asin', 'restricted_brand', 'externally_assigned_product_identifier']) {
      expect(explanationKey(code)).toBe(code);
    }
  });
  it('recognises codes hidden in messages and fills placeholders in the seller language', () => {
    expect(explanationKey('4000001', 'The seller is not allowed to list products under the restricted brand')).toBe('restricted_brand');
    expect(explanationKey('http_503')).toBe('http_5xx');
    expect(explanationKey('zzz')).toBe('unknown');
    const es = explain('90220', 'es', { attribute: 'item_name' });
    expect(es.explanation).toContain("'item_name'");
    expect(es.title).toBe('Falta un atributo obligatorio');
    expect(explain('90220', 'hu', { attribute: 'x' }).title).toBe('Required attribute missing');
  });
  it('builds log rows with the explanation resolved', () => {
    const row = buildLogRow({ subjectType: 'order', subjectId: '111', code: 'sku_not_linked', params: { sku: 'A-1' } }, { at: 1, accountId: 'acc', language: 'es' });
    expect(row).toMatchObject({ level: 'error', subjectType: 'order', subjectId: '111', code: 'sku_not_linked', language: 'es' });
    expect(row.explanation).toContain("'A-1'");
  });
});
