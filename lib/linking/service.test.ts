import { beforeEach, describe, expect, it } from 'vitest';
import { createDb, type SkulinkDexie } from '../db/db';
import { marketplaceForHost } from '../domain/marketplaces';
import type { Product } from '../domain/catalog';
import { LinkRefusal, LinkService } from './service';

const us = marketplaceForHost('sellercentral.amazon.com')!;
const de = marketplaceForHost('sellercentral.amazon.de')!;

function product(sku: string, title: string, extra: Partial<Product> = {}): Product {
  return { sku, title, stock: { main: 5 }, extra: {}, active: true, origin: 'csv', createdAt: 1, updatedAt: 1, ...extra };
}

let db: SkulinkDexie;
let svc: LinkService;
let clock = 1000;

beforeEach(async () => {
  db = createDb(`svc-${Math.random()}`);
  let n = 0;
  svc = new LinkService(db, { now: () => ++clock, newId: () => `batch-${++n}` });
  await db.products.bulkAdd([
    product('KDL-40V4100', 'Sony Bravia KDL-40V4100 40" LCD TV', { brand: 'Sony', gtin: '00027242755556', updatedAt: 2 }),
    product('MUG-01', 'Ceramic coffee mug 350 ml, blue', { gtin: '04006381333931', updatedAt: 3 }),
    product('DUP-A', 'Shared barcode item A', { gtin: '00012345678905', updatedAt: 4 }),
    product('DUP-B', 'Shared barcode item B', { gtin: '00012345678905', updatedAt: 5 }),
  ]);
});

