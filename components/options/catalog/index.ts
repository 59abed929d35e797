/** Catalog import and mapping-table CSV panels of the options page. */
export { CatalogImport, type CatalogImportProps } from './catalog-import';
export { LinksCsv, type LinksCsvProps } from './links-csv';
export { catalogMessages, type CatalogMessageKey } from './messages';
