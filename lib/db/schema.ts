/**
 * Dexie schema versions for the "skulink" database, oldest first.
 * Why a list: every version stays declared so a database of any older version upgrades step by
 * step; each upgrade is tested from a fixture of that version (see db.test.ts).
 */
export const SCHEMA_V1 = {
  products: 'sku, gtin, asin, updatedAt',
  listings: 'id, sku, marketplaceId, asin, lastSeenAt',
  links: 'listingId, productSku, marketplaceId',
  linkHistory: '++id, at, listingId, batchId',
  settings: 'key',
} as const;

/**
 * v2: catalog imports are recorded; labels (accepted/rejected suggestions) feed the matcher;
 * sync tables (orders, jobs, job checkpoints, logs). Products gain `brand` and
 * `origin` indexes; the upgrade fills `origin`/`active`/`stock`/`extra` on products written by v1.
 */
export const SCHEMA_V2 = {
  ...SCHEMA_V1,
  products: 'sku, gtin, asin, origin, updatedAt, externalId',
  imports: '++id, at',
  labels: '++id, at, listingId, productSku',
  orders: 'orderId, status, marketplaceId, updatedAt, importedAt',
  jobs: 'id',
  checkpoints: 'jobId',
  logs: '++id, at, level, subjectType, subjectId, code',
} as const;

/**
 * v3: the sync engine's `offers` table (what each listing was last sent, what is in flight), so
 * only changed prices and quantities are pushed. No data changes: the upgrade only adds the table.
 */
export const SCHEMA_V3 = {
  ...SCHEMA_V2,
  offers: 'listingId, productSku, marketplaceId',
} as const;
