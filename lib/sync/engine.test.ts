import { describe, expect, it } from 'vitest';
import { createVirtualClock } from '../connectors/http/clock';
import { createDb } from '../db/db';
import { listingId } from '../domain/listing';
import { ConnectorError } from '../connectors/types';
import { createSyncEngine, type SyncEvent } from './engine';
import { syncTables } from './repo';
import { checkScenario, createScenario, US } from './testing/scenario';

async function setup(products = 40, orders = 60) {
  const clock = createVirtualClock();
  const db = createDb(`engine-${Math.random()}`);
  const s = createScenario({ clock, products, orders });
  const engine = createSyncEngine({ db, marketplace: s.marketplace, catalog: s.catalog, clock, random: () => 0.5 });
  await engine.updateSettings({ marketplaceIds: [US] });
  return { clock, db, s, engine };
}

describe('sync engine', () => {
  it('downloads catalog and listings, links by SKU and pushes only changed prices and quantities', async () => {
    const { db, s, engine, clock } = await setup();
    for (const kind of ['catalog', 'listings', 'reconcile'] as const) expect((await engine.runJob(kind)).outcome).toBe('ok');
    expect(await db.products.count()).toBe(40);
    expect(await db.links.count()).toBe(40);
    const first = await engine.runJob('offers');
    expect(first.outcome).toBe('ok');
    // FBA listings get a price but never a quantity.
    const fba = s.marketplace.received.filter((u) => u.sku === 'P00003');
    expect(fba[0]?.quantity).toBeUndefined();
    expect(s.marketplace.received.every((u) => u.sku !== 'P00003' || u.quantity === undefined)).toBe(true);
    expect(first.counts['accepted']).toBe(40);
    expect((await checkScenario(db, s, 'default', clock.now())).wrongOffers).toEqual([]);

    // Nothing changed: nothing is sent.
    const before = s.marketplace.received.length;
    const second = await engine.runJob('offers');
    expect(second.counts['accepted'] ?? 0).toBe(0);
    expect(s.marketplace.received.length).toBe(before);

    // One product's stock changes: only its quantity goes, one by one (a handful → patch path).
    await db.products.update('P00011', { stock: { main: 5, north: 0 } });
    await engine.runJob('offers');
    expect(s.marketplace.received.slice(before)).toEqual([{ marketplaceId: US, sku: 'P00011', quantity: 5, fulfillmentChannel: 'MFN' }]);
  });

  it('imports orders once, explains errors, retries them after the fix and reflects stock in the next push', async () => {
    const { db, s, engine, clock } = await setup();
    for (const kind of ['catalog', 'listings', 'reconcile', 'offers'] as const) await engine.runJob(kind);
    const r = await engine.runJob('orders');
    expect(r.outcome).toBe('partial');
    const check = await checkScenario(db, s, 'default', clock.now());
    expect(check).toEqual({ lost: [], duplicated: [], wrongOffers: expect.any(Array), stockMismatch: [] });
    const { orders } = syncTables(db);
    const failed = await orders.where('status').equals('error').toArray();
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((o) => o.reason?.code === 'sku_not_linked')).toBe(true);
    const status = await engine.orderStatus([failed[0]!.orderId, 'nope']);
    expect(status[failed[0]!.orderId]?.reason?.title).toBe('SKU not linked');
    expect(status['nope']?.status).toBe('unknown');
    const logs = await db.logs.where('subjectId').equals(failed[0]!.orderId).toArray();
    expect(logs[0]).toMatchObject({ code: 'sku_not_linked', subjectType: 'order' });

    // Running again imports nothing twice and does not log the same reason again.
    const created = s.catalog.created.length;
    await engine.runJob('orders');
    expect(s.catalog.created.length).toBe(created);
    expect(await db.logs.where('subjectId').equals(failed[0]!.orderId).count()).toBe(1);

    // The seller links the unknown SKU: the failed orders import on the next run.
    await db.products.add({ sku: 'NEW', title: 'n', stock: { main: 100 }, extra: {}, active: true, origin: 'manual', createdAt: 0, updatedAt: 0 });
    s.catalog.products.set('NEW', { sku: 'NEW', title: 'n', stock: { main: 100 }, extra: {}, active: true, origin: 'manual' });
    await db.links.add({ listingId: listingId(US, 'UNKNOWN-SKU'), marketplaceId: US, listingSku: 'UNKNOWN-SKU', productSku: 'NEW', method: 'manual', createdAt: 0 });
    await engine.runJob('orders');
    expect(await orders.where('status').equals('error').count()).toBe(0);

    // Stock taken by imported orders goes out with the next push.
    const pushed = await engine.runJob('offers');
    expect(pushed.counts['quantities']).toBeGreaterThan(0);
    expect((await checkScenario(db, s, 'default', clock.now())).wrongOffers).toEqual([]);

    // Amazon cancels an imported order: the seller is told to cancel it in the catalog too.
    const imported = (await orders.where('status').equals('imported').first())!;
    const o = s.marketplace.orders.get(imported.orderId)!;
    o.status = 'CANCELLED';
    o.updatedAt = new Date(clock.now()).toISOString();
    await engine.runJob('orders');
    const row = await orders.get(imported.orderId);
    expect(row).toMatchObject({ status: 'cancelled', reason: { code: 'cancel_in_catalog' }, catalogOrderId: imported.catalogOrderId });
    expect(await engine.deleteOrder(imported.orderId)).toBe(true);
    expect((await orders.get(imported.orderId))?.status).toBe('deleted');
    expect(await engine.restoreOrder(imported.orderId)).toBe(true);
    expect((await orders.get(imported.orderId))?.status).toBe('cancelled');
  });

  it('resolves a crash between createOrder and its record with findOrder, never creating twice', async () => {
    const { db, s, engine } = await setup(10, 5);
    for (const kind of ['catalog', 'listings', 'reconcile'] as const) await engine.runJob(kind);
    const { orders } = syncTables(db);
    // Simulate: the order was created in the catalog system, the worker died before recording it.
    await engine.runJob('orders', {});
    const row = (await orders.where('status').equals('imported').first())!;
    await orders.put({ ...row, status: 'pending', catalogOrderId: undefined, importedAt: undefined, intent: { runId: 'dead', at: 0 } });
    // While the intent is open its stock counts as taken (it may exist in the catalog system).
    expect((await checkScenario(db, s)).stockMismatch).toEqual([]);
    await engine.runJob('orders');
    expect(s.catalog.created.filter((c) => c.externalOrderId === row.orderId)).toHaveLength(1);
    expect(await orders.get(row.orderId)).toMatchObject({ status: 'imported', intent: undefined, reserved: row.reserved });
    expect((await checkScenario(db, s)).stockMismatch).toEqual([]);
  });

  it('keeps the intent when createOrder fails transiently, and finishes on the next run', async () => {
    const { db, s, engine } = await setup(10, 3);
    for (const kind of ['catalog', 'listings', 'reconcile'] as const) await engine.runJob(kind);
    s.catalog.failCreates = 1;
    const failed = await engine.runJob('orders');
    expect(failed.outcome).toBe('failed');
    expect(failed.error?.code).toBe('http_503');
    expect((await engine.status()).jobs.find((j) => j.kind === 'orders')?.resumable).toBe(true);
    const ok = await engine.runJob('orders');
    expect(ok.outcome === 'ok' || ok.outcome === 'partial').toBe(true);
    expect(ok.resumed).toBe(1);
    expect((await checkScenario(db, s)).duplicated).toEqual([]);
    expect((await checkScenario(db, s)).lost).toEqual([]);
  });

  it('runs one job at a time per lane, across engines sharing the database', async () => {
    const { db, s, engine, clock } = await setup(10, 3);
    const a = engine.runJob('catalog');
    const b = engine.runJob('catalog');
    expect((await b).outcome).toBe('busy');
    expect((await a).outcome).toBe('ok');
    // Another engine (a second context) sees the lease of a live run.
    const other = createSyncEngine({ db, marketplace: s.marketplace, catalog: s.catalog, clock });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slowCatalog = { ...s.catalog, listProducts: async (q: { cursor?: string }) => { await gate; return s.catalog.listProducts(q); } };
    const slow = createSyncEngine({ db, marketplace: s.marketplace, catalog: slowCatalog, clock });
    const running = slow.runJob('catalog');
    await new Promise((r) => setTimeout(r, 20));
    expect((await other.runJob('catalog')).outcome).toBe('busy');
    expect((await engine.status()).jobs.find((j) => j.kind === 'catalog')?.running).toBe(true);
    release();
    expect((await running).outcome).toBe('ok');
    // The nightly orders pass shares the orders lane: in one engine it waits for the orders run.
    await engine.updateSettings({ marketplaceIds: [US] });
    const orders = engine.runJob('orders');
    const nightly = engine.runJob('ordersNightly');
    expect((await orders).outcome).not.toBe('busy');
    expect((await nightly).outcome).not.toBe('busy');
  });

  it('skips jobs whose channel is off and gives alarm definitions for the rest', async () => {
    const { engine } = await setup(5, 1);
    await engine.updateSettings({ channels: { orderDownload: false }, schedule: { offersEveryMinutes: 10 } });
    expect((await engine.runJob('orders')).outcome).toBe('skipped');
    const alarms = await engine.schedule();
    expect(alarms.map((a) => a.kind)).not.toContain('orders');
    expect(alarms.find((a) => a.kind === 'offers')?.periodInMinutes).toBe(10);
    expect(alarms.find((a) => a.kind === 'catalog')?.periodInMinutes).toBe(1440);
    const r = await engine.handleAlarm(alarms.find((a) => a.kind === 'catalog')!.name);
    expect(r?.outcome).toBe('ok');
    expect(await engine.handleAlarm('someone-else')).toBeUndefined();
  });

  it('reports account health with the yearly re-authorization warning', async () => {
    const { engine, clock } = await setup(2, 0);
    await engine.updateSettings({ authorizedAt: clock.now() - 340 * 24 * 3600_000 });
    const st = await engine.status();
    expect(st.account).toMatchObject({ tokenValid: true, daysLeft: 25, warn: true });
    expect(st.jobs).toHaveLength(7);
  });

  it('logs refused offers against their listing with the explanation, and does not resend the same values', async () => {
    const { db, s, engine } = await setup(10, 0);
    await engine.updateSettings({ language: 'es' });
    for (const kind of ['catalog', 'listings', 'reconcile'] as const) await engine.runJob(kind);
    s.marketplace.invalid.set('P00001', { code: '90220', message: "'item_name' is required but not supplied." });
    const r = await engine.runJob('offers');
    expect(r.outcome).toBe('partial');
    const log = await db.logs.where('subjectId').equals(listingId(US, 'P00001')).first();
    expect(log).toMatchObject({ code: '90220', subjectType: 'listing', title: 'Falta un atributo obligatorio', language: 'es' });
    const n = s.marketplace.received.length;
    await engine.runJob('offers');
    expect(s.marketplace.received.length).toBe(n);
  });

  it('confirms recorded shipments once, and stops a run on abort keeping its checkpoint', async () => {
    const { db, s, engine } = await setup(10, 6);
    for (const kind of ['catalog', 'listings', 'reconcile', 'orders'] as const) await engine.runJob(kind);
    const imported = (await syncTables(db).orders.where('status').equals('imported').first())!;
    expect(await engine.recordShipment(imported.orderId, { carrierCode: 'UPS', trackingNumber: '1Z999', shipDate: '2026-01-15T12:00:00Z' })).toBe(true);
    expect((await engine.runJob('shipments')).counts['confirmed']).toBe(1);
    expect(s.marketplace.shipments).toMatchObject([{ orderId: imported.orderId, trackingNumber: '1Z999', items: imported.order.items.map((i) => ({ orderItemId: i.orderItemId })) }]);
    await engine.runJob('shipments');
    expect(s.marketplace.shipments).toHaveLength(1);
    expect((await syncTables(db).orders.get(imported.orderId))?.shipment?.state).toBe('sent');

    const controller = new AbortController();
    controller.abort();
    const r = await engine.runJob('catalog', { signal: controller.signal });
    expect(r.outcome).toBe('interrupted');
    const st = await engine.status();
    expect(st.jobs.find((j) => j.kind === 'catalog')).toMatchObject({ resumable: true, running: false, lastRun: { outcome: 'interrupted' } });
    expect((await engine.resume()).map((x) => [x.kind, x.outcome])).toEqual([['catalog', 'ok']]);
  });

  it("delegates reconciliation to the seller's auto-link when given", async () => {
    const { db, s } = await setup(5, 0);
    const clock = createVirtualClock();
    const calls: string[] = [];
    const engine = createSyncEngine({ db, marketplace: s.marketplace, catalog: s.catalog, clock, autoLink: async (id) => (calls.push(id), { linked: 3, noMatch: 2 }) });
    const r = await engine.runJob('reconcile');
    expect(calls).toEqual([US]);
    expect(r.counts).toMatchObject({ linked: 3, noMatch: 2 });
  });

  it('explains an expired authorization on the account and tells the background to notify', async () => {
    const { db, s } = await setup(5, 3);
    const clock = createVirtualClock();
    const events: SyncEvent[] = [];
    const marketplace = { ...s.marketplace, listOrders: async () => { throw new ConnectorError('invalid_grant', 'The refresh token is invalid', { retryable: false }); } };
    const engine = createSyncEngine({ db, marketplace, catalog: s.catalog, clock, notify: (e) => events.push(e) });
    await engine.updateSettings({ language: 'es' });
    const r = await engine.runJob('orders');
    expect(r).toMatchObject({ outcome: 'failed', error: { code: 'invalid_grant' } });
    const st = await engine.status();
    expect(st.account.tokenValid).toBe(false);
    expect(st.account.authError?.title).toBe('El acceso a Amazon caducó o se revocó');
    expect(await db.logs.where('subjectType').equals('account').first()).toMatchObject({ code: 'invalid_grant', language: 'es' });
    expect(events).toContainEqual({ type: 'auth-failed', accountId: 'default', code: 'invalid_grant' });
  });

  it('tells the background which orders failed to import (desktop notification)', async () => {
    const { db, s } = await setup(10, 12);
    const events: SyncEvent[] = [];
    const engine = createSyncEngine({ db, marketplace: s.marketplace, catalog: s.catalog, clock: createVirtualClock(), notify: (e) => events.push(e) });
    for (const kind of ['catalog', 'listings', 'reconcile', 'orders'] as const) await engine.runJob(kind);
    const failed = events.find((e) => e.type === 'orders-failed');
    expect(failed && failed.type === 'orders-failed' ? failed.orderIds.length : 0).toBeGreaterThan(0);
  });
});
