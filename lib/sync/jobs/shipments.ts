/**
 * Job "shipments": tracking up. Two phases:
 * 1. Pull (when the catalog connector has `listShipments`): shipments of the catalog orders we
 *    created, changed since the last run's window end (less the orders overlap), page by page with
 *    the connector's cursor in the checkpoint. Each becomes a package of its imported order, keyed
 *    by the catalog's shipment id (never recorded twice), its SKUs mapped to the Amazon order items
 *    through the seller's links. A package matching tracking recorded by hand is not added.
 * 2. Confirm: every pending package, and tracking recorded by hand (`recordShipment`), goes to
 *    confirmShipment. Intent before, result after; a sent package is never sent again. An intent
 *    left by a killed run is sent again (Amazon treats a repeated confirmation of the same package
 *    as a no-op error, which is logged, never as a lost shipment).
 */
import { ConnectorError, type CatalogShipment } from '../../connectors/types';
import { listingId } from '../../domain/listing';
import type { RunContext } from '../context';
import type { OrderRow, PackageState } from '../schemas';

const DAY = 24 * 3600 * 1000;
/** The job memory key of the last pull window's end (epoch ms). */
const WINDOW_END = 'shipmentsWindowEnd';

/** Run (or resume) the shipments job. */
export async function runShipmentsJob(ctx: RunContext): Promise<void> {
  await pullShipments(ctx);
  await confirmPending(ctx);
}

/** Phase 1: record the catalog system's shipments as packages of their orders. */
async function pullShipments(ctx: RunContext): Promise<void> {
  const catalog = ctx.deps.catalog;
  if (!catalog.listShipments) return;
  const c = ctx.cp.cursor;
  if (c['pulled']) return;
  let since = c['since'] as string | undefined;
  let until = c['until'] as number | undefined;
  if (since === undefined || until === undefined) {
    until = ctx.now;
    const last = ctx.memory[WINDOW_END] as number | undefined;
    const from = last !== undefined ? last - ctx.settings.orders.overlapMinutes * 60_000 : until - ctx.settings.orders.firstRunDays * DAY;
    since = new Date(from).toISOString();
  }
  let next = c['next'] as string | undefined;
  let pages = (c['pages'] as number | undefined) ?? 0;
  for (;;) {
    ctx.checkAbort();
    const page = await catalog.listShipments({ since, cursor: next }, ctx.signal);
    pages += 1;
    // The page's packages and the cursor after it, in one transaction.
    await ctx.commit('pull', { since, until, next: page.next, pages, pulled: !page.next }, {
      tables: [ctx.tables.orders, ctx.db.links],
      progress: { phase: 'shipments', done: ctx.cp.counts['pulled'] ?? 0 },
      work: async () => {
        for (const shipment of page.items) await recordPulled(ctx, shipment);
      },
    });
    if (!page.next) break;
    next = page.next;
  }
  ctx.memoryUpdate[WINDOW_END] = until;
}

/** Record one pulled shipment on its order (inside the page's transaction). */
async function recordPulled(ctx: RunContext, shipment: CatalogShipment): Promise<void> {
  const { tables, db } = ctx;
  const row = await tables.orders.get(shipment.externalOrderId);
  if (!row || row.accountId !== ctx.accountId || row.status !== 'imported' || row.catalogOrderId !== shipment.catalogOrderId || row.order.fulfillmentChannel === 'AFN') {
    ctx.count('notOurs');
    return;
  }
  const packages = row.packages ?? [];
  if (packages.some((p) => p.key === shipment.id) || (row.shipment && row.shipment.trackingNumber === shipment.trackingNumber)) {
    ctx.count('known');
    return;
  }
  // Quantities already in packages, per Amazon order item.
  const packed = new Map<string, number>();
  for (const p of packages) for (const i of p.items) packed.set(i.orderItemId, (packed.get(i.orderItemId) ?? 0) + i.quantity);
  const productSkus = await Promise.all(row.order.items.map(async (item) => ((await db.links.get(listingId(row.marketplaceId, item.sku)))?.productSku ?? item.sku).toLowerCase()));
  const items: PackageState['items'] = [];
  const unmatched: string[] = [];
  for (const line of shipment.items) {
    let left = line.quantity;
    row.order.items.forEach((item, i) => {
      if (left <= 0 || productSkus[i] !== line.sku.toLowerCase()) return;
      const room = item.quantity - (packed.get(item.orderItemId) ?? 0);
      const take = Math.min(left, room);
      if (take <= 0) return;
      items.push({ orderItemId: item.orderItemId, quantity: take });
      packed.set(item.orderItemId, (packed.get(item.orderItemId) ?? 0) + take);
      left -= take;
    });
    if (left > 0) unmatched.push(line.sku);
  }
  const base = { key: shipment.id, carrierCode: shipment.carrierCode, trackingNumber: shipment.trackingNumber, shipDate: shipment.shipDate, items };
  let pkg: PackageState;
  if (items.length === 0) {
    // Nothing of this Amazon order is in it: recorded (so it is not examined every run) and logged.
    const message = `Shipment ${shipment.id} (${shipment.trackingNumber}) has no item of this Amazon order: ${unmatched.join(', ')}`;
    ctx.log({ level: 'warning', subjectType: 'order', subjectId: row.orderId, code: 'shipment_failed', message, params: { message } });
    pkg = { ...base, state: 'error', reason: { code: 'shipment_failed', params: { code: 'no_matching_items' } } };
    ctx.count('unmatched');
  } else {
    pkg = { ...base, state: 'pending' };
    ctx.count('pulled');
  }
  await tables.orders.put({ ...row, packages: [...packages, pkg] });
}

