/**
 * The Dexie side of the catalog import: upsert products by SKU in one transaction per batch and
 * record each finished import. Importing the same file twice updates and never duplicates,
 * because the products table is keyed by SKU and every batch reads before it writes.
 */
import type { Product } from '../domain/catalog';
import type { CatalogImportRecord, SkulinkDexie } from '../db/db';
import { importCatalogCsv, mergeRow, type CatalogImportSummary, type CatalogSink, type ImportOptions } from './csv-import';
import type { ColumnMapping } from './column-mapping';
import type { CsvInput } from './csv-text';

/** How many rejected rows an import record keeps (the full list is in the summary / error report). */
export const IMPORT_RECORD_MAX_ERRORS = 200;

/**
 * A {@link CatalogSink} writing to the products table: per batch one `rw` transaction with
 * `bulkGet` + `bulkPut`. New products get origin 'csv'; updates keep createdAt and origin and
 * merge stock/extras (see {@link mergeRow}).
 */
export function createCatalogSink(db: SkulinkDexie): CatalogSink {
  return {
    async upsertBatch(products: Product[], { activeMapped }) {
      return db.transaction('rw', db.products, async () => {
        const existing = await db.products.bulkGet(products.map((p) => p.sku));
        let created = 0;
        let updated = 0;
        const rows = products.map((p, i) => {
          const old = existing[i];
          if (old) {
            updated++;
            return mergeRow(old, p, activeMapped);
          }
          created++;
          return { ...p, origin: 'csv' as const };
        });
        await db.products.bulkPut(rows);
        return { created, updated };
      });
    },
  };
}

/** Store a finished import in `imports` (first {@link IMPORT_RECORD_MAX_ERRORS} errors only); returns its id. */
export async function recordCatalogImport(db: SkulinkDexie, fileName: string, summary: CatalogImportSummary, at = Date.now()): Promise<number> {
  const record: CatalogImportRecord = {
    at,
    fileName,
    rows: summary.rows,
    created: summary.created,
    updated: summary.updated,
    rejected: summary.rejected,
    errors: summary.errors.slice(0, IMPORT_RECORD_MAX_ERRORS).map(({ row, reason }) => ({ row, reason })),
  };
  return (await db.imports.add(record)) as number;
}

/**
 * Import a catalog CSV into the database and record the import: what the options page calls.
 * A cancelled import is recorded too (its rows are written), so "last import" tells the truth.
 */
export async function importCatalogToDb(
  db: SkulinkDexie,
  input: CsvInput,
  mapping: ColumnMapping,
  options: ImportOptions & { fileName?: string } = {},
): Promise<CatalogImportSummary & { recordId: number }> {
  const fileName = options.fileName ?? (typeof File !== 'undefined' && input instanceof File ? input.name : 'catalog.csv');
  const summary = await importCatalogCsv(input, mapping, createCatalogSink(db), options);
  const recordId = await recordCatalogImport(db, fileName, summary, options.now?.());
  return { ...summary, recordId };
}
