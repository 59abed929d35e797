/** Catalog import from CSV, the SKU mapping table as CSV, and their Dexie store. */
export * from './csv-import';
export * from './cell-values';
export * from './csv-text';
export * from './catalog-store';
export * from './links-csv';
