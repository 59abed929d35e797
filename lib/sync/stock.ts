/**
 * Stock that imported orders have taken but the local catalog copy does not show yet.
 *
 * `products.stock` is always the catalog system's snapshot as last downloaded. An imported order
 * records what it takes (`reserved`, per product and warehouse); the reservation counts against
 * the snapshot until a catalog page that was requested after the order was recorded arrives, which
 * marks it `reflected`. Orders with an open intent (maybe created, not yet recorded) count too.
 * Why: whatever the interleaving of catalog downloads, order imports and crashes, a quantity is
 * never overstated (at worst, for one catalog cycle, understated), so nothing is oversold.
 */
import type { Product } from '../domain/catalog';
import type { SyncTables } from './repo';
import type { OrderRow } from './schemas';

/** Reservations older than this are dropped (a catalog download happens daily). */
export const RESERVATION_TTL_MS = 7 * 24 * 3600 * 1000;

/** Quantity still to subtract, per product sku and warehouse. */
export type OpenReservations = Map<string, Record<string, number>>;

function openEntries(row: OrderRow): OrderRow['reserved'] {
  const open = !!row.intent && !row.catalogOrderId;
  if (!open && !row.catalogOrderId) return [];
  return row.reserved.filter((r) => !r.reflected);
}

/** Order rows that may hold open reservations: imported recently, or with an open intent. */
export async function ordersWithReservations(tables: SyncTables, now: number): Promise<OrderRow[]> {
  const recent = await tables.orders.where('importedAt').aboveOrEqual(now - RESERVATION_TTL_MS).toArray();
  const intents = await tables.orders
    .where('status')
    .anyOf(['pending', 'error', 'cancelled'])
    .filter((r) => !!r.intent && !r.catalogOrderId)
    .toArray();
  return [...recent, ...intents].filter((r) => openEntries(r).length > 0);
}

/** Sum of open reservations (see file comment), leaving out one order (the one being checked). */
export async function openReservations(tables: SyncTables, now: number, excludeOrderId?: string): Promise<OpenReservations> {
  const out: OpenReservations = new Map();
  for (const row of await ordersWithReservations(tables, now)) {
    if (row.orderId === excludeOrderId) continue;
    for (const r of openEntries(row)) {
      const w = out.get(r.productSku) ?? {};
      w[r.warehouse] = (w[r.warehouse] ?? 0) + r.quantity;
      out.set(r.productSku, w);
    }
  }
  return out;
}

/** The product with open reservations taken from its stock. */
export function withReservations<P extends Pick<Product, 'sku' | 'stock'>>(product: P, open: OpenReservations): P {
  const taken = open.get(product.sku);
  if (!taken) return product;
  const stock = { ...product.stock };
  for (const [w, q] of Object.entries(taken)) stock[w] = (stock[w] ?? 0) - q;
  return { ...product, stock };
}

/**
 * Inside a catalog page's transaction: reservations of orders recorded before the page was
 * requested (`requestedAt`) are in the new snapshot, so they stop counting.
 */
export async function markReflected(tables: SyncTables, skus: ReadonlySet<string>, requestedAt: number): Promise<number> {
  let n = 0;
  for (const row of await tables.orders.where('importedAt').between(requestedAt - RESERVATION_TTL_MS, requestedAt, true, false).toArray()) {
    if (!row.catalogOrderId || !row.reserved.some((r) => !r.reflected && skus.has(r.productSku))) continue;
    await tables.orders.put({ ...row, reserved: row.reserved.map((r) => (skus.has(r.productSku) ? { ...r, reflected: true } : r)) });
    n += 1;
  }
  return n;
}

/** Add (sign 1) or remove (sign -1) reservations in a running total. */
export function adjustReservations(open: OpenReservations, entries: readonly { productSku: string; warehouse: string; quantity: number }[], sign: 1 | -1): void {
  for (const r of entries) {
    const w = open.get(r.productSku) ?? {};
    w[r.warehouse] = (w[r.warehouse] ?? 0) + sign * r.quantity;
    open.set(r.productSku, w);
  }
}
