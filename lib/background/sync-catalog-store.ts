/**
 * The CSV catalog's store over Dexie: products are the `products` table (what the options page
 * imports), and orders recorded against the catalog live in the `settings` table under
 * `csv-order:<marketplace order id>` (no table of their own yet: one row per order, keyed by the
 * idempotency key). Every call is one Dexie transaction, so an order and the stock it takes are
 * written together or not at all (a killed worker never leaves half an order).
 */
import type { CatalogProductStore, CsvOrderRecord, StockChange } from '../connectors/csv/store';
import { applyStockChanges, UnknownSkuError } from '../connectors/csv/store';
import type { CatalogProduct } from '../connectors/types';
import type { SkulinkDexie } from '../db/db';
import type { Product } from '../domain/catalog';

/** Settings key prefix of orders recorded against the CSV catalog. */
export const CSV_ORDER_PREFIX = 'csv-order:';

function toCatalogProduct(p: Product): CatalogProduct {
  const { createdAt: _c, updatedAt: _u, ...rest } = p;
  return rest;
}

/** A {@link CatalogProductStore} over the extension's database (see file comment). */
export function createDexieCatalogStore(db: SkulinkDexie, clock: { now(): number } = { now: () => Date.now() }): CatalogProductStore {
  async function applyAll(changes: readonly StockChange[]): Promise<void> {
    const skus = [...new Set(changes.map((c) => c.sku))];
    const found = await db.products.bulkGet(skus);
    const unknown = skus.filter((_, i) => !found[i]);
    if (unknown.length > 0) throw new UnknownSkuError(unknown);
    const now = clock.now();
    const rows = found.map((p) => {
      const product = p!;
      const next = applyStockChanges(product, changes.filter((c) => c.sku === product.sku));
      return { ...product, stock: next.stock, updatedAt: now };
    });
    await db.products.bulkPut(rows);
  }
  return {
    async list(offset, limit) {
      const rows = await db.products.orderBy('sku').offset(offset).limit(limit).toArray();
      return rows.map(toCatalogProduct);
    },
    async getBySku(sku) {
      const p = await db.products.get(sku);
      return p && toCatalogProduct(p);
    },
    async upsert(products) {
      const now = clock.now();
      await db.transaction('rw', db.products, async () => {
        const existing = await db.products.bulkGet(products.map((p) => p.sku));
        await db.products.bulkPut(products.map((p, i) => ({ ...p, createdAt: existing[i]?.createdAt ?? now, updatedAt: now })));
      });
    },
    async adjustStock(changes) {
      await db.transaction('rw', db.products, () => applyAll(changes));
    },
    async findOrder(externalOrderId) {
      const row = await db.settings.get(CSV_ORDER_PREFIX + externalOrderId);
      return row?.value as CsvOrderRecord | undefined;
    },
    async recordOrder(order, stock) {
      await db.transaction('rw', [db.products, db.settings], async () => {
        const key = CSV_ORDER_PREFIX + order.externalOrderId;
        if (await db.settings.get(key)) return;
        await applyAll(stock);
        await db.settings.put({ key, value: order });
      });
    },
  };
}

/** Every order recorded against the CSV catalog (tests, the demo and diagnostics). */
export async function listCsvOrders(db: SkulinkDexie): Promise<CsvOrderRecord[]> {
  const rows = await db.settings.where('key').startsWith(CSV_ORDER_PREFIX).toArray();
  return rows.map((r) => r.value as CsvOrderRecord);
}
