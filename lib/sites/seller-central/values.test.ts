import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../../tests/fixtures/seller-central/load.ts';
import { classifyFulfillment, classifyLabel, matchesLabel, normalizeLabel } from './labels.ts';
import { cssString, decodeLegacyRowId, encodeLegacyRowId, parseDecimal, parseInteger, safeJsonObject } from './values.ts';

describe('parseDecimal', () => {
  it.each([
    ['55,00', ',', 55], ['1.234,56', ',', 1234.56], ['1.234,56 €', ',', 1234.56], ['19,9', ',', 19.9], ['0,99', ',', 0.99],
    ['55.00', ',', 55], ['1.234', ',', 1234], ['1 234,56\u00a0€', ',', 1234.56], ['1\u202f234,56', ',', 1234.56],
    ['$1,234.56', '.', 1234.56], ['55.00', '.', 55], ['1,234', '.', 1234], ['￥1,980', '.', 1980], ['12800', '.', 12800],
    ['1,234,567.89', '.', 1234567.89], ['55,00', '.', 55], ['.5', '.', 0.5],
  ] as const)('%s (%s) → %d', (text, dec, n) => {
    expect(parseDecimal(text, dec)).toBe(n);
  });
  it.each([[''], ['—'], ['$'], [null], [undefined], ['-']])('%s → undefined', (text) => {
    expect(parseDecimal(text, ',')).toBeUndefined();
  });
});

describe('parseInteger', () => {
  it.each([['25', 25], ['1,234', 1234], ['1.234', 1234], ['Stückzahl: 2', 2], ['12.0', 12], ['0', 0], ['1\u00a0500', 1500], ['１２', 12]] as const)('%s → %d', (t, n) => {
    expect(parseInteger(t)).toBe(n);
  });
  it('undefined without digits', () => {
    expect(parseInteger('—')).toBeUndefined();
    expect(parseInteger(null)).toBeUndefined();
  });
});

describe('legacy row ids', () => {
  const skus = ['KDL-40V4100', 'A=B', `O'Brien "Deluxe"`, 'ハンドクリーム-01', 'BOX 12/3 .v2', 'x', 'Kessel/Chef 8" Knife', 'HOP-Ü=1'];
  it.each(skus)('round-trips %s', (sku) => {
    const id = encodeLegacyRowId(sku);
    expect(id).not.toContain('=');
    expect(decodeLegacyRowId(id)).toBe(sku);
  });
  it('writes padding as _e', () => {
    expect(encodeLegacyRowId('x')).toBe('eA_e_e');
  });
  it.each(['row-7', 'head-row', '', 'abcd', '////', 'AAAA', '_e_e'])('rejects %s', (id) => {
    expect(decodeLegacyRowId(id)).toBeUndefined();
  });
});

describe('safeJsonObject', () => {
  it('parses objects and rejects the rest without throwing', () => {
    expect(safeJsonObject('{"sku":"A"}')).toEqual({ sku: 'A' });
    expect(safeJsonObject('{"sku":"A"')).toBeUndefined();
    expect(safeJsonObject('[1]')).toBeUndefined();
    expect(safeJsonObject('null')).toBeUndefined();
    expect(safeJsonObject(undefined)).toBeUndefined();
  });
});

describe('cssString', () => {
  it('builds attribute selectors that match awkward values exactly', () => {
    const values = [`O'Brien "Deluxe"`, 'a\\b', 'BOX 12/3 .v2', 'A=B', 'ハンドクリーム-01', 'x]y'];
    const doc = parseDocument('<!doctype html><body></body>');
    for (const v of values) {
      const el = doc.createElement('div');
      el.setAttribute('data-sku', v);
      doc.body.append(el);
    }
    for (const v of values) expect(doc.querySelector(`[data-sku=${cssString(v)}]`)?.getAttribute('data-sku')).toBe(v);
  });
});

describe('labels', () => {
  it('normalizes case, width, spaces and trailing colons', () => {
    expect(normalizeLabel('  Stückzahl : ')).toBe('stückzahl');
    expect(normalizeLabel('ＳＫＵ：')).toBe('sku');
  });
  it('knows the languages', () => {
    for (const t of ['Quantity', 'Stückzahl', 'Quantité', 'Quantità', 'Cantidad', '数量', 'Ilość']) expect(matchesLabel(t, 'quantity'), t).toBe(true);
    expect(matchesLabel('SKU', 'asin')).toBe(false);
  });
  it('tries specific keys first', () => {
    const keys = ['minPrice', 'maxPrice', 'price', 'available'] as const;
    expect(classifyLabel('Minimum price', keys)).toBe('minPrice');
    expect(classifyLabel('Prix maximum', keys)).toBe('maxPrice');
    expect(classifyLabel('Precio', keys)).toBe('price');
    expect(classifyLabel('最低価格', keys)).toBe('minPrice');
    expect(classifyLabel('価格', keys)).toBe('price');
    expect(classifyLabel('Verfügbar (FBM)', keys)).toBe('available');
    expect(classifyLabel('Pricey', keys)).toBeUndefined();
  });
  it('classifies fulfilment from words and codes', () => {
    expect(classifyFulfillment('Available (FBM)')).toBe('MFN');
    expect(classifyFulfillment('Disponible (FBA)')).toBe('AFN');
    expect(classifyFulfillment('Versand durch Amazon')).toBe('AFN');
    expect(classifyFulfillment('Expédié par le vendeur')).toBe('MFN');
    expect(classifyFulfillment('Amazonから出荷')).toBe('AFN');
    expect(classifyFulfillment('Active')).toBeUndefined();
  });
});
