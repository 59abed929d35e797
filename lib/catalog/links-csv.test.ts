import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb, type SkulinkDexie } from '../db/db';
import type { Link } from '../domain/link';
import type { Product } from '../domain/catalog';
import { exportLinksCsv, importLinksCsv, linksToCsv, linksToRows, parseMarketplace } from './links-csv';
import { guardFormula, unguardFormula } from './csv-text';

let dbs: SkulinkDexie[] = [];
let n = 0;
function freshDb(): SkulinkDexie {
  const db = createDb(`links-test-${Date.now()}-${n++}`);
  dbs.push(db);
  return db;
}
afterEach(async () => {
  for (const db of dbs) await db.delete();
  dbs = [];
});

const product = (sku: string): Product => ({ sku, title: `Title ${sku}`, stock: {}, extra: {}, active: true, origin: 'csv', createdAt: 1, updatedAt: 1 });

async function seedCatalog(db: SkulinkDexie, skus: string[]): Promise<void> {
  await db.products.bulkPut(skus.map(product));
}

describe('parseMarketplace', () => {
  it('accepts country codes, UK, marketplace ids and hosts', () => {
    expect(parseMarketplace('de')?.id).toBe('A1PA6795UKMFR9');
    expect(parseMarketplace('UK')?.country).toBe('GB');
    expect(parseMarketplace('A1RKKUPIHCS9HS')?.country).toBe('ES');
    expect(parseMarketplace('amazon.co.uk')?.country).toBe('GB');
    expect(parseMarketplace('sellercentral.amazon.it')?.country).toBe('IT');
    expect(parseMarketplace('Narnia')).toBeUndefined();
    expect(parseMarketplace('')).toBeUndefined();
  });
});

describe('formula-injection guard', () => {
  it('prefixes cells a spreadsheet would run, and the import removes the prefix', () => {
    expect(['=1+1', '+SUM(A1)', '-2', '@cmd', 'ok', "'=x"].map(guardFormula)).toEqual(["'=1+1", "'+SUM(A1)", "'-2", "'@cmd", 'ok', "'=x"]);
    expect(["'=1+1", "'-2", "'hello", 'x'].map(unguardFormula)).toEqual(['=1+1', '-2', "'hello", 'x']);
  });

  it('exports hostile SKUs quoted and guarded', () => {
    const links: Link[] = [
      { listingId: 'ATVPDKIKX0DER:=HYPERLINK("http://x")', marketplaceId: 'ATVPDKIKX0DER', listingSku: '=HYPERLINK("http://x")', productSku: '-SKU,1', method: 'manual', createdAt: 1 },
    ];
    const csv = linksToCsv(linksToRows(links));
    expect(csv.split('\r\n')[0]).toBe('catalog_sku,marketplace_sku,asin,marketplace');
    expect(csv.split('\r\n')[1]).toBe(`"'-SKU,1","'=HYPERLINK(""http://x"")",,US`);
    // No cell starts with a formula character once parsed by a spreadsheet-like reader.
    const cells = Papa.parse<string[]>(csv, { skipEmptyLines: true }).data.flat();
    expect(cells.filter((c) => /^[=+\-@]/.test(c))).toEqual([]);
  });
});

