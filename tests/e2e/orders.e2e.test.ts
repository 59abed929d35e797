import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fixture, launchExtension, type ExtensionBrowser } from './harness.ts';
import { importCatalog } from './flows.ts';
import { ORDER_DETAIL_EN_US, ORDERS_DE, ORDERS_EN_US } from '../fixtures/seller-central/fixtures.ts';
import { OrderRow, type OrderStatus, type Reason } from '../../lib/sync/schemas.ts';

const US_LIST = 'https://sellercentral.amazon.com/orders-v3/mfn/unshipped?page=1';
const DE_LIST = 'https://sellercentral.amazon.de/orders-v3';
const US_ID = 'ATVPDKIKX0DER';
const DE_ID = 'A1PA6795UKMFR9';

const [usSingle, usMulti, usSameCell, usPlain] = ORDERS_EN_US.map((o) => o.orderId) as [string, string, string, string];
const [deSingle, deMulti, dePlain] = ORDERS_DE.map((o) => o.orderId) as [string, string, string];
const BOX = 'BOX 12/3 .v2'; // an item of the US three-item order

let b: ExtensionBrowser;

/** A row of the sync engine's `orders` table, in the shape lib/sync/schemas.ts defines. */
function orderRow(orderId: string, marketplaceId: string, status: OrderStatus, extra: { reason?: Reason; catalogOrderId?: string } = {}) {
  return OrderRow.parse({
    orderId,
    accountId: 'acc-e2e',
    marketplaceId,
    status,
    ...extra,
    updatedAt: 1_760_000_000_000,
    firstSeenAt: 1_760_000_000_000,
    ...(status === 'imported' || extra.catalogOrderId ? { importedAt: 1_760_000_000_000 } : {}),
    order: { orderId, marketplaceId, status: 'UNSHIPPED', fulfillmentChannel: 'MFN', createdAt: '2025-10-07T10:00:00Z', updatedAt: '2025-10-07T10:00:00Z', items: [] },
  });
}

