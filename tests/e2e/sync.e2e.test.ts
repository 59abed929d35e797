/**
 * Sync end to end: the built extension in Chromium against the local API sandbox. A seller adds
 * the sandbox's Amazon account and a catalog, presses "Sync now" in the popup and sees counts;
 * then the service worker is stopped in the middle of an order import (CDP
 * ServiceWorker.stopAllWorkers), woken by opening the popup, and the import resumes from its
 * checkpoint: every order imported exactly once, no stock change lost.
 * Host access to the sandbox: see scripts/demo-sync.ts (routed with CORS headers).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCatalog } from './flows';
import { launchExtension, type ExtensionBrowser } from './harness';
import { addSandboxAccount, jobShown, problemsShown, sandboxCatalogCsv, startReachableSandbox, syncNow, waitForRun } from '../../scripts/demo-sync';
import { US, type SandboxHandle } from '../sandbox';

let b: ExtensionBrowser;
let sandbox: SandboxHandle;
const STOCK = 500;

beforeAll(async () => {
  b = await launchExtension();
  // Enough orders that the first order run pages (100 per page) through a few pages.
  sandbox = await startReachableSandbox(b, { listings: 120, orders: 2500, seed: 9, timeoutHoldMs: 12_000 });
});
afterAll(async () => {
  await b?.close();
  await sandbox?.close();
});

/** Read rows of the extension's database from an extension page (raw IndexedDB, read only). */
async function readDb(page: import('playwright-core').Page) {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('skulink');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const all = <T,>(store: string) =>
      new Promise<T[]>((resolve, reject) => {
        const req = db.transaction(store).objectStore(store).getAll();
        req.onsuccess = () => resolve(req.result as T[]);
        req.onerror = () => reject(req.error);
      });
    const settings = await all<{ key: string; value: unknown }>('settings');
    const products = await all<{ sku: string; stock: Record<string, number> }>('products');
    const orders = await all<{ orderId: string; status: string; catalogOrderId?: string }>('orders');
    db.close();
    return {
      csvOrders: settings.filter((s) => s.key.startsWith('csv-order:')).map((s) => s.value as { externalOrderId: string; stockTaken: { sku: string; quantity: number }[] }),
      products,
      orders,
    };
  });
}