describe('importLinksCsv / exportLinksCsv', () => {
  it('imports the fixture: links with method import, history with one batch, listing records for new SKUs', async () => {
    const db = freshDb();
    await seedCatalog(db, ['SKU-001', 'SKU-002', 'SKU-003']);
    const input = new Uint8Array(readFileSync(new URL('../../tests/fixtures/csv/links.csv', import.meta.url)));
    const s = await importLinksCsv(db, input, { now: () => 5000, batchId: 'b1' });
    expect(s).toMatchObject({ rows: 3, linked: 3, replaced: 0, unchanged: 0, listingsCreated: 3, rejected: 0, batchId: 'b1' });
    expect(await db.links.get('A1PA6795UKMFR9:SKU-003-FBA')).toMatchObject({ productSku: 'SKU-003', asin: 'B0CXYZ1234', method: 'import', marketplaceId: 'A1PA6795UKMFR9' });
    expect(await db.listings.get('ATVPDKIKX0DER:AMZ-SKU-001')).toMatchObject({ sku: 'AMZ-SKU-001', asin: 'B000000001', source: 'import', fulfillmentChannel: 'UNKNOWN' });
    const history = await db.linkHistory.toArray();
    expect(history).toHaveLength(3);
    expect(history.every((h) => h.actor === 'import' && h.batchId === 'b1' && h.method === 'import' && h.action === 'link')).toBe(true);
  });

  it('round-trips export -> import into another database, including formula-like SKUs', async () => {
    const a = freshDb();
    const skus = ['SKU-1', '-minus-sku', '=eq', 'comma,sku', 'quote"sku'];
    await seedCatalog(a, skus);
    const links: Link[] = skus.map((sku, i) => ({
      listingId: `${i % 2 ? 'A1PA6795UKMFR9' : 'ATVPDKIKX0DER'}:M-${sku}`,
      marketplaceId: i % 2 ? 'A1PA6795UKMFR9' : 'ATVPDKIKX0DER',
      listingSku: `M-${sku}`,
      productSku: sku,
      method: 'manual',
      createdAt: 1,
      ...(i === 0 ? { asin: 'B0ABCDEFGH' } : {}),
    }));
    await a.links.bulkPut(links);
    const csv = await exportLinksCsv(a);

    const b = freshDb();
    await seedCatalog(b, skus);
    const s = await importLinksCsv(b, csv);
    expect(s).toMatchObject({ rows: 5, linked: 5, rejected: 0 });
    const got = (await b.links.toArray()).map(({ listingId, productSku, listingSku, marketplaceId, asin }) => ({ listingId, productSku, listingSku, marketplaceId, asin }));
    const want = links.map(({ listingId, productSku, listingSku, marketplaceId, asin }) => ({ listingId, productSku, listingSku, marketplaceId, asin }));
    const byId = (x: { listingId: string }, y: { listingId: string }): number => x.listingId.localeCompare(y.listingId);
    expect(got.sort(byId)).toEqual(want.sort(byId));
    // Exporting b gives the same table.
    expect(await exportLinksCsv(b)).toBe(csv);
  });

  it('reports bad rows with their row numbers and imports the rest', async () => {
    const db = freshDb();
    await seedCatalog(db, ['A', 'B', 'C']);
    const csv = [
      'catalog_sku,marketplace_sku,asin,marketplace',
      'A,M-A,,US', // 2 ok
      'GHOST,M-G,,US', // 3 unknown catalog SKU
      ',M-X,,US', // 4 empty catalog SKU
      'B,,,US', // 5 empty marketplace SKU
      'B,M-B,,Atlantis', // 6 unknown marketplace
      'C,M-C,not-an-asin,de', // 7 ok, ASIN dropped with a warning
      'A,M-A,,US', // 8 same link again: duplicate (last wins)
      '',
      'B,M-B2,,', // 10 empty marketplace
    ].join('\n');
    const s = await importLinksCsv(db, csv);
    expect(s.errors.map((e) => [e.row, e.code])).toEqual([
      [3, 'not-in-catalog'],
      [4, 'sku-empty'],
      [5, 'sku-empty'],
      [6, 'marketplace-unknown'],
      [10, 'marketplace-unknown'],
    ]);
    expect(s.errors[0]?.reason).toContain('GHOST');
    expect(s.errors[3]?.reason).toContain('Atlantis');
    expect(s.warnings.map((w) => [w.row, w.code])).toEqual([
      [7, 'asin-invalid'],
      [8, 'duplicate-sku'],
    ]);
    expect(s).toMatchObject({ rows: 8, linked: 2, duplicates: 1, rejected: 5 });
    expect(await db.links.count()).toBe(2);
    expect((await db.links.get('A1PA6795UKMFR9:M-C'))?.asin).toBeUndefined();
  });

  it('replaces a link to another product, writing unlink + link history, and leaves equal links alone', async () => {
    const db = freshDb();
    await seedCatalog(db, ['OLD', 'NEW', 'SAME']);
    await db.links.bulkPut([
      { listingId: 'ATVPDKIKX0DER:L1', marketplaceId: 'ATVPDKIKX0DER', listingSku: 'L1', productSku: 'OLD', method: 'manual', createdAt: 1 },
      { listingId: 'ATVPDKIKX0DER:L2', marketplaceId: 'ATVPDKIKX0DER', listingSku: 'L2', productSku: 'SAME', method: 'manual', createdAt: 1 },
    ]);
    await db.listings.put({ id: 'ATVPDKIKX0DER:L1', marketplaceId: 'ATVPDKIKX0DER', sku: 'L1', fulfillmentChannel: 'MFN', source: 'report', firstSeenAt: 1, lastSeenAt: 1 });
    const s = await importLinksCsv(db, 'catalog_sku,marketplace_sku,asin,marketplace\nNEW,L1,,US\nSAME,L2,,ATVPDKIKX0DER\n', { batchId: 'b2' });
    expect(s).toMatchObject({ linked: 0, replaced: 1, unchanged: 1, listingsCreated: 1 });
    expect(await db.links.get('ATVPDKIKX0DER:L1')).toMatchObject({ productSku: 'NEW', method: 'import' });
    expect(await db.links.get('ATVPDKIKX0DER:L2')).toMatchObject({ productSku: 'SAME', method: 'manual' });
    expect(await db.listings.get('ATVPDKIKX0DER:L1')).toMatchObject({ source: 'report' });
    const history = await db.linkHistory.toArray();
    expect(history.map((h) => [h.action, h.productSku, h.batchId])).toEqual([
      ['unlink', 'OLD', 'b2'],
      ['link', 'NEW', 'b2'],
    ]);
  });

  it('says which columns are missing', async () => {
    const db = freshDb();
    const s = await importLinksCsv(db, 'sku,asin\nA,B0ABCDEFGH\n');
    expect(s.fileErrors[0]).toMatch(/catalog_sku.*marketplace_sku.*marketplace/);
    expect(s.rows).toBe(0);
  });
});
