import { describe, expect, it } from 'vitest';
import { autoLink, DEFAULT_WEIGHTS, learnWeights, MatchIndex, type MatchProduct } from './index';

const catalog: MatchProduct[] = [
  { id: 'TV-40', title: 'Sony Bravia KDL-40V4100 40" LCD TV', brand: 'Sony', price: 900, gtin: '4006381333931' },
  { id: 'TV-46', title: 'Sony Bravia KDL-46V4100 46" LCD TV', brand: 'Sony', price: 1300 },
  { id: 'QB-2007', title: 'QuickBooks Pro 2007', brand: 'Intuit', price: 199 },
  { id: 'QB-2008', title: 'QuickBooks Pro 2008', brand: 'Intuit', price: 199 },
  { id: 'CAFE', title: 'Café Crème Kaffeebohnen 1 kg', brand: 'Tchibo', price: 12, asin: 'B000JZ4HQO' },
  { id: 'DUP-A', title: 'Cable USB-C 1 m', gtin: '036000291452' },
  { id: 'DUP-B', title: 'Cable USB-C 2 m', gtin: '0036000291452' },
];

describe('MatchIndex exact identifiers', () => {
  const ix = MatchIndex.build(catalog);
  it('finds a product by SKU (normalized), GTIN (any length) and ASIN (any case)', () => {
    expect(ix.exactMatches({ sku: ' tv-40 ' })).toEqual({ kind: 'sku', productIds: ['TV-40'] });
    expect(ix.exactMatches({ gtin: '04006381333931' })).toEqual({ kind: 'gtin', productIds: ['TV-40'] });
    expect(ix.exactMatches({ asin: 'b000jz4hqo' })).toEqual({ kind: 'asin', productIds: ['CAFE'] });
  });
  it('reports a GTIN shared by two products as ambiguous', () => {
    expect(ix.exactMatches({ gtin: '036000291452' })?.productIds).toEqual(['DUP-A', 'DUP-B']);
    const s = ix.suggest({ gtin: '036000291452', title: 'usb-c cable' }, 3);
    expect(s.every((x) => !x.confident)).toBe(true);
  });
  it('ignores an invalid GTIN', () => {
    expect(ix.exactMatches({ gtin: '4006381333932' })).toBeUndefined();
  });
});

describe('MatchIndex suggestions', () => {
  const ix = MatchIndex.build(catalog);
  it('ranks the model number that appears in both first, whatever the hyphens', () => {
    const s = ix.suggest({ title: 'SONY KDL 40V4100 Fernseher', brand: 'Sony', price: 880 }, 3);
    expect(s[0]?.productId).toBe('TV-40');
    expect(s[0]?.reasons.map((r) => r.code)).toContain('model-both');
    expect(s[0]!.score).toBeGreaterThan(s[1]!.score);
  });
  it('puts the right edition first and explains the year of the other', () => {
    const s = ix.suggest({ title: 'Intuit QuickBooks Pro 2008', price: 190 }, 2);
    expect(s[0]?.productId).toBe('QB-2008');
    const other = s.find((x) => x.productId === 'QB-2007');
    expect(other?.reasons.find((r) => r.code === 'year-differs')?.params).toEqual({ listing: '2008', product: '2007' });
  });
  it('finds a compound written in one word in the catalog', () => {
    const ix = MatchIndex.build([
      { id: 'PS', title: 'The Printshop Deluxe' },
      { id: 'Z', title: 'Garden shop deluxe' },
    ]);
    expect(ix.suggest({ title: 'print shop deluxe' }, 3)[0]?.productId).toBe('PS');
  });
  it('finds a compound that the catalog writes in two words', () => {
    const ix = MatchIndex.build([
      { id: 'BF', title: 'Brain Food party game' },
      { id: 'PG', title: 'Party game' },
      { id: 'X', title: 'Dog food bowl' },
    ]);
    expect(ix.suggest({ title: 'brainfood party game' }, 3)[0]?.productId).toBe('BF');
  });
  it('matches accents and case', () => {
    expect(ix.suggest({ title: 'CAFE CREME kaffeebohnen' }, 1)[0]?.productId).toBe('CAFE');
  });
  it('says when prices are far apart', () => {
    const s = ix.suggest({ title: 'Sony Bravia KDL-40V4100', price: 300 }, 1);
    expect(s[0]?.reasons.find((r) => r.code === 'price-apart')?.params?.ratio).toBe(3);
  });
  it('keeps confidence in 0..1 and marks at most the first suggestion confident', () => {
    const s = ix.suggest({ title: 'Sony Bravia KDL-40V4100 40" LCD TV', brand: 'Sony', price: 900 }, 5);
    for (const x of s) {
      expect(x.confidence).toBeGreaterThanOrEqual(0);
      expect(x.confidence).toBeLessThanOrEqual(1);
    }
    expect(s.slice(1).some((x) => x.confident)).toBe(false);
  });
});