/** Write rows into the extension's `orders` table from an extension page (never creating the database). */
async function seedOrders(rows: OrderRow[]) {
  const page = await b.options();
  await page.evaluate(async (orders) => {
    for (let i = 0; i < 100 && !(await indexedDB.databases()).some((d) => d.name === 'skulink'); i++) await new Promise((r) => setTimeout(r, 100));
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('skulink');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    if (!db.objectStoreNames.contains('orders')) throw new Error('The extension has not created its database yet.');
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('orders', 'readwrite');
      for (const o of orders) tx.objectStore('orders').put(o);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, rows);
  await page.close();
}

/** Every order host on the page: order id -> { status, unlinked count, how many hosts }. */
async function orderHosts(page: Page) {
  return page.$$eval('[data-skulink-order]', (els) => {
    const out: Record<string, { status: string; unlinked: string | null; hosts: number; text: string }> = {};
    for (const e of els) {
      const id = e.getAttribute('data-skulink-order') ?? '';
      const prev = out[id];
      out[id] = { status: e.getAttribute('data-skulink-order-status') ?? '', unlinked: e.getAttribute('data-skulink-order-unlinked'), hosts: (prev?.hosts ?? 0) + 1, text: e.shadowRoot?.textContent ?? '' };
    }
    return out;
  });
}

/** The badge host of one order (attribute compared as a value: no CSS escaping). */
const host = (page: Page, orderId: string) => page.locator(`[data-skulink-order=${JSON.stringify(orderId)}]`);
/** One SKU's control inside an order's badge (Playwright's CSS pierces the open shadow root). */
const item = (page: Page, orderId: string, sku: string) => host(page, orderId).locator(`[data-skulink-item=${JSON.stringify(sku)}]`);

async function waitForAnswers(page: Page, count: number) {
  await expect
    .poll(async () => Object.values(await orderHosts(page)).filter((h) => h.status !== 'loading').length, { timeout: 15_000 })
    .toBe(count);
}

beforeAll(async () => {
  b = await launchExtension();
  await b.servePage(/^https:\/\/sellercentral\.amazon\.com\/orders-v3\/order\//, fixture('seller-central/order-detail-en-us.html'));
  await b.servePage(/^https:\/\/sellercentral\.amazon\.com\/orders-v3\/mfn\//, fixture('seller-central/orders-list-en-us.html'));
  await b.servePage(/^https:\/\/sellercentral\.amazon\.de\/orders-v3/, fixture('seller-central/orders-list-de.html'));
  await seedOrders([
    orderRow(usSingle, US_ID, 'imported', { catalogOrderId: 'SO-1001' }),
    orderRow(usMulti, US_ID, 'error', { reason: { code: 'sku_not_linked', params: { sku: BOX } } }),
    orderRow(usSameCell, US_ID, 'cancelled', { catalogOrderId: 'SO-0999', reason: { code: 'cancel_in_catalog', params: { catalogOrderId: 'SO-0999' } } }),
    orderRow(deSingle, DE_ID, 'pending', { reason: { code: 'awaiting_payment', params: {} } }),
    orderRow(deMulti, DE_ID, 'deleted'),
  ]);
});
afterAll(async () => {
  await b?.close();
});

describe('orders overlay on Seller Central (built extension, real Chromium)', () => {
  it('shows each order of the US list its Skulink status and reason, one badge per order', async () => {
    const page = await b.context.newPage();
    await page.goto(US_LIST);
    await waitForAnswers(page, ORDERS_EN_US.length);
    const hosts = await orderHosts(page);
    expect(Object.keys(hosts).sort()).toEqual(ORDERS_EN_US.map((o) => o.orderId).sort());
    for (const h of Object.values(hosts)) expect(h.hosts).toBe(1);
    // The three-item order spans three table rows (continuation rows) and still has one badge, in its first row.
    expect(await page.locator('#orders-table tbody tr').count()).toBeGreaterThan(ORDERS_EN_US.length);
    expect(await host(page, usMulti).evaluate((el, id) => !!el.closest('tr')?.querySelector(`a[href$="/orders-v3/order/${id}"]`), usMulti)).toBe(true);

    expect(hosts[usSingle]).toMatchObject({ status: 'imported' });
    expect(hosts[usSingle]!.text).toContain('Imported ✓ SO-1001');
    expect(hosts[usMulti]).toMatchObject({ status: 'error', unlinked: '3' });
    expect(hosts[usMulti]!.text).toContain('Error: SKU not linked');
    expect(hosts[usMulti]!.text).toContain('Link the listing to its product');
    expect(hosts[usSameCell]).toMatchObject({ status: 'cancelled', unlinked: '2' });
    expect(hosts[usSameCell]!.text).toContain('cancel SO-0999 in the catalog too');
    expect(hosts[usPlain]).toMatchObject({ status: 'not-yet', unlinked: '1' });
    expect(hosts[usPlain]!.text).toContain('Not yet imported');
    // Every SKU of the multi-item order offers its Link button, odd characters included.
    for (const i of ORDERS_EN_US[1]!.items) expect(await item(page, usMulti, i.sku).getAttribute('data-skulink-item-state')).toBe('unlinked');
    // "<Set of 10>" in a title stays text.
    expect(await page.evaluate(() => document.querySelectorAll('set').length)).toBe(0);

    // The page re-renders its rows (new nodes, our hosts copied without their shadow roots): one drawn badge per order again.
    await page.evaluate(() => {
      const tbody = document.querySelector('#orders-table tbody')!;
      tbody.replaceWith(tbody.cloneNode(true));
    });
    await expect
      .poll(async () => page.$$eval('[data-skulink-order]', (els) => els.filter((e) => e.shadowRoot?.textContent).map((e) => e.getAttribute('data-skulink-order-status')).join()))
      .toBe(ORDERS_EN_US.map((o) => hosts[o.orderId]!.status).join());
    expect(await page.locator('[data-skulink-order]').count()).toBe(ORDERS_EN_US.length);
    await page.close();
  });

  it('shows the German list (pending with its reason, deleted, not yet) and the detail page', async () => {
    const page = await b.context.newPage();
    await page.goto(DE_LIST);
    await waitForAnswers(page, ORDERS_DE.length);
    const hosts = await orderHosts(page);
    expect(hosts[deSingle]).toMatchObject({ status: 'pending', hosts: 1 });
    expect(hosts[deSingle]!.text).toContain('Waiting for Amazon');
    expect(hosts[deMulti]).toMatchObject({ status: 'deleted', hosts: 1, unlinked: '2' });
    expect(hosts[dePlain]).toMatchObject({ status: 'not-yet', hosts: 1, unlinked: '1' });
    expect(await item(page, dePlain, 'NW 10/2 .v3').count()).toBe(1);

    // The detail page of the US three-item order.
    await page.goto(`https://sellercentral.amazon.com/orders-v3/order/${ORDER_DETAIL_EN_US.orderId}`);
    await waitForAnswers(page, 1);
    const detail = await orderHosts(page);
    expect(Object.keys(detail)).toEqual([ORDER_DETAIL_EN_US.orderId]);
    expect(detail[ORDER_DETAIL_EN_US.orderId]).toMatchObject({ status: 'error', unlinked: String(ORDER_DETAIL_EN_US.items.length), hosts: 1 });
    // Next to the order id, not in an item row.
    expect(await host(page, ORDER_DETAIL_EN_US.orderId).evaluate((el) => !!el.parentElement?.querySelector('[data-test-id="order-id-value"]'))).toBe(true);
    await page.close();
  });

  it('links an unlinked SKU of an order from the list through the Link popover, and the badge follows', async () => {
    const { options, counts } = await importCatalog(
      b,
      ['sku,title,brand,ean,asin,price,stock_main', 'CAT-BOX,Copperleaf glass food containers set of 10 with lids,Copperleaf,,,21.50,40', 'KDL-40V4100,Voltra 65W USB-C GaN Charger,Voltra,,,34.10,12'].join('\n'),
      'orders-catalog.csv',
    );
    expect(counts).toMatchObject({ created: 2, rejected: 0 });
    await options.close();

    const page = await b.context.newPage();
    await page.goto(US_LIST);
    await waitForAnswers(page, ORDERS_EN_US.length);
    await item(page, usMulti, BOX).click();
    const popover = page.locator(`[data-skulink-popover=${JSON.stringify(BOX)}]`);
    await popover.waitFor();
    await page.keyboard.type('CAT-BOX'); // focus starts in the search box
    await popover.locator('[data-skulink-link-to="CAT-BOX"]').click();
    await expect.poll(() => popover.count()).toBe(0); // closes once the link is made

    await expect.poll(async () => item(page, usMulti, BOX).getAttribute('data-skulink-item-state')).toBe('linked');
    expect(await item(page, usMulti, BOX).textContent()).toContain('CAT-BOX');
    // Focus returns to the order's badge, on what replaced the Link button.
    await expect.poll(async () => page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.getAttribute('data-skulink-item'))).toBe(BOX);
    await expect.poll(async () => host(page, usMulti).getAttribute('data-skulink-order-unlinked')).toBe('2');
    // The status is the sync engine's until its next run; the other orders are untouched.
    expect(await host(page, usMulti).getAttribute('data-skulink-order-status')).toBe('error');
    expect(await item(page, usSingle, 'KDL-40V4100').getAttribute('data-skulink-item-state')).toBe('unlinked');

    // The link is the background's: a reload shows it, and so does the detail page of that order.
    await page.reload();
    await waitForAnswers(page, ORDERS_EN_US.length);
    expect(await item(page, usMulti, BOX).getAttribute('data-skulink-item-state')).toBe('linked');
    await page.goto(`https://sellercentral.amazon.com/orders-v3/order/${usMulti}`);
    await waitForAnswers(page, 1);
    expect(await item(page, usMulti, BOX).getAttribute('data-skulink-item-state')).toBe('linked');
    await page.close();
  });
});
