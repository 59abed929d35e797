/**
 * Catalog counts for the popup and the `stats.get` message: products, listings, how many listings
 * are linked, and the last catalog import. Reads Dexie directly, so only the background and the
 * extension pages call it (never a content script).
 */
import type { SkulinkDexie } from './db/db';
import type { CatalogStats } from './messaging/protocol';

/**
 * Count in one read transaction so the numbers agree with each other while sync writes.
 * `linked` counts listings that have a link (a link whose listing is not stored yet does not
 * count); `unlinked` is every other listing.
 */
export async function catalogStats(db: SkulinkDexie): Promise<CatalogStats> {
  return db.transaction('r', [db.products, db.listings, db.links, db.imports], async () => {
    const [products, listings, linkKeys, last] = await Promise.all([
      db.products.count(),
      db.listings.count(),
      db.links.toCollection().primaryKeys(),
      db.imports.orderBy('at').last(),
    ]);
    const linked = linkKeys.length ? await db.listings.where('id').anyOf(linkKeys).count() : 0;
    return {
      products,
      listings,
      linked,
      unlinked: listings - linked,
      ...(last ? { lastImport: { at: last.at, fileName: last.fileName, rows: last.rows, rejected: last.rejected } } : {}),
    };
  });
}