describe('MatchIndex.buildInSlices', () => {
  it('gives the same suggestions as build() and yields between slices', async () => {
    let ticks = 0;
    const timer = setInterval(() => { ticks++; }, 0);
    const sliced = await MatchIndex.buildInSlices(catalog, undefined, 2);
    clearInterval(timer);
    const whole = MatchIndex.build(catalog);
    const l = { title: 'Sony KDL-46V4100', price: 1200 };
    expect(sliced.size).toBe(whole.size);
    expect(sliced.suggest(l, 3)).toEqual(whole.suggest(l, 3));
    expect(ticks).toBeGreaterThan(0);
  });
});

describe('MatchIndex incremental updates and search', () => {
  it('finds an upserted product, forgets a removed one and updates a changed title', () => {
    const ix = MatchIndex.build(catalog);
    ix.upsert({ id: 'NEW', title: 'Garmin Forerunner 945 GPS watch' });
    expect(ix.size).toBe(catalog.length + 1);
    expect(ix.suggest({ title: 'garmin forerunner 945' }, 1)[0]?.productId).toBe('NEW');
    ix.upsert({ id: 'NEW', title: 'Polar Vantage V2 watch' });
    expect(ix.size).toBe(catalog.length + 1);
    expect(ix.suggest({ title: 'polar vantage v2' }, 1)[0]?.productId).toBe('NEW');
    expect(ix.suggest({ title: 'garmin forerunner 945' }, 1)[0]?.productId).not.toBe('NEW');
    ix.remove('NEW');
    expect(ix.size).toBe(catalog.length);
    expect(ix.suggest({ title: 'polar vantage v2' }, 3).map((s) => s.productId)).not.toContain('NEW');
  });
  it('searches by GTIN, SKU prefix and words', () => {
    const ix = MatchIndex.build(catalog);
    expect(ix.search('4006381333931')[0]?.productId).toBe('TV-40');
    expect(ix.search('qb-').map((s) => s.productId).slice(0, 2)).toEqual(['QB-2007', 'QB-2008']);
    expect(ix.search('Kaffeebohnen crème')[0]?.productId).toBe('CAFE');
  });
});

describe('autoLink', () => {
  it('links unique identifier matches and counts the rest', () => {
    const ix = MatchIndex.build(catalog);
    const r = autoLink(
      [
        { id: 'l1', sku: 'tv-46' },
        { id: 'l2', gtin: '036000291452' },
        { id: 'l3', sku: 'nothing' },
        { id: 'l4', asin: 'B000JZ4HQO' },
        { id: 'l5', sku: 'QB-2007' },
      ],
      ix,
      (id) => id === 'l5',
    );
    expect(r.links).toEqual([
      { listingId: 'l1', productId: 'TV-46', kind: 'sku' },
      { listingId: 'l4', productId: 'CAFE', kind: 'asin' },
    ]);
    expect(r.summary).toEqual({ linked: 2, alreadyLinked: 1, noMatch: 1, ambiguous: 1 });
  });
});

