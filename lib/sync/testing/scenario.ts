/**
 * A seeded world for sync tests: a catalog with products and stock, a marketplace with listings
 * (same SKUs) and orders, and the checks that matter after any sequence of runs and kills.
 * Tests only, never shipped.
 */
import type { MarketplaceOrder } from '../../connectors/types';
import type { SkulinkDexie } from '../../db/db';
import { listingId } from '../../domain/listing';
import { desiredOffer } from '../rules';
import { loadSettings } from '../repo';
import { syncTables } from '../repo';
import { openReservations, withReservations } from '../stock';
import { createFakeCatalog, createFakeMarketplace, type FakeCatalog, type FakeMarketplace } from './fakes';
import type { Clock } from '../../connectors/http/clock';

/** Marketplace id used by scenarios (US). */
export const US = 'ATVPDKIKX0DER';

/** A deterministic random source. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What a scenario holds. */
export interface Scenario {
  marketplace: FakeMarketplace;
  catalog: FakeCatalog;
  /** Orders whose SKUs are all linked and in stock (must end imported exactly once). */
  importable: Set<string>;
}

/**
 * Build a world: `products` products P00000…, each listed on US with the same SKU (FBA every 7th),
 * and `orders` orders (every 11th has an unknown SKU, every 13th is cancelled).
 */
export function createScenario(opts: { clock: Clock; products: number; orders: number; seed?: number; pageSize?: number }): Scenario {
  const random = seededRandom(opts.seed ?? 1);
  const marketplace = createFakeMarketplace({ clock: opts.clock, pageSize: opts.pageSize ?? 25 });
  const catalog = createFakeCatalog({ clock: opts.clock });
  const skus: string[] = [];
  for (let i = 0; i < opts.products; i++) {
    const sku = `P${String(i).padStart(5, '0')}`;
    skus.push(sku);
    catalog.products.set(sku, { sku, title: `Product ${i}`, price: 10 + (i % 50), currency: 'USD', stock: { main: 1000 + (i % 9), north: i % 5 }, extra: {}, active: i % 17 !== 5, origin: 'bigcommerce' });
    marketplace.listings.set(`${US}:${sku}`, { marketplaceId: US, sku, price: 9, quantity: 3, fulfillmentChannel: i % 7 === 3 ? 'AFN' : 'MFN' });
  }
  const importable = new Set<string>();
  const base = opts.clock.now() - 3600_000;
  for (let i = 0; i < opts.orders; i++) {
    const orderId = `111-${String(i).padStart(7, '0')}-0000001`;
    const lines = 1 + Math.floor(random() * 3);
    const items = Array.from({ length: lines }, (_, j) => {
      const sku = i % 11 === 4 && j === 0 ? 'UNKNOWN-SKU' : skus[Math.floor(random() * skus.length)]!;
      return { orderItemId: `${orderId}-${j}`, sku, quantity: 1 + Math.floor(random() * 2), unitPrice: { amount: 12, currency: 'USD' } };
    });
    const cancelled = i % 13 === 6;
    const o: MarketplaceOrder = {
      orderId,
      marketplaceId: US,
      status: cancelled ? 'CANCELLED' : 'UNSHIPPED',
      fulfillmentChannel: 'MFN',
      createdAt: new Date(base + i * 1000).toISOString(),
      updatedAt: new Date(base + i * 1000).toISOString(),
      items,
    };
    marketplace.orders.set(orderId, o);
    if (!cancelled && !items.some((it) => it.sku === 'UNKNOWN-SKU')) importable.add(orderId);
  }
  return { marketplace, catalog, importable };
}

/** Problems found after a run: orders lost or imported twice, listings whose marketplace value is wrong. */
export interface ScenarioCheck {
  lost: string[];
  duplicated: string[];
  wrongOffers: string[];
  /** Orders whose stock the local catalog took more or less than once. */
  stockMismatch: string[];
}

/** Check the invariants: every importable order imported once, every offer as the final state requires. */
export async function checkScenario(db: SkulinkDexie, s: Scenario, accountId = 'default', now = 0): Promise<ScenarioCheck> {
  const { orders } = syncTables(db);
  const perOrder = new Map<string, number>();
  for (const c of s.catalog.created) perOrder.set(c.externalOrderId, (perOrder.get(c.externalOrderId) ?? 0) + 1);
  const duplicated = [...perOrder].filter(([, n]) => n > 1).map(([id]) => id);
  const lost: string[] = [];
  for (const id of s.importable) {
    const row = await orders.get(id);
    if (!perOrder.has(id) || row?.status !== 'imported' || !row.catalogOrderId) lost.push(id);
  }
  const settings = await loadSettings(db, accountId);
  const wrongOffers: string[] = [];
  const open = await openReservations(syncTables(db), now);
  for (const link of await db.links.toArray()) {
    const stored = await db.products.get(link.productSku);
    const product = stored && withReservations(stored, open);
    const listing = await db.listings.get(link.listingId);
    if (!product || !listing) continue;
    const want = desiredOffer(product, listing, settings, undefined, now);
    const have = s.marketplace.listings.get(link.listingId)!;
    if ((want.quantity !== undefined && have.quantity !== want.quantity) || (want.price && Math.abs((have.price ?? -1) - want.price.amount) > 0.001)) wrongOffers.push(link.listingId);
  }
  // Local stock less open reservations must equal the catalog system's (which took each created order once).
  const stockMismatch: string[] = [];
  for (const [sku, p] of s.catalog.products) {
    const stored = await db.products.get(sku);
    const local = stored && withReservations(stored, open);
    if (local && JSON.stringify(local.stock) !== JSON.stringify(p.stock)) stockMismatch.push(sku);
  }
  return { lost, duplicated, wrongOffers, stockMismatch };
}

/** Link id of a scenario SKU. */
export const scenarioListingId = (sku: string) => listingId(US, sku);
