/**
 * Jobs "orders" and "ordersNightly": download orders created or updated since the last run (or,
 * nightly, since the start of the previous day) and import them into the catalog system,
 * idempotently by Amazon order id.
 *
 * Never twice: each order is one row keyed by its Amazon order id. Before createOrder the row gets
 * an `intent` (one transaction); after it returns, the catalog order id, status `imported` and the
 * stock it took are written (one transaction). A row found with an intent and no catalog order id
 * (a crash in between) is resolved by asking the catalog system (findOrder) before creating again.
 * Never lost: the page cursor is written with the page's orders, and rows left `pending` are
 * picked up by every later run.
 */
import { ConnectorError, type CatalogOrderLine, type MarketplaceOrder } from '../../connectors/types';
import { listingId } from '../../domain/listing';
import type { RunContext } from '../context';
import { OrderSnapshot, type OrderRow, type Reason } from '../schemas';
import { adjustReservations, openReservations, withReservations, type OpenReservations } from '../stock';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** How long log entries are kept (the nightly pass deletes older ones). */
export const LOG_RETENTION_MS = 90 * DAY;

/** Start of the previous UTC day before `now` (the nightly pass window). */
export function previousDayStart(now: number): number {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - DAY;
}

/** The status a newly seen or updated order gets, given what we had. */
export function nextOrderState(existing: OrderRow | undefined, o: MarketplaceOrder): Pick<OrderRow, 'status' | 'reason'> {
  const cancelled = o.status === 'CANCELLED';
  if (!existing) {
    if (cancelled) return { status: 'cancelled', reason: { code: 'cancelled_on_amazon', params: {} } };
    return { status: 'pending', reason: o.status === 'PENDING' ? { code: 'awaiting_payment', params: {} } : undefined };
  }
  if (existing.status === 'deleted') return { status: 'deleted', reason: existing.reason };
  if (cancelled) {
    if (existing.catalogOrderId) return { status: 'cancelled', reason: { code: 'cancel_in_catalog', params: { catalogOrderId: existing.catalogOrderId } } };
    return { status: 'cancelled', reason: { code: 'cancelled_on_amazon', params: {} } };
  }
  if (existing.status === 'pending' && o.status !== 'PENDING' && existing.reason?.code === 'awaiting_payment') return { status: 'pending', reason: undefined };
  return { status: existing.status, reason: existing.reason };
}

/** Whether an order may be imported now (paid, not cancelled, FBM or FBA by opt-in). */
function importable(row: OrderRow, importFba: boolean): boolean {
  if (row.catalogOrderId) return false;
  if (row.status !== 'pending' && row.status !== 'error') return false;
  if (row.order.status === 'PENDING' || row.order.status === 'CANCELLED') return false;
  if (row.order.fulfillmentChannel === 'AFN' && !importFba) return false;
  return true;
}

type Prepared =
  | { ok: true; lines: CatalogOrderLine[]; reserve: { productSku: string; warehouse: string; quantity: number }[] }
  | { ok: false; reason: Reason };

/** Check links and stock locally; the order's lines and the stock it takes, or why it cannot be imported. */
async function prepare(ctx: RunContext, row: OrderRow): Promise<Prepared> {
  const { db, settings } = ctx;
  const lines: CatalogOrderLine[] = [];
  const needs = new Map<string, number>();
  const fba = row.order.fulfillmentChannel === 'AFN';
  for (const item of row.order.items) {
    const link = await db.links.get(listingId(row.marketplaceId, item.sku));
    if (!link) return { ok: false, reason: { code: 'sku_not_linked', params: { sku: item.sku } } };
    const product = await db.products.get(link.productSku);
    if (!product) return { ok: false, reason: { code: 'product_missing', params: { sku: item.sku, productSku: link.productSku } } };
    lines.push({ productSku: product.sku, quantity: item.quantity, unitPrice: item.unitPrice, title: item.title });
    needs.set(product.sku, (needs.get(product.sku) ?? 0) + item.quantity);
  }
  if (fba) return { ok: true, lines, reserve: [] };
  const reserve: { productSku: string; warehouse: string; quantity: number }[] = [];
  // This run holds the orders lane: its running total of open reservations is exact or higher.
  const open = await reservationsOf(ctx);
  const own = row.intent && !row.catalogOrderId ? row.reserved.filter((r) => !r.reflected) : [];
  adjustReservations(open, own, -1);
  try {
    for (const [productSku, needed] of needs) {
      const product = withReservations((await db.products.get(productSku))!, open);
      const warehouse = settings.orders.warehouse ?? settings.stock.warehouses[0] ?? Object.keys(product.stock)[0] ?? 'default';
      const available = product.stock[warehouse] ?? 0;
      if (available < needed) {
        return { ok: false, reason: { code: 'insufficient_stock', params: { productSku, warehouse, available: String(available), needed: String(needed) } } };
      }
      reserve.push({ productSku, warehouse, quantity: needed });
    }
  } finally {
    adjustReservations(open, own, 1);
  }
  return { ok: true, lines, reserve };
}