describe('learnWeights', () => {
  it('moves weights toward what the labels reward and keeps the others near the base', () => {
    const ix = MatchIndex.build(catalog);
    // The seller rejects edition conflicts even more firmly than the default and accepts right editions.
    const labels = [
      { listing: { id: 'a', title: 'QuickBooks Pro 2008' }, productId: 'QB-2008', accepted: true },
      { listing: { id: 'b', title: 'QuickBooks Pro 2007' }, productId: 'QB-2007', accepted: true },
      { listing: { id: 'c', title: 'QuickBooks Pro 2008' }, productId: 'QB-2007', accepted: false },
      { listing: { id: 'd', title: 'QuickBooks Pro 2007' }, productId: 'QB-2008', accepted: false },
    ];
    const w = learnWeights(labels, ix, DEFAULT_WEIGHTS);
    expect(w.yearConflict).toBeLessThan(DEFAULT_WEIGHTS.yearConflict);
    expect(Math.abs(w.measureConflict - DEFAULT_WEIGHTS.measureConflict)).toBeLessThan(0.01);
    expect(learnWeights([], ix, DEFAULT_WEIGHTS)).toEqual(DEFAULT_WEIGHTS);
  });
});

describe('suggestMany', () => {
  it('demotes a product that another listing matches clearly better', () => {
    const products: MatchProduct[] = [
      { id: 'A', title: 'Acme garden hose green A-100' },
      { id: 'B', title: 'Acme garden hose green B-200' },
    ];
    const ix = MatchIndex.build(products);
    const listings = [
      { id: 'l1', title: 'Acme hose A-100' },
      { id: 'l2', title: 'Acme garden hose green' },
    ];
    const many = ix.suggestMany(listings, 2);
    expect(many[0]?.[0]?.productId).toBe('A');
    expect(many[1]?.[0]?.productId).toBe('B');
    const demoted = many[1]?.find((s) => s.productId === 'A');
    expect(demoted?.reasons.map((r) => r.code)).toContain('claimed-by-other');
    expect(demoted?.reasons.find((r) => r.code === 'claimed-by-other')?.params).toEqual({ listing: 'l1' });
    // Without exclusivity nothing is demoted.
    const plain = ix.suggestMany(listings, 2, { exclusivity: 0 })[1]!;
    expect(plain.flatMap((s) => s.reasons.map((r) => r.code))).not.toContain('claimed-by-other');
  });
});

describe('learnWeights calibration', () => {
  it('raises confidence when the top suggestion keeps being what the seller accepts', () => {
    const products: MatchProduct[] = Array.from({ length: 12 }, (_, i) => ({ id: `P${i}`, title: `Gizmo model ${String.fromCharCode(65 + i)}${i}00 black` }));
    const ix = MatchIndex.build(products);
    const labels = products.map((p, i) => ({ listing: { id: `l${i}`, title: `gizmo ${String.fromCharCode(65 + i)}${i}00` }, productId: p.id, accepted: true }));
    const w = learnWeights(labels, ix, DEFAULT_WEIGHTS);
    const before = ix.suggest(labels[3]!.listing, 1)[0]!.confidence;
    ix.setWeights(w);
    const after = ix.suggest(labels[3]!.listing, 1)[0]!;
    expect(after.productId).toBe('P3');
    expect(after.confidence).toBeGreaterThan(before);
  });
});

