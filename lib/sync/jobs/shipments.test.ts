import { describe, expect, it } from 'vitest';
import { createVirtualClock } from '../../connectors/http/clock';
import { ConnectorError } from '../../connectors/types';
import { createDb } from '../../db/db';
import { createSyncEngine } from '../engine';
import { syncTables } from '../repo';
import { createScenario, US } from '../testing/scenario';

async function importedWorld() {
  const clock = createVirtualClock(Date.UTC(2026, 2, 1, 9, 0, 0));
  const db = createDb(`shipments-${Math.random()}`);
  const s = createScenario({ clock, products: 20, orders: 30, seed: 4 });
  const engine = createSyncEngine({ db, marketplace: s.marketplace, catalog: s.catalog, clock });
  await engine.updateSettings({ marketplaceIds: [US], orders: { warehouse: 'main' } });
  for (const kind of ['catalog', 'listings', 'reconcile', 'orders'] as const) await engine.runJob(kind);
  const rows = await syncTables(db).orders.where('status').equals('imported').toArray();
  return { clock, db, s, engine, rows };
}

describe('shipments job (tracking up from the catalog system)', () => {
  it('confirms each catalog shipment once, items mapped to Amazon order items; skips unknown orders and unmatched SKUs', async () => {
    const { s, engine, rows, db } = await importedWorld();
    const multi = rows.find((r) => r.order.items.reduce((n, i) => n + i.quantity, 0) >= 2 && new Set(r.order.items.map((i) => i.sku)).size === r.order.items.length)!;
    const single = rows.find((r) => r !== multi)!;
    const other = rows.find((r) => r !== multi && r !== single)!;
    const ship = (id: string, row: typeof multi, items: { sku: string; quantity: number }[], tracking: string) =>
      s.catalog.shipments.push({ id, catalogOrderId: row.catalogOrderId!, externalOrderId: row.orderId, carrierCode: 'UPS', trackingNumber: tracking, shipDate: '2026-03-01T08:00:00.000Z', items });
    // Two packages for one order: the first item alone, then the rest.
    const [first, ...rest] = multi.order.items;
    const firstQty = first!.quantity > 1 ? 1 : first!.quantity;
    ship('m/1', multi, [{ sku: first!.sku, quantity: firstQty }], 'T-M1');
    const left = [...(first!.quantity > firstQty ? [{ sku: first!.sku, quantity: first!.quantity - firstQty }] : []), ...rest.map((i) => ({ sku: i.sku, quantity: i.quantity }))];
    ship('m/2', multi, left, 'T-M2');
    ship('s/1', single, single.order.items.map((i) => ({ sku: i.sku, quantity: i.quantity })), 'T-S1');
    ship('o/1', other, [{ sku: 'NOT-IN-THIS-ORDER', quantity: 1 }], 'T-O1');
    s.catalog.shipments.push({ id: 'x/1', catalogOrderId: 'C999', externalOrderId: '999-0000000-0000000', carrierCode: 'UPS', trackingNumber: 'T-X', shipDate: '2026-03-01T08:00:00.000Z', items: [{ sku: 'P00001', quantity: 1 }] });

    const r = await engine.runJob('shipments');
    expect(r.outcome).toBe('ok'); // the unmatched package is a warning in the log
    expect(r.counts).toMatchObject({ pulled: 3, unmatched: 1, notOurs: 1, confirmed: 3 });
    const sent = s.marketplace.shipments;
    expect(sent.map((x) => [x.orderId, x.trackingNumber])).toEqual([
      [multi.orderId, 'T-M1'],
      [multi.orderId, 'T-M2'],
      [single.orderId, 'T-S1'],
    ]);
    expect(sent[0]!.items).toEqual([{ orderItemId: first!.orderItemId, quantity: firstQty }]);
    const total = (xs: { quantity: number }[]) => xs.reduce((n, i) => n + i.quantity, 0);
    expect(total(sent[0]!.items) + total(sent[1]!.items)).toBe(total(multi.order.items));
    expect(sent[2]!.items).toEqual(single.order.items.map((i) => ({ orderItemId: i.orderItemId, quantity: i.quantity })));
    expect((await syncTables(db).orders.get(other.orderId))!.packages).toMatchObject([{ key: 'o/1', state: 'error' }]);

    // Again, with the same shipments listed (overlapping window): nothing is sent twice.
    const again = await engine.runJob('shipments');
    expect(again.counts).toMatchObject({ known: 4, notOurs: 1 });
    expect(again.counts['confirmed'] ?? 0).toBe(0);
    expect(s.marketplace.shipments).toHaveLength(3);
  });

  it('resumes after a failed confirmation from its checkpoint without pulling again or sending anything twice', async () => {
    const { s, engine, rows } = await importedWorld();
    for (const [i, row] of rows.slice(0, 4).entries()) {
      s.catalog.shipments.push({ id: `k/${i}`, catalogOrderId: row.catalogOrderId!, externalOrderId: row.orderId, carrierCode: 'USPS', trackingNumber: `T-${i}`, shipDate: '2026-03-01T08:00:00.000Z', items: row.order.items.map((it) => ({ sku: it.sku, quantity: it.quantity })) });
    }
    const confirm = s.marketplace.confirmShipment.bind(s.marketplace);
    let calls = 0;
    s.marketplace.confirmShipment = async (shipment, signal) => {
      calls += 1;
      if (calls === 3) throw new ConnectorError('http_503', 'Service Unavailable', { retryable: true, status: 503 });
      return confirm(shipment, signal);
    };
    let listed = 0;
    const list = s.catalog.listShipments.bind(s.catalog);
    s.catalog.listShipments = async (q, signal) => {
      listed += 1;
      return list(q, signal);
    };
    const failed = await engine.runJob('shipments');
    expect(failed.outcome).toBe('failed');
    expect(s.marketplace.shipments).toHaveLength(2);
    expect(listed).toBe(2);
    const resumed = await engine.runJob('shipments');
    expect(resumed.outcome).toBe('ok');
    expect(resumed.resumed).toBe(1);
    expect(listed).toBe(2); // pulled already: the checkpoint says so
    expect(s.marketplace.shipments.map((x) => x.trackingNumber)).toEqual(['T-0', 'T-1', 'T-2', 'T-3']);
  });

  it('sends tracking recorded by hand, and a catalog shipment with the same tracking is not added again', async () => {
    const { s, engine, rows } = await importedWorld();
    const row = rows[0]!;
    await engine.recordShipment(row.orderId, { carrierCode: 'DHL', trackingNumber: 'HAND-1', shipDate: '2026-03-01T08:00:00.000Z' });
    s.catalog.shipments.push({ id: 'h/1', catalogOrderId: row.catalogOrderId!, externalOrderId: row.orderId, carrierCode: 'DHL', trackingNumber: 'HAND-1', shipDate: '2026-03-01T08:00:00.000Z', items: row.order.items.map((it) => ({ sku: it.sku, quantity: it.quantity })) });
    const r = await engine.runJob('shipments');
    expect(r.counts).toMatchObject({ known: 1, confirmed: 1 });
    expect(s.marketplace.shipments.map((x) => x.trackingNumber)).toEqual(['HAND-1']);
  });
});
