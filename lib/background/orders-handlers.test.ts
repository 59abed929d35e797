import { beforeEach, describe, expect, it } from 'vitest';
import { createDb, type SkulinkDexie } from '../db/db';
import type { Product } from '../domain/catalog';
import { marketplaceForHost } from '../domain/marketplaces';
import { LinkService } from '../linking/service';
import type { Caller } from '../messaging/router';
import { routeMessage } from '../messaging/router';
import { writeSetting } from '../settings/setting';
import { languageSetting } from '../settings/language';
import { syncTables } from '../sync/repo';
import { OrderRow, type OrderStatus, type Reason } from '../sync/schemas';
import { createBackgroundHandlers } from './handlers';
import { createOrdersHandlers, sellerLanguage } from './orders-handlers';

const us = marketplaceForHost('sellercentral.amazon.com')!;
const de = marketplaceForHost('sellercentral.amazon.de')!;
const page = (host: string): Caller => ({ kind: 'page', marketplace: marketplaceForHost(host)!, url: new URL(`https://${host}/orders-v3`) });

function product(sku: string, title: string): Product {
  return { sku, title, stock: { main: 5 }, extra: {}, active: true, origin: 'csv', createdAt: 1, updatedAt: 1 };
}

function orderRow(orderId: string, status: OrderStatus, extra: { reason?: Reason; catalogOrderId?: string; skus?: string[] } = {}): OrderRow {
  return OrderRow.parse({
    orderId,
    accountId: 'acc-1',
    marketplaceId: us.id,
    status,
    reason: extra.reason,
    catalogOrderId: extra.catalogOrderId,
    updatedAt: 1,
    firstSeenAt: 1,
    order: {
      orderId,
      marketplaceId: us.id,
      status: 'UNSHIPPED',
      fulfillmentChannel: 'MFN',
      createdAt: '2025-10-07T10:00:00Z',
      updatedAt: '2025-10-07T10:00:00Z',
      items: (extra.skus ?? []).map((sku, i) => ({ orderItemId: `${orderId}-${i}`, sku, title: `Title of ${sku}`, quantity: 1 })),
    },
  });
}

let db: SkulinkDexie;
let service: LinkService;
let handle: ReturnType<typeof createOrdersHandlers>['orders.status'];

beforeEach(async () => {
  db = createDb(`orders-${Math.random()}`);
  service = new LinkService(db);
  handle = createOrdersHandlers(db, service)['orders.status'];
  await db.products.bulkAdd([product('CAT-1', 'Voltra 65W charger'), product('CAT-2', 'Glass containers')]);
  await syncTables(db).orders.bulkPut([
    orderRow('113-4567890-1234567', 'imported', { catalogOrderId: 'SO-1001', skus: ['KDL-40V4100'] }),
    orderRow('114-2233445-5566778', 'error', { reason: { code: 'sku_not_linked', params: { sku: 'BOX 12/3 .v2' } }, skus: ['BOX 12/3 .v2', 'HIDDEN-SKU'] }),
    orderRow('111-9876543-2109876', 'cancelled', { catalogOrderId: 'SO-0999', reason: { code: 'cancel_in_catalog', params: { catalogOrderId: 'SO-0999' } } }),
    orderRow('112-1111111-2222222', 'deleted'),
  ]);
});