describe('variant conflicts', () => {
  const ix = MatchIndex.build([
    { id: 'WIN', title: 'PhotoTool Studio 5 for Windows' },
    { id: 'MAC', title: 'PhotoTool Studio 5 for Mac' },
    { id: 'UPG', title: 'PhotoTool Studio 5 Upgrade' },
    { id: 'ONE', title: 'Guard Antivirus 2009' },
    { id: 'THREE', title: 'Guard Antivirus 2009 3-User' },
  ]);
  it('prefers the same platform and explains the other', () => {
    const s = ix.suggest({ title: 'phototool studio 5 (mac)' }, 3);
    expect(s[0]?.productId).toBe('MAC');
    expect(s.find((x) => x.productId === 'WIN')?.reasons.map((r) => r.code)).toContain('edition-differs');
  });
  it('keeps an upgrade apart from the full product', () => {
    expect(ix.suggest({ title: 'phototool studio 5 upgrade win' }, 1)[0]?.productId).toBe('UPG');
  });
  it('sees standard against deluxe even when a name carries a tier word (Da-Lite)', () => {
    const ix2 = MatchIndex.build([{ id: 'DLX', title: 'Da-Lite Da-Plex Deluxe Rear Projection Screen 72 x 96' }, { id: 'X', title: 'desk lamp' }]);
    const s = ix2.suggest({ title: 'Da-Lite Da-Glas Standard Rear Projection Screen 72 x 96' }, 1)[0]!;
    expect(s.reasons.find((r) => r.code === 'edition-differs')?.params).toEqual({ listing: 'standard', product: 'deluxe' });
    expect(s.confident).toBe(false);
  });
  it('treats a title without a pack size as the single item', () => {
    expect(ix.suggest({ title: 'guard antivirus 2009' }, 1)[0]?.productId).toBe('ONE');
    expect(ix.suggest({ title: 'guard antivirus 2009 3 users' }, 1)[0]?.productId).toBe('THREE');
  });
});

describe('confident mark', () => {
  it('is never given to a pair with a stated conflict, however close the titles', () => {
    const ix = MatchIndex.build([
      { id: 'P500', title: 'Apricorn Aegis Padlock 500 GB USB 2.0 128-bit Encrypted Portable Hard Drive', brand: 'Apricorn' },
      { id: 'CHAIR', title: 'Office chair mesh black' },
    ]);
    const same = ix.suggest({ title: 'Apricorn Aegis Padlock 500GB USB 2.0 Encrypted Portable Hard Drive', brand: 'Apricorn' }, 1)[0]!;
    expect(same.productId).toBe('P500');
    expect(same.confident).toBe(true);
    const other = { title: 'Apricorn Aegis Padlock 320GB USB 2.0 Encrypted Portable Hard Drive', brand: 'Apricorn' };
    for (const s of [ix.suggest(other, 1)[0]!, ix.suggestMany([other], 1)[0]![0]!]) {
      expect(s.productId).toBe('P500');
      expect(s.reasons.map((r) => r.code)).toContain('size-differs');
      expect(s.confident).toBe(false);
    }
  });
});

describe('model numbers in descriptions', () => {
  const ix = MatchIndex.build([
    { id: 'ICE', title: 'Griffin Outfit Ice for iPod touch 4G Black', description: 'GB01940 polycarbonate shell' },
    { id: 'GLOSS', title: 'Griffin GB01967 Outfit Gloss for iPod Touch 4G Black' },
    { id: 'PS', title: 'Photo Editor Pro v11.5 64-bit' },
    { id: 'PS2', title: 'Photo Editor Pro v12 64-bit' },
  ]);
  it("finds the listing's part number in its description (where the model attribute often is) in the product's title", () => {
    const s = ix.suggest({ title: 'Griffin Technology Outfit iPod touch 4G Black', description: 'Part number: GB01967. High-gloss case.' }, 2);
    expect(s[0]?.productId).toBe('GLOSS');
    expect(s[0]?.reasons.find((r) => r.code === 'model-both')?.params).toEqual({ model: 'gb01967' });
  });
  it('does not take a version or a bit width in a description for a part number', () => {
    const s = ix.suggest({ title: 'Photo Editor Pro', description: 'Runs on 64-bit systems; replaces v11.5' }, 2);
    expect(s.flatMap((x) => x.reasons.map((r) => r.code))).not.toContain('model-both');
  });
});

