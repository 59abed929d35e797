/**
 * The background's sync wiring against the local sandbox (real HTTP, real connectors, CSV catalog
 * over Dexie): engines from stored accounts, settings from the account, alarms in step with
 * accounts, alarm → job, one notification per run with failed orders, status and handlers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Account, removeAccount, saveAccount, type AmazonAccount } from '../accounts';
import { createCsvCatalogConnector } from '../connectors/csv';
import { createDb, type SkulinkDexie } from '../db/db';
import type { Product } from '../domain/catalog';
import { alarmName } from '../sync/schedule';
import { SANDBOX_CREDENTIALS, SANDBOX_SELLER_ID, startSandbox, US, type SandboxHandle } from '../../tests/sandbox';
import { createDexieCatalogStore, listCsvOrders } from './sync-catalog-store';
import { createSyncHandlers } from './sync-handlers';
import { createSyncWiring, settingsFromAccount, type AlarmsApi, type NotificationsApi } from './sync-wiring';

let sandbox: SandboxHandle;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, listings: 40, orders: 400, seed: 11, timing: { reportQueueMs: 0, reportProcessMs: 0, feedQueueMs: 0, feedProcessMs: 0 } });
});
afterAll(async () => {
  await sandbox?.close();
});

const DAY = 86_400_000;

function amazonAccount(extra: Partial<AmazonAccount> = {}): AmazonAccount {
  return Account.parse({
    kind: 'amazon',
    id: 'acc-1',
    name: 'Sandbox US',
    region: 'NA',
    marketplaceIds: [US],
    sellerId: SANDBOX_SELLER_ID,
    ...SANDBOX_CREDENTIALS,
    endpoint: { kind: 'custom', baseUrl: sandbox.url },
    authorizedOn: new Date(Date.now() - 340 * DAY).toISOString().slice(0, 10),
    createdAt: 1,
    updatedAt: 1,
    ...extra,
  }) as AmazonAccount;
}

function fakeAlarms() {
  const alarms = new Map<string, { name: string; periodInMinutes?: number; scheduledTime?: number }>();
  const api: AlarmsApi = {
    create: (name, info) => void alarms.set(name, { name, periodInMinutes: info.periodInMinutes, scheduledTime: info.when }),
    clear: async (name) => alarms.delete(name),
    getAll: async () => [...alarms.values()],
  };
  return { alarms, api };
}

function fakeNotifications() {
  const shown: { id: string; title: string; message: string }[] = [];
  const api: NotificationsApi = { create: async (id, o) => (shown.push({ id, title: o.title, message: o.message }), id) };
  return { shown, api };
}

const texts = {
  ordersFailed: (name: string, n: number) => ({ title: 'orders failed', message: `${n} of ${name}` }),
  authFailed: (name: string) => ({ title: 'auth', message: name }),
};

function setup() {
  const db = createDb(`wiring-${Math.random()}`);
  const alarms = fakeAlarms();
  const notes = fakeNotifications();
  const wiring = createSyncWiring({ db, alarms: alarms.api, notifications: notes.api, texts, localPollMs: 20 });
  return { db, alarms, notes, wiring };
}

async function seedProducts(db: SkulinkDexie, skus: string[], stock = 1000) {
  const now = Date.now();
  await db.products.bulkPut(skus.map((sku): Product => ({ sku, title: `Product ${sku}`, stock: { main: stock }, extra: {}, active: true, origin: 'csv', createdAt: now, updatedAt: now })));
}

describe('sync wiring', () => {
  it('maps an account to engine settings: marketplaces, channels, authorization date', () => {
    const a = amazonAccount({ authorizedOn: '2025-03-01', channels: { products: true, stock: false, price: true, orderDownload: true, orderUpdate: false } });
    expect(settingsFromAccount(a, 'es')).toEqual({
      marketplaceIds: [US],
      channels: { products: true, stock: false, price: true, orderDownload: true, orderUpdate: false },
      authorizedAt: Date.UTC(2025, 2, 1),
      language: 'es',
    });
  });

  it('registers alarms for enabled jobs, re-registers when accounts change, clears them when removed', async () => {
    const { db, alarms, wiring } = setup();
    await wiring.start();
    expect(alarms.alarms.size).toBe(0);
    await saveAccount(db, amazonAccount());
    await wiring.refresh();
    // Order update is off by default for accounts: no shipments alarm.
    expect([...alarms.alarms.keys()].sort()).toEqual(['catalog', 'listings', 'offers', 'orders', 'ordersNightly', 'reconcile'].map((k) => alarmName('acc-1', k as never)).sort());
    const offersAt = alarms.alarms.get(alarmName('acc-1', 'offers'))!.scheduledTime;
    // A refresh with nothing changed keeps the alarms (and their times).
    await wiring.refresh();
    expect(alarms.alarms.get(alarmName('acc-1', 'offers'))!.scheduledTime).toBe(offersAt);
    const engine = (await wiring.engine('acc-1'))!;
    expect((await engine.getSettings()).channels).toMatchObject({ orderUpdate: false, stock: true });

    await saveAccount(db, amazonAccount({ updatedAt: 2, channels: { products: true, stock: false, price: false, orderDownload: true, orderUpdate: true } }));
    await wiring.refresh();
    expect(alarms.alarms.has(alarmName('acc-1', 'offers'))).toBe(false);
    expect(alarms.alarms.has(alarmName('acc-1', 'shipments'))).toBe(true);
    // Someone else's alarm is left alone.
    alarms.alarms.set('other-alarm', { name: 'other-alarm', periodInMinutes: 5 });
    await removeAccount(db, 'acc-1');
    await wiring.refresh();
    expect([...alarms.alarms.keys()]).toEqual(['other-alarm']);
    expect(await wiring.handleAlarm(alarmName('acc-1', 'orders'))).toBe(false);
    expect(await wiring.handleAlarm('other-alarm')).toBe(false);
  });

  it('runs jobs from alarms and "Sync now" over the sandbox, with one notification per run of failed orders', async () => {
    const { db, notes, wiring } = setup();
    await saveAccount(db, amazonAccount());
    const listed = [...sandbox.state.listings.values()].filter((l) => l.marketplaceId === US);
    // Only half the SKUs are in the catalog: orders of the other half fail (not linked).
    await seedProducts(db, listed.filter((_, i) => i % 2 === 0).map((l) => l.sku));
    await wiring.start();
    expect(await wiring.handleAlarm(alarmName('acc-1', 'listings'))).toBe(true);
    expect(await db.listings.count()).toBe(listed.length);
    const reconcile = await wiring.runJob('acc-1', 'reconcile');
    expect(reconcile?.outcome).toBe('ok');
    expect(await db.links.count()).toBe(Math.ceil(listed.length / 2));

    const orders = await wiring.runJob('acc-1', 'orders');
    expect(orders?.outcome, JSON.stringify(orders?.error)).toMatch(/ok|partial/);
    const failed = orders!.counts['failed'] ?? 0;
    expect(failed).toBeGreaterThan(0);
    expect(notes.shown).toHaveLength(1);
    expect(notes.shown[0]!.message).toBe(`${failed} of Sandbox US`);
    // Imported orders are in the CSV catalog exactly once.
    const recorded = await listCsvOrders(db);
    expect(orders!.counts['imported'], JSON.stringify(orders!.counts)).toBeGreaterThan(0);
    expect(recorded.length).toBe(orders!.counts['imported']);
    expect(new Set(recorded.map((o) => o.externalOrderId)).size).toBe(recorded.length);

    // "Sync now" answers at once; a second one while it runs is busy (the lease).
    const first = await wiring.runNow('acc-1', 'offers', 0);
    const second = await wiring.runNow('acc-1', 'offers', 50);
    expect(first.state).toBe('started');
    expect(second.state).toBe('busy');
    await wiring.idle();
    expect((await wiring.runNow('nope', 'offers')).state).toBe('unknown_account');

    const handlers = createSyncHandlers(db, wiring, () => 5);
    const { accounts, now } = await handlers['sync.status']({}, { kind: 'extension', url: new URL('chrome-extension://x/popup.html') });
    expect(now).toBe(5);
    expect(accounts).toHaveLength(1);
    const view = accounts[0]!;
    expect(view).toMatchObject({ accountId: 'acc-1', name: 'Sandbox US', marketplaces: ['US'] });
    expect(view.health).toMatchObject({ tokenValid: true, warn: true });
    expect(view.health.daysLeft).toBeGreaterThanOrEqual(24);
    expect(view.health.daysLeft).toBeLessThanOrEqual(25);
    const ordersJob = view.jobs.find((j) => j.kind === 'orders')!;
    expect(ordersJob.lastRun?.counts['imported']).toBe(orders!.counts['imported']);
    expect(ordersJob.problems.length).toBeGreaterThan(0);
    expect(ordersJob.problems.length).toBeLessThanOrEqual(3);
    expect(ordersJob.problems[0]).toMatchObject({ code: 'sku_not_linked', title: 'SKU not linked' });
    const offersJob = view.jobs.find((j) => j.kind === 'offers')!;
    expect(offersJob.lastRun?.outcome).toMatch(/ok|partial/);
    // No secret anywhere in what the popup gets.
    const text = JSON.stringify(accounts);
    for (const secret of [SANDBOX_CREDENTIALS.clientSecret, SANDBOX_CREDENTIALS.refreshToken]) expect(text).not.toContain(secret);
    const now2 = await handlers['sync.now']({ accountId: 'acc-1', job: 'reconcile' }, { kind: 'extension', url: new URL('chrome-extension://x/popup.html') });
    expect(['started', 'done']).toContain(now2.state);
    await wiring.idle();
  });

  it('resumes a run a stopped worker left at start, and reports a failed token with its explanation', async () => {
    const { db, notes, wiring } = setup();
    await saveAccount(db, amazonAccount({ refreshToken: 'Atzr|revoked-token-value' }));
    const r = await wiring.runJob('acc-1', 'listings');
    expect(r?.outcome).toBe('failed');
    expect(r?.error?.code).toBe('invalid_grant');
    expect(notes.shown.map((n) => n.title)).toEqual(['auth']);
    const [view] = (await createSyncHandlers(db, wiring)['sync.status']({}, { kind: 'extension', url: new URL('chrome-extension://x/p.html') })).accounts;
    expect(view!.health).toMatchObject({ tokenValid: false, warn: true, authError: { code: 'invalid_grant' } });
    expect(view!.jobs.find((j) => j.kind === 'listings')!.lastRun?.error).toMatchObject({ code: 'invalid_grant', title: 'Amazon access expired or was revoked' });

    // A checkpoint (a run killed mid-way) is resumed by the next worker's start.
    await saveAccount(db, amazonAccount({ updatedAt: 3 }));
    await db.checkpoints.put({ jobId: 'acc-1:listings', runId: 'dead-run', step: 'marketplaces', cursor: { index: 0 }, counts: { created: 0 }, errors: 0, updatedAt: 1, resumed: 0 });
    await db.jobs.put({ id: 'lease:acc-1:listings', owner: 'dead-run', expiresAt: Date.now() + 3600_000 });
    const next = createSyncWiring({ db, localPollMs: 20 });
    await next.start();
    await next.idle();
    const status = (await next.status())[0]!;
    const listings = status.jobs.find((j) => j.kind === 'listings')!;
    expect(listings.resumable).toBe(false);
    expect(listings.lastRun).toMatchObject({ outcome: 'ok', resumed: 1 });
    expect(await db.listings.count()).toBeGreaterThan(0);
  });
});

describe('CSV catalog over Dexie', () => {
  it('records an order and takes its stock once, all or nothing', async () => {
    const db = createDb(`csv-store-${Math.random()}`);
    await seedProducts(db, ['A', 'B'], 5);
    const connector = createCsvCatalogConnector({ store: createDexieCatalogStore(db), clock: { now: () => 7 } });
    const order = { externalOrderId: '111-1', channel: 'Amazon', createdAt: '2026-01-01T00:00:00Z', lines: [{ productSku: 'A', quantity: 2 }] };
    const created = await connector.createOrder(order);
    expect(await connector.createOrder(order)).toEqual(created);
    expect(await connector.findOrder('111-1')).toEqual(created);
    expect((await db.products.get('A'))!.stock).toEqual({ main: 3 });
    await expect(connector.changeStock([{ sku: 'A', warehouse: 'main', quantity: 1, mode: 'set' }, { sku: 'GHOST', quantity: 1, mode: 'set' }])).rejects.toMatchObject({ code: 'unknown_sku' });
    expect((await db.products.get('A'))!.stock).toEqual({ main: 3 });
    const page = await connector.listProducts({ pageSize: 1 });
    expect(page.items.map((p) => p.sku)).toEqual(['A']);
    expect(page.next).toBe('1');
    expect(page.items[0]).not.toHaveProperty('createdAt');
    expect(await listCsvOrders(db)).toHaveLength(1);
  });
});