describe('LinkService', () => {
  it('records rows as listings of the marketplace of the page and answers their states', async () => {
    const views = await svc.rowsSeen(us, [
      { sku: 'KDL-40V4100', title: 'Sony KDL-40V4100', asin: 'B001TH7GUU', price: 499.99, quantity: 3, fulfillmentChannel: 'MFN' },
      { sku: 'nothing like it', title: 'Garden hose 20 m', fulfillmentChannel: 'UNKNOWN' },
    ]);
    expect(views.map((v) => v.state)).toEqual(['suggested', 'unlinked']);
    expect(views[0]!.top?.product.sku).toBe('KDL-40V4100');
    const l = await db.listings.get('ATVPDKIKX0DER:KDL-40V4100');
    expect(l).toMatchObject({ marketplaceId: 'ATVPDKIKX0DER', asin: 'B001TH7GUU', price: 499.99, currency: 'USD', quantity: 3, fulfillmentChannel: 'MFN', source: 'page' });
    // the same SKU on another marketplace is another listing
    await svc.rowsSeen(de, [{ sku: 'KDL-40V4100', fulfillmentChannel: 'AFN' }]);
    expect(await db.listings.count()).toBe(3);
  });

  it('links, shows the product, unlinks, and keeps history and labels', async () => {
    await svc.rowsSeen(us, [{ sku: 'amz-mug', title: 'Blue ceramic mug 350ml', fulfillmentChannel: 'MFN' }]);
    const linked = await svc.link(us, 'amz-mug', 'MUG-01', 'suggestion');
    expect(linked).toMatchObject({ state: 'linked', product: { sku: 'MUG-01', title: 'Ceramic coffee mug 350 ml, blue' } });
    const unlinked = await svc.unlink(us, 'amz-mug');
    expect(unlinked.state).not.toBe('linked');
    const history = await db.linkHistory.toArray();
    expect(history.map((h) => `${h.action}:${h.method}:${h.actor}`)).toEqual(['link:suggestion:seller', 'unlink:suggestion:seller']);
    expect((await db.labels.toArray()).map((l) => l.accepted)).toEqual([true, false]);
    await expect(svc.link(us, 'amz-mug', 'NOPE', 'manual')).rejects.toBeInstanceOf(LinkRefusal);
  });

  it('auto-links by SKU and GTIN, counts already linked, no match and ambiguous', async () => {
    await svc.rowsSeen(us, [
      { sku: 'kdl-40v4100', fulfillmentChannel: 'MFN' },
      { sku: 'X1', fulfillmentChannel: 'MFN' },
      { sku: 'X2', fulfillmentChannel: 'MFN' },
      { sku: 'X3', fulfillmentChannel: 'MFN' },
      { sku: 'X4', fulfillmentChannel: 'MFN' },
    ]);
    await db.listings.update('ATVPDKIKX0DER:X1', { gtin: '4006381333931' });
    await db.listings.update('ATVPDKIKX0DER:X2', { gtin: '012345678905' });
    await svc.link(us, 'X4', 'MUG-01', 'manual');
    const summary = await svc.autoLink(us);
    expect(summary).toMatchObject({ linked: 2, alreadyLinked: 1, noMatch: 1, ambiguous: 1 });
    expect((await db.links.get('ATVPDKIKX0DER:X1'))?.method).toBe('auto-gtin');
    expect((await db.links.get('ATVPDKIKX0DER:kdl-40v4100'))?.method).toBe('auto-sku');
    // undo removes exactly what the auto-link added
    expect(await svc.undo(summary.batchId!)).toEqual({ count: 2 });
    expect(await db.links.count()).toBe(1);
  });

  it('unlinks all of one marketplace behind one batch, and undo restores them with their method', async () => {
    await svc.rowsSeen(us, [{ sku: 'A', fulfillmentChannel: 'MFN' }, { sku: 'B', fulfillmentChannel: 'MFN' }]);
    await svc.rowsSeen(de, [{ sku: 'A', fulfillmentChannel: 'MFN' }]);
    await svc.link(us, 'A', 'MUG-01', 'manual');
    await svc.link(us, 'B', 'KDL-40V4100', 'suggestion');
    await svc.link(de, 'A', 'MUG-01', 'manual');
    const { batchId, count } = await svc.unlinkAll(us);
    expect(count).toBe(2);
    expect(await db.links.count()).toBe(1);
    await svc.undo(batchId);
    expect((await db.links.get('ATVPDKIKX0DER:B'))?.method).toBe('suggestion');
    expect(await db.links.count()).toBe(3);
  });

  it('adds a listing to the catalog unless its SKU or GTIN exists', async () => {
    await svc.rowsSeen(us, [
      { sku: 'NEW-1', title: 'Brand new <b>thing</b>', asin: 'B0ABCDEFGH', price: 12.5, fulfillmentChannel: 'MFN' },
      { sku: 'mug-01', title: 'mug', fulfillmentChannel: 'MFN' },
      { sku: 'G-1', title: 'barcode twin', fulfillmentChannel: 'MFN' },
    ]);
    const row = await svc.addToCatalog(us, 'NEW-1');
    expect(row).toMatchObject({ state: 'linked', product: { sku: 'NEW-1', title: 'Brand new <b>thing</b>', origin: 'amazon' } });
    expect(await db.products.get('NEW-1')).toMatchObject({ asin: 'B0ABCDEFGH', price: 12.5, origin: 'amazon' });
    await expect(svc.addToCatalog(us, 'mug-01')).rejects.toMatchObject({ code: 'exists_sku', productSku: 'MUG-01' });
    await db.listings.update('ATVPDKIKX0DER:G-1', { gtin: '4006381333931' });
    await expect(svc.addToCatalog(us, 'G-1')).rejects.toMatchObject({ code: 'exists_gtin', productSku: 'MUG-01' });
  });

  it('never suggests a product the seller rejected for that listing, and sees catalog changes', async () => {
    await svc.rowsSeen(us, [{ sku: 'kdl-40v4100', title: 'Sony KDL-40V4100', fulfillmentChannel: 'MFN' }]);
    const after = await svc.reject(us, 'kdl-40v4100', 'KDL-40V4100');
    expect(after.top?.product.sku).not.toBe('KDL-40V4100');
    expect((await svc.suggest(us, 'kdl-40v4100', 5)).map((s) => s.product.sku)).not.toContain('KDL-40V4100');
    await db.products.add(product('NEW-LAMP', 'Desk lamp LED 5W', { updatedAt: 99 }));
    expect((await svc.search('desk lamp', 3))[0]?.product.sku).toBe('NEW-LAMP');
  });

  it('does not offer a product another SKU already holds, unless it is another SKU of the same ASIN', async () => {
    const row = (sku: string, asin: string) => ({ sku, asin, title: 'Ceramic coffee mug 350 ml blue', fulfillmentChannel: 'MFN' as const });
    const [first] = await svc.rowsSeen(us, [row('mug-a', 'B0MUG00001')], true);
    expect(first).toMatchObject({ state: 'suggested', top: { product: { sku: 'MUG-01' } } });
    await svc.link(us, 'mug-a', 'MUG-01', 'suggestion');
    const [other, fba] = await svc.rowsSeen(us, [row('mug-b', 'B0MUG00002'), row('mug-a-fba', 'B0MUG00001')], true);
    // Another item with the same words: the mug is taken, so no ready suggestion.
    expect(other!.state).toBe('unlinked');
    // The FBA SKU of the linked ASIN: the same item, offered with its reason.
    expect(fba).toMatchObject({ state: 'suggested', top: { product: { sku: 'MUG-01' } } });
    expect(fba!.top?.reasons.map((r) => r.code)).toContain('linked-same-item');
    // The popover's full list still offers it, saying which SKU holds it: the seller may link two SKUs to one product by hand.
    const list = await svc.suggest(us, 'mug-b', 3);
    const mug = list.find((s) => s.product.sku === 'MUG-01');
    expect(mug?.reasons.find((r) => r.code === 'linked-to-other')?.params).toEqual({ listing: 'mug-a' });
    expect(mug?.confident).toBe(false);
  });
});