describe('colour conflicts', () => {
  const ix = MatchIndex.build([
    { id: 'BLUE', title: 'Nextware Jellybean Case for iPad Blue', brand: 'Nextware' },
    { id: 'BLACK', title: 'Nextware Jellybean Case for iPad - Black', brand: 'Nextware' },
    { id: 'BD', title: 'Sony BDP-S350 Blu-ray Disc Player Black', brand: 'Sony' },
    { id: 'DVD', title: 'Blue Crane Introduction to the Canon 50D DVD', brand: 'Blue Crane Digital' },
  ]);
  const codes = (title: string, id: string, brand?: string): string[] =>
    ix.suggest({ title, brand }, 4).find((x) => x.productId === id)?.reasons.map((r) => r.code) ?? [];
  it('prefers the same colour and says which colours differ', () => {
    const s = ix.suggest({ title: 'Jellybean case iPad black' }, 2);
    expect(s[0]?.productId).toBe('BLACK');
    expect(s[1]?.reasons.find((r) => r.code === 'colour-differs')?.params).toEqual({ listing: 'black', product: 'blue' });
  });
  it('knows colour words in the marketplaces’ languages, accents or not', () => {
    expect(ix.suggest({ title: 'Funda Jellybean para iPad negra' }, 1)[0]?.productId).toBe('BLACK');
    expect(ix.suggest({ title: 'Jellybean tok iPad kék' }, 1)[0]?.productId).toBe('BLUE');
    expect(codes('Custodia Jellybean iPad nera', 'BLACK')).not.toContain('colour-differs');
  });
  it('does not read Blu-ray, or a brand such as Blue Crane, as a colour', () => {
    expect(codes('Sony Blu-ray player BDP-S350 black', 'BD')).not.toContain('colour-differs');
    expect(codes('Sony BDP-S350 player black', 'BD')).not.toContain('colour-differs');
    expect(codes('Blue Crane Canon 50D training DVD red edition', 'DVD', 'Blue Crane')).not.toContain('colour-differs');
    // A colour the other side does name, against it, is still a conflict.
    expect(codes('Sony BDP-S350 Blu-ray player silver', 'BD')).toContain('colour-differs');
  });
});

describe('listing description', () => {
  it("counts the product title's words that the listing's description names", () => {
    const ix = MatchIndex.build([
      { id: 'WIN', title: 'PhotoTool Studio 5 Windows XP Vista' },
      { id: 'MAC', title: 'PhotoTool Studio 5 Macintosh OS X' },
      { id: 'X', title: 'Gizmo lamp' },
    ]);
    const s = ix.suggest({ title: 'phototool studio 5', description: 'Edit photos on your Macintosh: runs on OS X 10.4 and later.' }, 2);
    expect(s[0]?.productId).toBe('MAC');
    expect(s[0]?.reasons.map((r) => r.code)).toContain('description-names');
    expect(s[1]?.reasons.map((r) => r.code)).not.toContain('description-names');
    // Without a description neither is preferred by it.
    const plain = ix.suggest({ title: 'phototool studio 5' }, 2);
    expect(plain.flatMap((x) => x.reasons.map((r) => r.code))).not.toContain('description-names');
  });
});