describe('sync in the extension', () => {
  it('downloads listings and pushes price/stock from the popup, then survives a stopped worker mid order import', async () => {
    const { csv, skus } = sandboxCatalogCsv(sandbox, STOCK);
    const { options, counts } = await importCatalog(b, csv, 'sandbox.csv');
    expect(counts.rejected).toBe(0);
    expect(counts.created).toBe(skus.length);
    await options.close();
    const accountId = await addSandboxAccount(b, sandbox);
    expect(accountId).not.toBe('');

    let popup = await b.popup();
    await expect.poll(() => popup.getByTestId('sync-health').getAttribute('data-warn')).toBe('true'); // authorized 350 days ago
    const listings = await syncNow(popup, 'listings');
    expect(listings.outcome).toBe('ok');
    expect(listings.counts['created']).toBe(skus.length);
    const reconcile = await syncNow(popup, 'reconcile');
    expect(reconcile.counts['linkedBySku'] ?? reconcile.counts['linked'] ?? Object.values(reconcile.counts).reduce((a, v) => a + v, 0)).toBeGreaterThan(0);
    const offers = await syncNow(popup, 'offers');
    expect(['ok', 'partial']).toContain(offers.outcome);
    expect(offers.counts['accepted']).toBeGreaterThan(50);
    if (offers.outcome === 'partial') expect((await problemsShown(popup, 'offers')).length).toBeGreaterThan(0);

    // The kill: the second page of orders is held by the sandbox while the worker is stopped.
    const searchCalls = () => [...sandbox.stats.validatedRequests].filter(([k]) => k.includes('searchOrders')).reduce((a, [, n]) => a + n, 0);
    const before = searchCalls();
    const watcher = setInterval(() => {
      if (searchCalls() > before && sandbox.faults.pending().length === 0 && sandbox.faults.served.timeout === 0) sandbox.faults.inject({ operation: 'searchOrders', kind: 'timeout' });
    }, 2);
    const pressedAt = Date.now();
    await popup.getByTestId('sync-now-orders').click();
    await expect.poll(() => sandbox.faults.served.timeout, { timeout: 30_000, interval: 50 }).toBe(1);
    clearInterval(watcher);
    await popup.getByTestId('sync-progress').waitFor({ timeout: 5_000 });
    const midway = await readDb(popup);
    const importedBeforeKill = midway.csvOrders.length;
    expect(importedBeforeKill).toBeGreaterThan(0);
    await popup.close();

    const cdpPage = await b.options();
    const cdp = await b.context.newCDPSession(cdpPage);
    // Playwright's Worker 'close' does not fire for a stopped extension worker: watch the
    // ServiceWorker domain's running status instead.
    const stopped = new Promise<void>((resolve) =>
      cdp.on('ServiceWorker.workerVersionUpdated', (e) => {
        if (e.versions.some((v) => v.scriptURL.endsWith('/background.js') && v.runningStatus === 'stopped')) resolve();
      }),
    );
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await Promise.race([stopped, new Promise((_, reject) => setTimeout(() => reject(new Error('worker did not stop')), 10_000))]);
    const stillImported = (await readDb(cdpPage)).csvOrders.length;
    await cdpPage.close();

    // Wake it: the popup's first message starts the worker, which resumes the import.
    popup = await b.popup();
    const orders = await waitForRun(popup, 'orders', pressedAt, 60_000);
    expect(['ok', 'partial']).toContain(orders.outcome);
    expect(orders.resumed).toBeGreaterThanOrEqual(1);

    // Every importable sandbox order in the window is in the catalog exactly once.
    const after = await readDb(popup);
    const ids = after.csvOrders.map((o) => o.externalOrderId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThan(stillImported);
    expect(stillImported).toBeGreaterThanOrEqual(importedBeforeKill);
    const windowStart = pressedAt - 2 * 86_400_000;
    const catalogSkus = new Set(skus);
    const expected = [...sandbox.state.orders.values()].filter(
      (o) => o.fulfilledBy === 'MERCHANT' && o.status !== 'PENDING' && o.status !== 'CANCELLED' && Date.parse(o.lastUpdatedTime) > windowStart + 60_000 && o.items.every((it) => catalogSkus.has(it.sku)) && o.marketplaceId === US,
    );
    const missing = expected.filter((o) => !ids.includes(o.orderId)).map((o) => o.orderId);
    expect(missing).toEqual([]);
    console.info(`[sync e2e] listings ${listings.counts['created']}, offers accepted ${offers.counts['accepted']}; orders: ${importedBeforeKill} imported before the stop, ${stillImported} at the stop, ${ids.length} after resuming (${expected.length} expected, resumed ${orders.resumed}x, counts ${JSON.stringify(orders.counts)})`);
    const local = new Map(after.orders.map((o) => [o.orderId, o]));
    for (const id of ids) expect(local.get(id)?.catalogOrderId).toBe(`csv:${id}`);
    // Stock taken exactly once per order: catalog stock = start - what the recorded orders took.
    const taken = new Map<string, number>();
    for (const o of after.csvOrders) for (const s of o.stockTaken) taken.set(s.sku, (taken.get(s.sku) ?? 0) + s.quantity);
    const wrongStock = after.products.filter((p) => Object.values(p.stock).reduce((a, v) => a + v, 0) !== STOCK - (taken.get(p.sku) ?? 0)).map((p) => p.sku);
    expect(wrongStock).toEqual([]);

    // No price/stock change lost: after the catalog is read again, the push brings Amazon's
    // quantities to the catalog's for every listing Amazon accepts.
    await syncNow(popup, 'catalog');
    const push = await syncNow(popup, 'offers');
    expect(['ok', 'partial']).toContain(push.outcome);
    const stockOf = new Map(after.products.map((p) => [p.sku, Object.values(p.stock).reduce((a, v) => a + v, 0)]));
    const lost = [...sandbox.state.listings.values()]
      .filter((l) => l.marketplaceId === US && l.channel === 'MFN' && !l.conflicting && l.issues.length === 0 && stockOf.has(l.sku))
      .filter((l) => l.quantity !== stockOf.get(l.sku))
      .map((l) => `${l.sku}: ${l.quantity} vs ${stockOf.get(l.sku)}`);
    expect(lost).toEqual([]);
    const final = await jobShown(popup, 'orders');
    expect(final.outcome).toMatch(/ok|partial/);
    await popup.close();
  }, 240_000);
});