/** What to confirm: hand-recorded tracking ('manual') or a pulled package (its key). */
type Due = { orderId: string; which: 'manual' | { key: string } };

/** Phase 2: confirm every pending shipment and package on Amazon. */
async function confirmPending(ctx: RunContext): Promise<void> {
  const { tables } = ctx;
  const rows = await tables.orders
    .where('status')
    .equals('imported')
    .filter((r) => r.accountId === ctx.accountId && (r.shipment?.state === 'pending' || (r.packages ?? []).some((p) => p.state === 'pending')))
    .toArray();
  const due: Due[] = [];
  for (const r of rows) {
    if (r.shipment?.state === 'pending') due.push({ orderId: r.orderId, which: 'manual' });
    for (const p of r.packages ?? []) if (p.state === 'pending') due.push({ orderId: r.orderId, which: { key: p.key } });
  }
  let done = 0;
  for (const d of due) {
    ctx.checkAbort();
    await confirmOne(ctx, d, { done, total: due.length });
    done += 1;
  }
}

/** Read, or rewrite, the shipment `which` names on a row. */
function pick(row: OrderRow, which: Due['which']): (PackageState | NonNullable<OrderRow['shipment']>) | undefined {
  return which === 'manual' ? row.shipment : row.packages?.find((p) => p.key === which.key);
}
function withShipment(row: OrderRow, which: Due['which'], change: (s: PackageState | NonNullable<OrderRow['shipment']>) => object): OrderRow {
  if (which === 'manual') return row.shipment ? { ...row, shipment: { ...row.shipment, ...change(row.shipment) } } : row;
  return { ...row, packages: (row.packages ?? []).map((p) => (p.key === which.key ? { ...p, ...change(p) } : p)) };
}

async function confirmOne(ctx: RunContext, d: Due, at: { done: number; total: number }): Promise<void> {
  const { tables } = ctx;
  const row = await tables.orders.get(d.orderId);
  const s = row && pick(row, d.which);
  if (!row || !s || s.state !== 'pending') return;
  const progress = { phase: 'shipments', done: at.done, total: at.total };
  await ctx.commit('confirm', ctx.cp.cursor, {
    tables: [tables.orders],
    progress,
    work: async () => {
      const r = await tables.orders.get(d.orderId);
      if (r) await tables.orders.put(withShipment(r, d.which, () => ({ intentAt: ctx.now })));
    },
  });
  // Hand-recorded tracking covers the whole order; a package its own items.
  const items = 'items' in s ? s.items : row.order.items.map((i) => ({ orderItemId: i.orderItemId, quantity: i.quantity }));
  let failure: { code: string; message: string } | undefined;
  try {
    await ctx.deps.marketplace.confirmShipment(
      { orderId: row.orderId, marketplaceId: row.marketplaceId, carrierCode: s.carrierCode, trackingNumber: s.trackingNumber, shipDate: s.shipDate, items },
      ctx.signal,
    );
  } catch (error) {
    if (!(error instanceof ConnectorError) || error.details.retryable !== false) throw error;
    failure = { code: error.code, message: error.message };
  }
  if (failure) ctx.log({ subjectType: 'order', subjectId: row.orderId, code: failure.code === 'unknown' ? 'shipment_failed' : failure.code, message: failure.message });
  ctx.count(failure ? 'failed' : 'confirmed');
  await ctx.commit('confirm', ctx.cp.cursor, {
    tables: [tables.orders],
    progress: { ...progress, done: at.done + 1 },
    work: async () => {
      const r = await tables.orders.get(d.orderId);
      if (!r) return;
      await tables.orders.put(
        withShipment(r, d.which, () =>
          failure
            ? { intentAt: undefined, state: 'error', reason: { code: 'shipment_failed', params: { code: failure.code } } }
            : { intentAt: undefined, state: 'sent', sentAt: ctx.now, reason: undefined },
        ),
      );
    },
  });
}
