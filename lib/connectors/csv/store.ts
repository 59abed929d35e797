/**
 * The storage a CSV catalog lives in, as an interface: the lead backs it with Dexie in the
 * extension; tests use {@link createMemoryCatalogStore}. Products are keyed by SKU.
 */
import type { CatalogOrderInput, CatalogProduct } from '../types';

/** One stock change at one warehouse: `set` replaces the quantity, `adjust` adds to it. */
export interface StockChange {
  sku: string;
  warehouse: string;
  quantity: number;
  mode: 'set' | 'adjust';
}

/** An order recorded against the CSV catalog (the marketplace order id is its key). */
export interface CsvOrderRecord {
  id: string;
  externalOrderId: string;
  channel: string;
  createdAt: string;
  /** When Skulink recorded it (ms since the epoch). */
  recordedAt: number;
  lines: CatalogOrderInput['lines'];
  shipTo?: CatalogOrderInput['shipTo'];
  /** The stock taken for this order, per SKU and warehouse. */
  stockTaken: { sku: string; warehouse: string; quantity: number }[];
  /** Lines whose SKU is not in the catalog (recorded, no stock taken). */
  unknownSkus: string[];
}

/** What the CSV connector needs from storage. Implementations must apply each call atomically. */
export interface CatalogProductStore {
  /** Products in a stable order (by SKU), from `offset`, at most `limit`. */
  list(offset: number, limit: number): Promise<CatalogProduct[]>;
  getBySku(sku: string): Promise<CatalogProduct | undefined>;
  /** Insert or replace by SKU. */
  upsert(products: readonly CatalogProduct[]): Promise<void>;
  /** Apply stock changes together; throws (changing nothing) when a SKU is unknown. */
  adjustStock(changes: readonly StockChange[]): Promise<void>;
  /** The order recorded for a marketplace order id. */
  findOrder(externalOrderId: string): Promise<CsvOrderRecord | undefined>;
  /** Record an order and take its stock in one step (one transaction in Dexie). */
  recordOrder(order: CsvOrderRecord, stock: readonly StockChange[]): Promise<void>;
}

/** Thrown by stores when a stock change names a SKU the catalog does not have. */
export class UnknownSkuError extends Error {
  constructor(readonly skus: readonly string[]) {
    super(`Unknown SKU(s): ${skus.slice(0, 10).join(', ')}${skus.length > 10 ? ', ...' : ''}`);
    this.name = 'UnknownSkuError';
  }
}

/** Apply stock changes to a product copy (shared by stores so they agree on the rules). */
export function applyStockChanges(product: CatalogProduct, changes: readonly StockChange[]): CatalogProduct {
  const stock = { ...product.stock };
  for (const c of changes) stock[c.warehouse] = c.mode === 'set' ? c.quantity : (stock[c.warehouse] ?? 0) + c.quantity;
  return { ...product, stock };
}

/** An in-memory store for tests and demos. `snapshot()` gives copies of what it holds. */
export function createMemoryCatalogStore(initial: readonly CatalogProduct[] = []): CatalogProductStore & {
  snapshot(): { products: CatalogProduct[]; orders: CsvOrderRecord[] };
} {
  const products = new Map<string, CatalogProduct>(initial.map((p) => [p.sku, structuredClone(p)]));
  const orders = new Map<string, CsvOrderRecord>();
  const sorted = () => [...products.values()].sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));

  const applyAll = (changes: readonly StockChange[]) => {
    const unknown = [...new Set(changes.map((c) => c.sku).filter((sku) => !products.has(sku)))];
    if (unknown.length > 0) throw new UnknownSkuError(unknown);
    // Compute every new product first, then write: all or nothing.
    const bySku = new Map<string, StockChange[]>();
    for (const c of changes) bySku.set(c.sku, [...(bySku.get(c.sku) ?? []), c]);
    const updated = [...bySku].map(([sku, list]) => applyStockChanges(products.get(sku)!, list));
    for (const p of updated) products.set(p.sku, p);
  };

  return {
    async list(offset, limit) {
      return sorted().slice(offset, offset + limit).map((p) => structuredClone(p));
    },
    async getBySku(sku) {
      const p = products.get(sku);
      return p && structuredClone(p);
    },
    async upsert(list) {
      for (const p of list) products.set(p.sku, structuredClone(p));
    },
    async adjustStock(changes) {
      applyAll(changes);
    },
    async findOrder(externalOrderId) {
      const o = orders.get(externalOrderId);
      return o && structuredClone(o);
    },
    async recordOrder(order, stock) {
      if (orders.has(order.externalOrderId)) return;
      applyAll(stock);
      orders.set(order.externalOrderId, structuredClone(order));
    },
    snapshot() {
      return { products: sorted().map((p) => structuredClone(p)), orders: [...orders.values()].map((o) => structuredClone(o)) };
    },
  };
}