describe('suggestMany one-to-one assignment', () => {
  it('gives two listings of one product line different products, the surer listing first', () => {
    const ix = MatchIndex.build([
      { id: 'X', title: 'Acme garden hose green 20 m' },
      { id: 'Y', title: 'Acme garden hose green 20 m coiled' },
      { id: 'Z', title: 'Zeta lawn sprinkler' },
      { id: 'W', title: 'Bolt drill 18V' },
    ]);
    const listings = [{ id: 'a', title: 'acme hose green' }, { id: 'b', title: 'acme garden hose green 20 m' }];
    const [a, b] = ix.suggestMany(listings, 2);
    expect(b?.[0]?.productId).toBe('X');
    expect(a?.[0]?.productId).toBe('Y');
    expect(a?.find((s) => s.productId === 'X')?.reasons.find((r) => r.code === 'claimed-by-other')?.params).toEqual({ listing: 'b' });
    // Taking the product another listing is surer about leaves this listing unsure, not confident.
    expect(a![0]!.confident).toBe(false);
  });

  it('lets two SKUs of one ASIN share their product, and one listing take every copy of a duplicated catalog row', () => {
    const ix = MatchIndex.build([
      { id: 'H1', title: 'Acme garden hose green 20 m', brand: 'Acme' },
      { id: 'H2', title: 'Acme Garden Hose, green 20 m', brand: 'ACME' },
      { id: 'S', title: 'Acme lawn sprinkler' },
    ]);
    const fba = { id: 'fba', sku: 'HOSE-FBA', asin: 'B00HOSE001', title: 'Acme garden hose 20 m green' };
    const mfn = { ...fba, id: 'mfn', sku: 'HOSE-MFN' };
    const [a, b] = ix.suggestMany([fba, mfn], 3);
    // H1 and H2 are twins (same words, brand, no description): neither halves the other.
    const conf = (row: typeof a, id: string): number => row!.find((s) => s.productId === id)!.confidence;
    expect(conf(a, 'H1')).toBeGreaterThan(0.6);
    expect(conf(a, 'H2')).toBeCloseTo(conf(a, 'H1'), 9);
    expect(a!.find((s) => s.productId === 'H1')!.reasons.find((r) => r.code === 'catalog-twin')?.params).toEqual({ count: 1 });
    expect(a!.find((s) => s.productId === 'S')?.reasons.map((r) => r.code) ?? []).not.toContain('catalog-twin');
    // The FBA and merchant-fulfilled SKUs of one ASIN are one party: same figures, no claim.
    expect(conf(b, 'H1')).toBeCloseTo(conf(a, 'H1'), 9);
    expect(b!.flatMap((s) => s.reasons.map((r) => r.code))).not.toContain('claimed-by-other');
    // Two different ASINs with the same text still compete for the product.
    const [c] = ix.suggestMany([fba, { ...mfn, asin: 'B00HOSE002' }], 3);
    expect(conf(c, 'H1')).toBeLessThan(conf(a, 'H1') * 0.75);
  });

  it('treats a product already linked to another listing as taken, and shares it with another SKU of the same ASIN', () => {
    const ix = MatchIndex.build([
      { id: 'H1', title: 'Acme garden hose green 20 m', brand: 'Acme' },
      { id: 'S', title: 'Acme lawn sprinkler' },
    ]);
    const page = [{ id: 'new', sku: 'HOSE-2', asin: 'B00HOSE002', title: 'Acme garden hose green 20 m' }];
    const free = ix.suggestMany(page, 2)[0]![0]!;
    expect(free.productId).toBe('H1');
    const other = { productId: 'H1', listing: { id: 'old', sku: 'HOSE-1', asin: 'B00HOSE001', title: 'Acme garden hose green 20 m' } };
    const taken = ix.suggestMany(page, 2, { linked: [other] })[0]!.find((s) => s.productId === 'H1')!;
    expect(taken.reasons.find((r) => r.code === 'linked-to-other')?.params).toEqual({ listing: 'HOSE-1' });
    expect(taken.confident).toBe(false);
    expect(taken.confidence).toBeLessThan(free.confidence / 2);
    // The same ASIN under another SKU (FBA and merchant-fulfilled) is the same item: it shares the product.
    const sibling = { productId: 'H1', listing: { ...other.listing, asin: 'B00HOSE002' } };
    const shared = ix.suggestMany(page, 2, { linked: [sibling] })[0]![0]!;
    expect(shared.productId).toBe('H1');
    expect(shared.reasons.map((r) => r.code)).toContain('linked-same-item');
    expect(shared.confidence).toBeGreaterThan(0.9 * free.confidence);
  });
});
