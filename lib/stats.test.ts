import { describe, expect, it } from 'vitest';
import { createDb } from './db/db';
import type { Listing, Product } from './domain';
import { CatalogStats } from './messaging/protocol';
import { catalogStats } from './stats';

const US = 'ATVPDKIKX0DER';
const product = (sku: string): Product => ({ sku, title: sku, stock: {}, extra: {}, active: true, origin: 'csv', createdAt: 1, updatedAt: 1 });
const listing = (sku: string, mkt = US): Listing => ({ id: `${mkt}:${sku}`, marketplaceId: mkt, sku, fulfillmentChannel: 'MFN', source: 'page', firstSeenAt: 1, lastSeenAt: 1 });

describe('catalogStats', () => {
  it('is all zeros with no last import on an empty database', async () => {
    const db = createDb(`stats-${Math.random()}`);
    expect(await catalogStats(db)).toEqual({ products: 0, listings: 0, linked: 0, unlinked: 0 });
  });

  it('counts products, listings, linked and unlinked listings, and the latest import', async () => {
    const db = createDb(`stats-${Math.random()}`);
    await db.products.bulkAdd(['P1', 'P2', 'P3'].map(product));
    await db.listings.bulkAdd([listing('A'), listing('B'), listing('C'), listing('A', 'A1PA6795UKMFR9')]);
    await db.links.bulkAdd([
      { listingId: `${US}:A`, marketplaceId: US, listingSku: 'A', productSku: 'P1', method: 'manual', createdAt: 1 },
      { listingId: `${US}:C`, marketplaceId: US, listingSku: 'C', productSku: 'P2', method: 'auto-sku', createdAt: 1 },
      // A link whose listing was never stored must not make "linked" exceed the listings.
      { listingId: `${US}:GONE`, marketplaceId: US, listingSku: 'GONE', productSku: 'P3', method: 'import', createdAt: 1 },
    ]);
    await db.imports.bulkAdd([
      { at: 200, fileName: 'new.csv', rows: 10, created: 8, updated: 0, rejected: 2, errors: [] },
      { at: 100, fileName: 'old.csv', rows: 5, created: 5, updated: 0, rejected: 0, errors: [] },
    ]);
    const stats = await catalogStats(db);
    expect(stats).toEqual({ products: 3, listings: 4, linked: 2, unlinked: 2, lastImport: { at: 200, fileName: 'new.csv', rows: 10, rejected: 2 } });
    expect(CatalogStats.safeParse(stats).success).toBe(true);
  });
});