const reservationCache = new WeakMap<RunContext, OpenReservations>();
async function reservationsOf(ctx: RunContext): Promise<OpenReservations> {
  let open = reservationCache.get(ctx);
  if (!open) {
    open = await openReservations(ctx.tables, ctx.now);
    reservationCache.set(ctx, open);
  }
  return open;
}

/** Write the outcome "imported": catalog id, the stock it takes (see stock.ts), intent cleared. */
async function markImported(ctx: RunContext, orderId: string, catalogOrderId: string, reserve: OrderRow['reserved']): Promise<void> {
  const { tables } = ctx;
  await ctx.commit(ctx.cp.step, ctx.cp.cursor, {
    tables: [tables.orders],
    work: async () => {
      const row = await tables.orders.get(orderId);
      if (!row || row.catalogOrderId) return; // someone recorded it already
      const cancelled = row.status === 'cancelled';
      await tables.orders.put({
        ...row,
        status: cancelled ? 'cancelled' : 'imported',
        reason: cancelled ? { code: 'cancel_in_catalog', params: { catalogOrderId } } : undefined,
        catalogOrderId,
        importedAt: ctx.now,
        intent: undefined,
        reserved: row.intent && row.reserved.length ? row.reserved : reserve,
      });
      ctx.count('imported');
    },
  });
}

/** Write the outcome "error" with its reason (logged once per new reason). */
async function markError(ctx: RunContext, row: OrderRow, reason: Reason, message = ''): Promise<void> {
  const { tables } = ctx;
  const changed = row.reason?.code !== reason.code || JSON.stringify(row.reason?.params) !== JSON.stringify(reason.params) || row.status !== 'error';
  if (changed) ctx.log({ subjectType: 'order', subjectId: row.orderId, code: reason.code, params: reason.params, message });
  // Its open intent (if any) no longer holds stock.
  const current = await ctx.tables.orders.get(row.orderId);
  if (current?.intent && !current.catalogOrderId) adjustReservations(await reservationsOf(ctx), current.reserved.filter((r) => !r.reflected), -1);
  ctx.count('failed');
  await ctx.commit(ctx.cp.step, ctx.cp.cursor, {
    tables: [tables.orders],
    work: async () => {
      const current = await tables.orders.get(row.orderId);
      if (!current || current.catalogOrderId) return;
      await tables.orders.put({ ...current, status: 'error', reason, intent: undefined, reserved: [], attempts: current.attempts + 1 });
    },
  });
  failedIds.get(ctx)?.push(row.orderId);
}

/** Orders that failed in this run (for the desktop notification). */
const failedIds = new WeakMap<RunContext, string[]>();
/** Ids of orders that ended in error during a run. */
export function failedOrderIds(ctx: RunContext): string[] {
  return failedIds.get(ctx) ?? [];
}

/** Import one order if it is importable, resolving an earlier run's intent first (see file comment). */
export async function importOrder(ctx: RunContext, orderId: string): Promise<void> {
  const { tables, deps, settings } = ctx;
  let row = await tables.orders.get(orderId);
  if (!row || row.catalogOrderId) return;
  if (row.intent) {
    // A crash between "intent" and "done": the catalog system may have the order already.
    const found = await deps.catalog.findOrder(orderId, ctx.signal);
    ctx.count('intentsResolved');
    if (found) {
      await markImported(ctx, orderId, found.id, row.reserved);
      return;
    }
  }
  if (!importable(row, settings.orders.importFba)) {
    if (row.intent) {
      await ctx.commit(ctx.cp.step, ctx.cp.cursor, { tables: [tables.orders], work: async () => { const r = await tables.orders.get(orderId); if (r && !r.catalogOrderId) await tables.orders.put({ ...r, intent: undefined }); } });
    }
    return;
  }
  const prepared = await prepare(ctx, row);
  if (!prepared.ok) return markError(ctx, row, prepared.reason);
  // Intent, re-checked inside the transaction so two runs can never both go on to create.
  let go = false;
  await ctx.commit(ctx.cp.step, ctx.cp.cursor, {
    tables: [tables.orders],
    work: async () => {
      const current = await tables.orders.get(orderId);
      if (!current || current.catalogOrderId || (current.intent && current.intent.runId !== ctx.runId && !row!.intent)) return;
      await tables.orders.put({ ...current, intent: { runId: ctx.runId, at: ctx.now }, reserved: prepared.reserve });
      go = true;
    },
  });
  if (!go) return;
  const hadIntent = !!row.intent && row.reserved.length > 0;
  const open = await reservationsOf(ctx);
  if (hadIntent) adjustReservations(open, row.reserved.filter((r) => !r.reflected), -1);
  adjustReservations(open, prepared.reserve, 1);
  row = (await tables.orders.get(orderId))!;
  let created: { id: string };
  try {
    created = await deps.catalog.createOrder(
      { externalOrderId: orderId, channel: settings.orders.channelName, lines: prepared.lines, shipTo: row.order.shipTo, createdAt: row.order.createdAt },
      ctx.signal,
    );
  } catch (error) {
    if (error instanceof ConnectorError && error.details.retryable === false) {
      return markError(ctx, row, { code: 'order_create_failed', params: { code: error.code } }, error.message);
    }
    throw error; // transient: the intent stays, the next run asks findOrder first
  }
  await markImported(ctx, orderId, created.id, prepared.reserve);
}

