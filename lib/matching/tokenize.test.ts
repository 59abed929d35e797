import { describe, expect, it } from 'vitest';
import { analyze, charTrigrams, normalizeText } from './tokenize';

describe('normalizeText', () => {
  it('removes accents, folds special letters and lower-cases', () => {
    expect(normalizeText('Café CRÈME')).toBe('cafe creme');
    expect(normalizeText('Straße Ærø')).toBe('strasse aero');
  });
});

describe('analyze', () => {
  it('gives one model-number form for hyphen, space and joined variants', () => {
    for (const t of ['Sony KDL-40V4100 TV', 'sony kdl 40v4100 tv', 'SONY KDL40V4100']) {
      expect(analyze(t).codes).toContain('kdl40v4100');
    }
  });
  it('joins model numbers split over several pieces', () => {
    for (const t of ['Bosch GSR 18V-55', 'BOSCH GSR18V-55', 'bosch gsr 18 v-55']) expect(analyze(t).codes).toContain('gsr18v55');
    for (const t of ['Makita DDF 485 Z', 'Makita DDF485Z', 'makita ddf-485-z']) expect(analyze(t).codes).toContain('ddf485z');
  });
  it('does not glue ordinary words into codes', () => {
    expect(analyze('Acme garden hose green A-100').codes.some((c) => c.includes('garden') || c.includes('green'))).toBe(false);
    expect(analyze('Office 2007 Pro').codes).toEqual([]);
  });
  it('finds years and versions, treating v17.0 as 17', () => {
    const a = analyze('Printmaster Gold v 17.0 2007 edition');
    expect(a.years).toEqual(['2007']);
    expect(a.numbers).toContain('17');
    expect(analyze('photoshop cs3').numbers).toContain('3');
  });
  it('reads measures with and without a space', () => {
    expect(analyze('Disk 500 GB').measures).toContain('gb:500');
    expect(analyze('disk 500gb').measures).toContain('gb:500');
    expect(analyze('Tee 3-pack').measures).toContain('qty:3');
    // Pack sizes written before the number, in the marketplaces' languages.
    for (const t of ['Batteries AA, pack of 6', 'Piles AA lot de 6', 'Pilas AA paquete de 6', 'Pile AA confezione da 6', 'Pilhas AA kit com 6', 'Elem AA 6 darab']) {
      expect(analyze(t).measures).toContain('qty:6');
    }
    expect(analyze('Headphones 110 dB, case for iPad').measures.some((m) => m.startsWith('qty:'))).toBe(false);
  });
  it('does not take sizes and ordinals for model numbers', () => {
    expect(analyze('disk 500gb 2nd gen').strongCodes).toEqual([]);
  });
  it('cuts unspaced scripts into bigrams and keeps accented words matchable', () => {
    expect(analyze('東京タワー').words).toContain('東京');
    expect(analyze('Crème Brûlée').words).toEqual(['creme', 'brulee']);
  });
});

describe('analyze with words named like object members', () => {
  it('reads `constructor`, `toString` and `__proto__` as plain words', () => {
    const a = analyze('LEGO constructor in toString __proto__ valueOf 5 constructor');
    expect(a.words).toEqual(expect.arrayContaining(['constructor', 'tostring', 'valueof']));
    expect(a.words.every((w) => typeof w === 'string')).toBe(true);
    expect(a.numbers).toEqual(['5']);
    expect(a.measures).toEqual([]);
  });
});

describe('charTrigrams', () => {
  it('counts padded trigrams of each word', () => {
    const g = charTrigrams(['abc', 'abc', 'x']);
    expect(g.size).toBe(4); // ' ab', 'abc', 'bc ', ' x '
    expect([...g.values()].sort()).toEqual([1, 2, 2, 2]);
  });
  it('lets a split compound share most trigrams with the joined word', () => {
    const a = charTrigrams(['print', 'shop']);
    const b = charTrigrams(['printshop']);
    const shared = [...a.keys()].filter((k) => b.has(k)).length;
    expect(shared).toBeGreaterThanOrEqual(6);
  });
});