describe('orders.status', () => {
  it('answers each order with the sync status, the reason, the catalog order and its SKUs link state', async () => {
    await service.rowsSeen(us, [{ sku: 'KDL-40V4100', fulfillmentChannel: 'UNKNOWN' }]);
    await service.link(us, 'KDL-40V4100', 'CAT-1', 'manual');
    const { orders } = await handle(
      {
        orders: [
          { orderId: '113-4567890-1234567', items: [{ sku: 'KDL-40V4100', asin: 'B0C7X2K9QM', quantity: 1 }] },
          { orderId: '114-2233445-5566778', items: [{ sku: 'BOX 12/3 .v2', asin: 'B0B8N4TT2C', title: 'Copperleaf containers', quantity: 2 }, { asin: 'B09XJ3M2LA' }] },
          { orderId: '111-9876543-2109876', items: [] },
          { orderId: '112-1111111-2222222', items: [] },
          { orderId: '028-1112223-3334445', items: [{ sku: 'NW 10/2 .v3', quantity: 12 }] },
        ],
      },
      page('sellercentral.amazon.com'),
    );
    expect(orders['113-4567890-1234567']).toEqual({ status: 'imported', catalogOrderId: 'SO-1001', items: [{ sku: 'KDL-40V4100', linked: true, productSku: 'CAT-1', productTitle: 'Voltra 65W charger' }] });
    const error = orders['114-2233445-5566778']!;
    expect(error).toMatchObject({ status: 'error', reasonCode: 'sku_not_linked', reason: 'SKU not linked' });
    expect(error.explanation).toContain('BOX 12/3 .v2');
    // the page's SKU first, then the one only the downloaded order knows; an item without SKU is left out
    expect(error.items).toEqual([{ sku: 'BOX 12/3 .v2', linked: false }, { sku: 'HIDDEN-SKU', linked: false }]);
    expect(orders['111-9876543-2109876']).toMatchObject({ status: 'cancelled', catalogOrderId: 'SO-0999', reasonCode: 'cancel_in_catalog' });
    expect(orders['111-9876543-2109876']!.fix).toContain('SO-0999');
    expect(orders['112-1111111-2222222']).toMatchObject({ status: 'deleted', items: [] });
    expect(orders['028-1112223-3334445']).toEqual({ status: 'not-yet', items: [{ sku: 'NW 10/2 .v3', linked: false }] });
  });

  it("records the items' SKUs as listings of the caller's marketplace (never the order quantity)", async () => {
    await service.rowsSeen(de, [{ sku: 'BOX 12/3 .v2', quantity: 40, fulfillmentChannel: 'MFN' }]);
    await handle({ orders: [{ orderId: '114-2233445-5566778', items: [{ sku: 'BOX 12/3 .v2', asin: 'B0B8N4TT2C', title: 'Copperleaf containers', quantity: 2 }] }] }, page('sellercentral.amazon.de'));
    expect(await db.listings.get(`${de.id}:BOX 12/3 .v2`)).toMatchObject({ sku: 'BOX 12/3 .v2', asin: 'B0B8N4TT2C', title: 'Copperleaf containers', quantity: 40, fulfillmentChannel: 'MFN', marketplaceId: de.id });
    expect(await db.listings.get(`${de.id}:HIDDEN-SKU`)).toMatchObject({ title: 'Title of HIDDEN-SKU', source: 'page' });
    expect(await db.listings.get(`${us.id}:BOX 12/3 .v2`)).toBeUndefined();
    // linked on another marketplace is not linked here
    await service.link(us, 'BOX 12/3 .v2', 'CAT-2', 'manual');
    const { orders } = await handle({ orders: [{ orderId: '114-2233445-5566778', items: [{ sku: 'BOX 12/3 .v2' }] }] }, page('sellercentral.amazon.de'));
    expect(orders['114-2233445-5566778']!.items[0]).toEqual({ sku: 'BOX 12/3 .v2', linked: false });
    // and once linked there, the answer says so
    await service.link(de, 'BOX 12/3 .v2', 'CAT-2', 'manual');
    const again = await handle({ orders: [{ orderId: '114-2233445-5566778', items: [{ sku: 'BOX 12/3 .v2' }] }] }, page('sellercentral.amazon.de'));
    expect(again.orders['114-2233445-5566778']!.items[0]).toEqual({ sku: 'BOX 12/3 .v2', linked: true, productSku: 'CAT-2', productTitle: 'Glass containers' });
  });

  it("writes reasons in the seller's language: the chosen one, else the browser's", async () => {
    expect(await sellerLanguage(db, 'es-ES')).toBe('es');
    expect(await sellerLanguage(db, 'ja-JP')).toBe('en');
    await writeSetting(db, languageSetting, 'es');
    expect(await sellerLanguage(db, 'en-US')).toBe('es');
    const { orders } = await handle({ orders: [{ orderId: '114-2233445-5566778', items: [] }] }, page('sellercentral.amazon.com'));
    expect(orders['114-2233445-5566778']!.reason).toBe('SKU sin vincular');
  });

  it('is refused to extension pages and to bad payloads, through the router', async () => {
    const handlers = createBackgroundHandlers(db);
    const self = { id: 'ext', origin: 'chrome-extension://ext' };
    const fromPage = { id: 'ext', tab: { id: 1, url: 'https://sellercentral.amazon.de/orders-v3' } };
    const ok = await routeMessage({ type: 'orders.status', data: { orders: [{ orderId: '113-4567890-1234567', items: [{ sku: 'KDL-40V4100' }] }] } }, fromPage, handlers, self);
    expect(ok).toMatchObject({ ok: true, value: { orders: { '113-4567890-1234567': { status: 'imported' } } } });
    // the marketplace is the sender's (DE), whatever the payload says
    const sneaky = await routeMessage({ type: 'orders.status', data: { marketplaceId: us.id, orders: [{ orderId: '113-4567890-1234567', items: [{ sku: 'ZZ-1' }] }] } }, fromPage, handlers, self);
    expect(sneaky.ok).toBe(true);
    expect(await db.listings.get(`${de.id}:ZZ-1`)).toBeDefined();
    expect(await db.listings.get(`${us.id}:ZZ-1`)).toBeUndefined();
    const badId = await routeMessage({ type: 'orders.status', data: { orders: [{ orderId: '<img src=x>', items: [] }] } }, fromPage, handlers, self);
    expect(badId).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const tooMany = await routeMessage({ type: 'orders.status', data: { orders: Array.from({ length: 201 }, () => ({ orderId: '113-4567890-1234567', items: [] })) } }, fromPage, handlers, self);
    expect(tooMany).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const fromExtension = await routeMessage({ type: 'orders.status', data: { orders: [{ orderId: '113-4567890-1234567', items: [] }] } }, { id: 'ext', url: 'chrome-extension://ext/options.html' }, handlers, self);
    expect(fromExtension).toMatchObject({ ok: false, error: { code: 'handler_failed' } });
  });
});
