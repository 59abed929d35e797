import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb, type SkulinkDexie } from '../db/db';
import { Product } from '../domain/catalog';
import { generateCatalogCsv, generatedSku } from '../../tests/fixtures/csv/generate';
import {
  guessMapping,
  guessRole,
  importCatalogCsv,
  mergeRow,
  previewCsv,
  validateMapping,
  validateRow,
  assignmentsToMapping,
  mappingToAssignments,
  type CatalogSink,
  type ImportProgress,
} from './csv-import';
import { parsePrice, parseStock, parseActive } from './cell-values';
import { createCatalogSink, importCatalogToDb } from './catalog-store';
import { decodeCsvBytes } from './csv-text';

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../tests/fixtures/csv/${name}`, import.meta.url)));

/** An in-memory sink with the same merge rules as the Dexie one. */
function memorySink(): CatalogSink & { products: Map<string, Product>; batches: number[] } {
  const products = new Map<string, Product>();
  const batches: number[] = [];
  return {
    products,
    batches,
    async upsertBatch(list, { activeMapped }) {
      batches.push(list.length);
      let created = 0;
      let updated = 0;
      for (const p of list) {
        const old = products.get(p.sku);
        if (old) updated++;
        else created++;
        products.set(p.sku, old ? mergeRow(old, p, activeMapped) : p);
      }
      return { created, updated };
    },
  };
}

let dbs: SkulinkDexie[] = [];
let dbCounter = 0;
function freshDb(): SkulinkDexie {
  const db = createDb(`catalog-test-${Date.now()}-${dbCounter++}`);
  dbs.push(db);
  return db;
}
afterEach(async () => {
  for (const db of dbs) await db.delete();
  dbs = [];
});

describe('guessMapping', () => {
  it('recognizes English headers with warehouse suffixes and keeps unknown columns as extras', () => {
    const m = guessMapping(['SKU', 'Title', 'Brand', 'EAN', 'Price', 'stock_madrid', 'Stock (Barcelona)', 'Qty', 'Color', '']);
    expect(m).toMatchObject({ sku: 0, title: 1, brand: 2, gtin: 3, price: 4 });
    expect(m.stock).toEqual([
      { column: 5, warehouse: 'madrid' },
      { column: 6, warehouse: 'Barcelona' },
      { column: 7, warehouse: 'default' },
    ]);
    expect(m.extra).toEqual([{ column: 8, name: 'Color' }]);
    expect(validateMapping(m, 10)).toEqual([]);
  });

  it.each([
    ['es', ['Referencia', 'Nombre', 'Marca', 'Código de barras', 'Precio (€)', 'Existencias Almacén Sevilla']],
    ['it', ['Codice articolo', 'Titolo', 'Marca', 'EAN', 'Prezzo', 'Giacenza Milano']],
    ['pt', ['Código', 'Nome', 'Marca', 'GTIN', 'Preço', 'Estoque São Paulo']],
    ['fr', ['Référence', 'Titre', 'Marque', 'Code-barres', 'Prix', 'Stock Lyon']],
    ['de', ['Artikelnummer', 'Bezeichnung', 'Marke', 'EAN', 'Preis', 'Bestand Berlin']],
    ['hu', ['Cikkszám', 'Megnevezés', 'Márka', 'Vonalkód', 'Ár', 'Készlet (Budapest)']],
  ])('recognizes %s headers', (_lang, headers) => {
    const m = guessMapping(headers);
    expect(m).toMatchObject({ sku: 0, title: 1, brand: 2, gtin: 3, price: 4 });
    expect(m.stock).toHaveLength(1);
    expect(m.stock[0]?.column).toBe(5);
    expect(m.extra).toEqual([]);
  });

  it('names warehouses from the header text', () => {
    expect(guessRole('Existencias Almacén Sevilla')).toEqual({ role: 'stock', name: 'Sevilla' });
    expect(guessRole('Készlet (Budapest)')).toEqual({ role: 'stock', name: 'Budapest' });
    expect(guessRole('Madrid stock')).toEqual({ role: 'stock', name: 'Madrid' });
    expect(guessRole('Estoque São Paulo')).toEqual({ role: 'stock', name: 'São Paulo' });
  });

  it('takes the currency from the price header and the decimal comma from sample values', () => {
    const m = guessMapping(['sku', 'nombre', 'Precio (€)'], [['a', 'b', '12,50'], ['c', 'd', '1.234,00']]);
    expect(m.defaultCurrency).toBe('EUR');
    expect(m.decimal).toBe(',');
  });

  it('does not take "código de barras" for the SKU, and keeps the first of two SKU columns', () => {
    const m = guessMapping(['Código de barras', 'SKU', 'Seller SKU', 'Nombre']);
    expect(m.gtin).toBe(0);
    expect(m.sku).toBe(1);
    expect(m.extra).toEqual([{ column: 2, name: 'Seller SKU' }]);
  });

  it('reports a mapping without SKU or title, and unnamed or duplicate warehouses', () => {
    const problems = validateMapping({ stock: [{ column: 0, warehouse: 'A' }, { column: 1, warehouse: 'a' }, { column: 2, warehouse: ' ' }], extra: [], decimal: 'auto' }, 3);
    expect(problems.map((p) => p.code)).toEqual(['sku-required', 'title-required', 'warehouse-duplicate', 'warehouse-name-empty']);
  });

  it('gives repeated extra headers distinct names and reports a mapping that repeats one', () => {
    const m = guessMapping(['sku', 'title', 'Color', 'Color']);
    expect(m.extra).toEqual([{ column: 2, name: 'Color' }, { column: 3, name: 'Color 2' }]);
    expect(validateMapping({ ...m, extra: [{ column: 2, name: 'Color' }, { column: 3, name: 'Color' }] }, 4)).toEqual([{ code: 'extra-duplicate', column: 3, name: 'Color' }]);
  });

  it('converts between per-column assignments and the mapping', () => {
    const m = guessMapping(['sku', 'title', 'stock_a', 'notes', '']);
    const a = mappingToAssignments(m, 5);
    expect(a.map((x) => x.role)).toEqual(['sku', 'title', 'stock', 'extra', 'ignore']);
    expect(assignmentsToMapping(a, { decimal: m.decimal })).toEqual(m);
  });
});

describe('cell values', () => {
  it.each([
    ['12.50', 'auto', 12.5],
    ['1.234,56', 'auto', 1234.56],
    ['1,234.56', 'auto', 1234.56],
    ['€ 12,50', 'auto', 12.5],
    ['12,50 €', 'auto', 12.5],
    ['$9.99', 'auto', 9.99],
    ['1 234,56', 'auto', 1234.56],
    ['1\u00a0234,56', ',', 1234.56],
    ['1.234', ',', 1234],
    ['1.234', '.', 1.234],
    ['0.125', 'auto', 0.125],
    ['4,5', 'auto', 4.5],
    ['1.234.567', 'auto', 1234567],
  ] as const)('parsePrice(%s, %s) = %s', (text, dec, value) => {
    expect(parsePrice(text, dec)).toMatchObject({ ok: true, value });
  });

  it('reads the currency of a price and rejects non-numbers and negatives', () => {
    expect(parsePrice('€ 12,50')).toEqual({ ok: true, value: 12.5, currency: 'EUR' });
    expect(parsePrice('ten euros')).toEqual({ ok: false, problem: 'not-a-number' });
    expect(parsePrice('12.34,5')).toEqual({ ok: false, problem: 'not-a-number' });
    expect(parsePrice('-3.00')).toEqual({ ok: false, problem: 'negative' });
    expect(parsePrice('1,2,3', ',')).toEqual({ ok: false, problem: 'not-a-number' });
  });

  it('reads stock as whole non-negative numbers', () => {
    expect(parseStock('12')).toEqual({ ok: true, value: 12 });
    expect(parseStock('1.200')).toEqual({ ok: true, value: 1200 });
    expect(parseStock('7,00')).toEqual({ ok: true, value: 7 });
    expect(parseStock('-4')).toEqual({ ok: false, problem: 'negative' });
    expect(parseStock('2.5')).toEqual({ ok: false, problem: 'not-integer' });
    expect(parseStock('lots')).toEqual({ ok: false, problem: 'not-a-number' });
  });

  it('reads yes/no in several languages', () => {
    expect(['sí', 'Yes', 'igen', 'ja', '1'].map(parseActive)).toEqual([true, true, true, true, true]);
    expect(['no', 'nem', 'nein', 'non', '0'].map(parseActive)).toEqual([false, false, false, false, false]);
    expect(parseActive('maybe')).toBeUndefined();
  });
});

describe('validateRow', () => {
  const headers = ['sku', 'title', 'ean', 'price', 'stock_madrid'];
  const mapping = guessMapping(headers);

  it('builds a product with canonical GTIN and stock by warehouse', () => {
    const r = validateRow(['  A-1 ', 'Mug', '036000291452', '3.5', '4'], mapping, 2, { headers, now: 1000 });
    expect(r).toMatchObject({ ok: true, product: { sku: 'A-1', title: 'Mug', gtin: '00036000291452', gtinRaw: '036000291452', price: 3.5, stock: { madrid: 4 }, origin: 'csv', createdAt: 1000 } });
  });

  it('keeps a row with an invalid GTIN, dropping the GTIN with a warning', () => {
    const r = validateRow(['A-1', 'Mug', '036000291453', '3.5', '4'], mapping, 7, { headers });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.product.gtin).toBeUndefined();
    expect(r.warnings).toEqual([expect.objectContaining({ row: 7, code: 'gtin-invalid', column: 'ean', value: '036000291453' })]);
  });

  it('rejects empty SKU, negative stock and bad price with row number and column', () => {
    expect(validateRow(['', 'Mug', '', '1', '1'], mapping, 3, { headers })).toMatchObject({ ok: false, row: 3, code: 'sku-empty' });
    const neg = validateRow(['A', 'Mug', '', '1', '-2'], mapping, 4, { headers });
    expect(neg).toMatchObject({ ok: false, row: 4, code: 'stock-negative', column: 'stock_madrid', value: '-2' });
    if (!neg.ok) expect(neg.reason).toContain('stock_madrid');
    expect(validateRow(['A', 'Mug', '', 'abc', '1'], mapping, 5, { headers })).toMatchObject({ ok: false, row: 5, code: 'price-invalid', value: 'abc' });
  });
});

describe('importCatalogCsv', () => {
  it('only hands the sink products that satisfy the Product schema', async () => {
    const sink = memorySink();
    for (const f of ['catalog-good.csv', 'catalog-bad-rows.csv', 'catalog-es-semicolon.csv', 'catalog-it-windows1252.csv', 'catalog-bom.csv', 'catalog-hostile.csv']) {
      await importCatalogCsv(fixture(f), (await previewCsv(fixture(f))).mapping, sink);
    }
    const csv = generateCatalogCsv({ rows: 500, badEvery: 7, delimiter: ';' });
    await importCatalogCsv(csv, (await previewCsv(csv)).mapping, sink);
    expect(sink.products.size).toBeGreaterThan(400);
    for (const p of sink.products.values()) expect(() => Product.parse(p)).not.toThrow();
  });

  it('imports good rows and reports every bad row with its spreadsheet row number and reason', async () => {
    const sink = memorySink();
    const preview = await previewCsv(fixture('catalog-bad-rows.csv'));
    const s = await importCatalogCsv(fixture('catalog-bad-rows.csv'), preview.mapping, sink);
    const byRow = Object.fromEntries(s.errors.map((e) => [e.row, e.code]));
    expect(byRow).toEqual({
      3: 'sku-empty',
      4: 'price-invalid',
      5: 'stock-negative',
      7: 'stock-not-integer',
      8: 'field-count',
      11: 'title-empty',
      13: 'price-negative',
      15: 'malformed',
    });
    expect(s.errors.every((e) => e.reason.length > 10)).toBe(true);
    expect(s.errors.find((e) => e.row === 8)?.reason).toMatch(/7 values .* 6 columns/);
    expect(s.warnings.map((w) => [w.row, w.code])).toEqual([
      [6, 'gtin-invalid'],
      [12, 'duplicate-sku'],
    ]);
    expect(s.warnings[1]).toMatchObject({ otherRow: 2 });
    expect(s).toMatchObject({ rows: 13, created: 4, updated: 0, duplicates: 1, rejected: 8, cancelled: false });
    expect([...sink.products.keys()].sort()).toEqual(['BAD-GTIN', 'GOOD-1', 'GOOD-2', 'GOOD-3']);
    // Last wins for the duplicate SKU; the multi-line title is one row (14).
    expect(sink.products.get('GOOD-1')).toMatchObject({ title: 'Good product one again (duplicate)', price: 11 });
    expect(sink.products.get('GOOD-1')?.stock).toEqual({ madrid: 9 });
    expect(sink.products.get('GOOD-3')?.title).toBe('Multi-line\ndescription title');
    expect(sink.products.get('BAD-GTIN')?.gtin).toBeUndefined();
  });

  it('reads a semicolon file with Spanish headers, decimal commas and € prices', async () => {
    const sink = memorySink();
    const input = fixture('catalog-es-semicolon.csv');
    const preview = await previewCsv(input);
    expect(preview.delimiter).toBe(';');
    expect(preview.mapping).toMatchObject({ sku: 0, title: 1, brand: 2, gtin: 3, price: 4, active: 7, decimal: ',' });
    const s = await importCatalogCsv(input, preview.mapping, sink);
    expect(s).toMatchObject({ rows: 3, created: 3, rejected: 0, delimiter: ';' });
    expect(sink.products.get('ES-1')).toMatchObject({ price: 1234.56, stock: { Madrid: 10, Sevilla: 2 }, active: true, gtin: '04006381333931' });
    expect(sink.products.get('ES-2')).toMatchObject({ title: 'Tetera clásica', price: 12.5, currency: 'EUR', active: false });
    expect(sink.products.get('ES-3')).toMatchObject({ price: 4.5, stock: { Madrid: 3 } });
  });

  it('detects windows-1252 and decodes it', async () => {
    const input = fixture('catalog-it-windows1252.csv');
    const preview = await previewCsv(input);
    expect(preview.encoding).toBe('windows-1252');
    const sink = memorySink();
    const s = await importCatalogCsv(input, preview.mapping, sink);
    expect(s.encoding).toBe('windows-1252');
    expect(sink.products.get('IT-1')).toMatchObject({ title: 'Caffè macinato €', brand: 'Lavazza', price: 3.99, stock: { default: 12 } });
    expect(sink.products.get('IT-2')?.title).toBe('Größe Tasse – grün');
  });

  it('strips a UTF-8 BOM so the first header is still recognized', async () => {
    const preview = await previewCsv(fixture('catalog-bom.csv'));
    expect(preview.headers[0]).toBe('SKU');
    expect(preview.mapping.sku).toBe(0);
    const sink = memorySink();
    await importCatalogCsv(fixture('catalog-bom.csv'), preview.mapping, sink);
    expect(sink.products.get('BOM-1')).toMatchObject({ price: 9.99, gtin: '00036000291452', stock: { default: 4 } });
    expect((await decodeCsvBytes(new Uint8Array([0xff, 0xfe, 0x61, 0, 0x2c, 0, 0x62, 0]))).text).toBe('a,b');
  });

  it('honours an Excel "sep=;" line and explains GTINs a spreadsheet turned into numbers', async () => {
    const csv = 'sep=;\r\nSKU;Title;EAN;Price\r\nX-1;Mug;4,00638E+12;1,5\r\n';
    const preview = await previewCsv(csv);
    expect(preview.headers).toEqual(['SKU', 'Title', 'EAN', 'Price']);
    const sink = memorySink();
    const s = await importCatalogCsv(csv, preview.mapping, sink);
    expect(s).toMatchObject({ rows: 1, created: 1, delimiter: ';' });
    expect(s.warnings).toEqual([expect.objectContaining({ row: 2, code: 'gtin-scientific', value: '4,00638E+12' })]);
    expect(sink.products.get('X-1')).toMatchObject({ price: 1.5, gtinRaw: '4,00638E+12' });
  });

  it('keeps hostile titles as plain text', async () => {
    const sink = memorySink();
    const input = fixture('catalog-hostile.csv');
    const s = await importCatalogCsv(input, (await previewCsv(input)).mapping, sink);
    expect(s.rejected).toBe(0);
    expect(sink.products.get('HOST-1')).toMatchObject({ title: '<img src=x onerror=alert(1)>', brand: '<b>Acme</b>' });
    expect(sink.products.get('HOST-2')?.title).toBe('<script>alert("x")</script> Mug');
    expect(sink.products.get('HOST-3')?.title).toBe('=HYPERLINK("http://evil.example","click")');
    expect(sink.products.get('HOST-4')?.title).toBe('Tab\tand "quotes" and, commas');
    expect(sink.products.size).toBe(5);
  });

  it('reports progress per chunk up to the total bytes, in small batches', async () => {
    const csv = generateCatalogCsv({ rows: 3000, seed: 7 });
    const progress: ImportProgress[] = [];
    const sink = memorySink();
    const s = await importCatalogCsv(csv, guessMapping(csv.split('\r\n')[0]!.split(',')), sink, { chunkSize: 16 * 1024, onProgress: (p) => progress.push(p) });
    expect(s).toMatchObject({ rows: 3000, created: 3000, rejected: 0 });
    expect(progress.length).toBeGreaterThan(5);
    expect(progress.length).toBe(s.chunks);
    for (let i = 1; i < progress.length; i++) expect(progress[i]!.rowsDone).toBeGreaterThan(progress[i - 1]!.rowsDone);
    const last = progress.at(-1)!;
    expect(last.rowsDone).toBe(3000);
    expect(last.bytesDone).toBe(last.totalBytes);
    expect(Math.max(...sink.batches)).toBeLessThan(3000);
  });

  it('stops when cancelled, keeping what was written', async () => {
    const csv = generateCatalogCsv({ rows: 5000, seed: 3 });
    const ctrl = new AbortController();
    const sink = memorySink();
    const s = await importCatalogCsv(csv, guessMapping(csv.split('\r\n')[0]!.split(',')), sink, {
      chunkSize: 8 * 1024,
      signal: ctrl.signal,
      onProgress: (p) => {
        if (p.rowsDone > 500) ctrl.abort();
      },
    });
    expect(s.cancelled).toBe(true);
    expect(s.rows).toBeGreaterThan(500);
    expect(s.rows).toBeLessThan(5000);
    expect(sink.products.size).toBe(s.created);
  });

  it('counts duplicates across batches as duplicates, not updates', async () => {
    const rows = ['sku,title'];
    for (let i = 0; i < 2000; i++) rows.push(`S${i},Title ${i}`);
    rows.push('S5,Title five again');
    const sink = memorySink();
    const s = await importCatalogCsv(rows.join('\n'), guessMapping(['sku', 'title']), sink, { chunkSize: 4096 });
    expect(s).toMatchObject({ rows: 2001, created: 2000, updated: 0, duplicates: 1 });
    expect(sink.products.get('S5')?.title).toBe('Title five again');
  });
});

describe('importCatalogToDb (Dexie)', () => {
  it('importing again updates by SKU and never duplicates; createdAt is kept', async () => {
    const db = freshDb();
    const input = fixture('catalog-good.csv');
    const mapping = (await previewCsv(input)).mapping;
    let t = 1000;
    const first = await importCatalogToDb(db, input, mapping, { fileName: 'good.csv', now: () => t });
    expect(first).toMatchObject({ rows: 4, created: 4, updated: 0, rejected: 0 });
    expect(await db.products.count()).toBe(4);
    t = 2000;
    const second = await importCatalogToDb(db, input, mapping, { fileName: 'good.csv', now: () => t });
    expect(second).toMatchObject({ rows: 4, created: 0, updated: 4 });
    expect(await db.products.count()).toBe(4);
    const p = await db.products.get('SKU-001');
    expect(p).toMatchObject({ createdAt: 1000, updatedAt: 2000, origin: 'csv', stock: { madrid: 10, Barcelona: 5 }, extra: { color: 'blue' } });
    expect(await db.imports.count()).toBe(2);
    expect(await db.imports.get(second.recordId)).toMatchObject({ fileName: 'good.csv', rows: 4, updated: 4 });
  });

  it('a partial re-import updates mapped fields and keeps the rest (blank cells never erase)', async () => {
    const db = freshDb();
    await importCatalogToDb(db, fixture('catalog-good.csv'), (await previewCsv(fixture('catalog-good.csv'))).mapping);
    await db.products.update('SKU-002', { active: false });
    const update = 'sku,title,brand,stock_madrid,Stock (Sevilla)\nSKU-001,Blue mug 350 ml (new),,3,8\nSKU-002,Red mug,,,\nNEW-1,New thing,Acme,1,\n';
    const s = await importCatalogToDb(db, update, guessMapping(update.split('\n')[0]!.split(',')));
    expect(s).toMatchObject({ created: 1, updated: 2 });
    expect(await db.products.get('SKU-001')).toMatchObject({ title: 'Blue mug 350 ml (new)', brand: 'Acme', price: 12.5, gtin: '04006381333931', stock: { madrid: 3, Barcelona: 5, Sevilla: 8 } });
    expect(await db.products.get('SKU-002')).toMatchObject({ active: false, stock: { madrid: 0, Barcelona: 3 } });
    expect(await db.products.get('NEW-1')).toMatchObject({ active: true, origin: 'csv' });
  });

  it('keeps only the first 200 errors in the import record but all in the summary', async () => {
    const db = freshDb();
    const lines = ['sku,title'];
    for (let i = 0; i < 250; i++) lines.push(`,no sku ${i}`);
    const s = await importCatalogToDb(db, lines.join('\n'), guessMapping(['sku', 'title']));
    expect(s.errors).toHaveLength(250);
    const rec = await db.imports.get(s.recordId);
    expect(rec?.errors).toHaveLength(200);
    expect(rec?.errors[0]).toEqual({ row: 2, reason: expect.stringContaining('SKU is empty') });
  });

  it('imports a generated file with bad rows through the Dexie sink in batches', async () => {
    const db = freshDb();
    const csv = generateCatalogCsv({ rows: 2000, seed: 11, badEvery: 100, delimiter: ';' });
    const preview = await previewCsv(csv);
    expect(preview.mapping.decimal).toBe(',');
    const s = await importCatalogToDb(db, csv, preview.mapping, { chunkSize: 32 * 1024 });
    // 20 broken rows: 5 empty SKU, 5 bad price, 5 negative stock rejected; 5 bad GTINs only warned.
    expect(s.rejected).toBe(15);
    expect(s.warnings.filter((w) => w.code === 'gtin-invalid')).toHaveLength(5);
    expect(s.created).toBe(1985);
    expect(await db.products.count()).toBe(1985);
    expect(s.errors[0]).toMatchObject({ row: 101, code: 'sku-empty' });
    expect(await db.products.get(generatedSku(0))).toMatchObject({ sku: 'GEN-000001', origin: 'csv' });
    const sink = createCatalogSink(db);
    expect(await sink.upsertBatch([], { activeMapped: false })).toEqual({ created: 0, updated: 0 });
  });
});