/** Store a page of downloaded orders (new ones pending, updated ones refreshed, cancellations marked). */
async function storePage(ctx: RunContext, orders: MarketplaceOrder[], cursor: Record<string, unknown>, progressDone: number): Promise<string[]> {
  const { tables, settings } = ctx;
  const touched: string[] = [];
  await ctx.commit('download', cursor, {
    tables: [tables.orders],
    progress: { phase: 'orders', done: progressDone },
    work: async () => {
      const wanted = orders.filter((o) => o.fulfillmentChannel !== 'AFN' || settings.orders.importFba);
      ctx.count('skippedFba', orders.length - wanted.length);
      const existing = await tables.orders.bulkGet(wanted.map((o) => o.orderId));
      const rows: OrderRow[] = [];
      wanted.forEach((o, i) => {
        const old = existing[i];
        const updatedAt = Date.parse(o.updatedAt) || ctx.now;
        if (old && updatedAt <= old.updatedAt && old.order.status === o.status) {
          ctx.count('unchanged');
          touched.push(o.orderId);
          return;
        }
        const state = nextOrderState(old, o);
        if (state.status === 'cancelled' && old?.status !== 'cancelled') {
          ctx.count('cancelled');
          if (state.reason?.code === 'cancel_in_catalog') ctx.log({ level: 'warning', subjectType: 'order', subjectId: o.orderId, code: 'cancel_in_catalog', params: state.reason.params });
        }
        ctx.count(old ? 'updated' : 'new');
        rows.push({
          attempts: 0,
          reserved: [],
          firstSeenAt: ctx.now,
          ...old,
          orderId: o.orderId,
          accountId: ctx.accountId,
          marketplaceId: o.marketplaceId,
          order: OrderSnapshot.parse(o),
          updatedAt,
          ...state,
        });
        touched.push(o.orderId);
      });
      await tables.orders.bulkPut(rows);
    },
  });
  return touched;
}

/** Run (or resume) an orders job; `nightly` looks back over the whole previous day. */
export async function runOrdersJob(ctx: RunContext, nightly: boolean): Promise<void> {
  const { settings, tables } = ctx;
  failedIds.set(ctx, []);
  const c = ctx.cp.cursor;
  let since = c['since'] as number | undefined;
  let until = c['until'] as number | undefined;
  if (since === undefined || until === undefined) {
    until = ctx.now;
    const last = ctx.memory['windowEnd'] as number | undefined;
    since = nightly ? previousDayStart(until) : last !== undefined ? last - settings.orders.overlapMinutes * MINUTE : until - settings.orders.firstRunDays * DAY;
  }
  // 1. Orders a previous (killed) run left with an intent are resolved first.
  if (!c['intentsChecked']) {
    const pending = await tables.orders.where('status').anyOf(['pending', 'error', 'cancelled']).filter((r) => !!r.intent && !r.catalogOrderId).primaryKeys();
    for (const id of pending) await importOrder(ctx, id);
    await ctx.commit('download', { since, until, intentsChecked: true });
  }
  // 2. Download page by page; each page's importable orders are imported before the next page.
  let next = ctx.cp.cursor['next'] as string | undefined;
  let pages = (ctx.cp.cursor['pages'] as number | undefined) ?? 0;
  if (!ctx.cp.cursor['downloaded']) {
    if (settings.marketplaceIds.length === 0) throw new ConnectorError('no_marketplaces', 'no marketplace is selected for this account', { retryable: false });
    for (;;) {
      ctx.checkAbort();
      const page = await ctx.deps.marketplace.listOrders({ marketplaceIds: settings.marketplaceIds, updatedAfter: new Date(since).toISOString(), cursor: next }, ctx.signal);
      pages += 1;
      const cursor = { since, until, intentsChecked: true, next: page.next, pages, downloaded: !page.next };
      const ids = await storePage(ctx, page.items, cursor, (ctx.cp.counts['new'] ?? 0) + (ctx.cp.counts['updated'] ?? 0));
      for (const id of ids) {
        ctx.checkAbort();
        await importOrder(ctx, id);
      }
      if (!page.next) break;
      next = page.next;
    }
  }
  // 3. Every order still pending or in error (a fixed link, new stock) is tried again.
  const retry = await tables.orders.where('status').anyOf(['pending', 'error']).filter((r) => r.accountId === ctx.accountId && !r.catalogOrderId).primaryKeys();
  for (const id of retry) {
    ctx.checkAbort();
    await importOrder(ctx, id);
  }
  ctx.memoryUpdate['windowEnd'] = until;
  if (nightly) {
    // Nightly housekeeping: log entries older than LOG_RETENTION_MS go.
    const before = ctx.now - LOG_RETENTION_MS;
    await ctx.commit('housekeeping', ctx.cp.cursor, { work: async () => void (await tables.logs.where('at').below(before).delete()) });
  }
}
