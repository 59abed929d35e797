import { describe, expect, it } from 'vitest';
import { ConnectorError, type CatalogProduct } from '../types';
import { createCsvCatalogConnector } from './connector';
import { createMemoryCatalogStore } from './store';

function product(sku: string, stock: Record<string, number> = {}, extra: Partial<CatalogProduct> = {}): CatalogProduct {
  return { sku, title: `Product ${sku}`, stock, extra: {}, active: true, origin: 'csv', ...extra };
}

function setup(products: CatalogProduct[] = [], opts: { orderWarehouse?: string } = {}) {
  const store = createMemoryCatalogStore(products);
  const connector = createCsvCatalogConnector({ store, clock: { now: () => 1_700_000_000_000 }, currency: 'EUR', ...opts });
  return { store, connector };
}

describe('CSV catalog connector', () => {
  it('pages through the catalog in SKU order with an offset cursor', async () => {
    const skus = Array.from({ length: 23 }, (_, i) => `SKU-${String(i).padStart(3, '0')}`);
    const { connector } = setup([...skus].reverse().map((s) => product(s)));
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await connector.listProducts({ cursor, pageSize: 10 });
      seen.push(...page.items.map((p) => p.sku));
      cursor = page.next;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(skus);
    // Exactly a full last page: no empty extra page.
    const exact = setup(skus.slice(0, 20).map((s) => product(s))).connector;
    expect((await exact.listProducts({ cursor: '10', pageSize: 10 })).next).toBeUndefined();
    await expect(connector.listProducts({ cursor: 'page-two' })).rejects.toMatchObject({ code: 'bad_cursor' });
  });

  it('adds a product to the catalog, validated, and refuses a SKU it already has', async () => {
    const { connector, store } = setup([product('A-1')]);
    const created = await connector.createProduct({ sku: ' NEW-1 ', title: 'Stoneware Mug', price: 12.5, gtin: '00036000291452', brand: 'Kiln' });
    expect(created).toEqual({ sku: 'NEW-1', title: 'Stoneware Mug', price: 12.5, currency: 'EUR', gtin: '00036000291452', brand: 'Kiln', stock: {}, extra: {}, active: true, origin: 'amazon', externalId: 'NEW-1' });
    expect(await store.getBySku('NEW-1')).toEqual(created);
    await expect(connector.createProduct({ sku: 'A-1', title: 'x' })).rejects.toMatchObject({ code: 'duplicate_sku' });
    const bad = await connector.createProduct({ sku: 'B-1', title: 'x', gtin: '123' }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ConnectorError);
    expect((bad as ConnectorError).message).toContain('gtin');
    expect(await store.getBySku('B-1')).toBeUndefined();
  });

  it('sets and adjusts stock per warehouse, all or nothing', async () => {
    const { connector, store } = setup([product('A', { main: 5 }), product('B', { main: 1, east: 2 })]);
    await connector.changeStock([
      { sku: 'A', quantity: 9, mode: 'set' },
      { sku: 'A', warehouse: 'main', quantity: -2, mode: 'adjust' },
      { sku: 'B', warehouse: 'east', quantity: 3, mode: 'adjust' },
    ]);
    expect((await store.getBySku('A'))!.stock).toEqual({ main: 3, default: 9 });
    expect((await store.getBySku('B'))!.stock).toEqual({ main: 1, east: 5 });
    const error = await connector.changeStock([
      { sku: 'A', warehouse: 'main', quantity: 100, mode: 'set' },
      { sku: 'GHOST', quantity: 1, mode: 'set' },
    ]).catch((e: unknown) => e);
    expect((error as ConnectorError).code).toBe('unknown_sku');
    expect((error as ConnectorError).message).toContain('GHOST');
    expect((await store.getBySku('A'))!.stock.main).toBe(3);
    await expect(connector.changeStock([{ sku: 'A', quantity: -1, mode: 'set' }])).rejects.toMatchObject({ code: 'invalid_quantity' });
    await expect(connector.changeStock([{ sku: 'A', quantity: 1.5, mode: 'adjust' }])).rejects.toMatchObject({ code: 'invalid_quantity' });
  });

  it('records an order once per marketplace order id and takes its stock', async () => {
    const { connector, store } = setup([product('A', { main: 1, east: 6 }), product('B', { main: 4 })]);
    const order = {
      externalOrderId: '113-1234567-1234567',
      channel: 'Amazon',
      createdAt: '2026-01-15T09:00:00Z',
      lines: [
        { productSku: 'A', quantity: 2 },
        { productSku: 'B', quantity: 1 },
        { productSku: 'NOT-HERE', quantity: 1 },
      ],
    };
    expect(await connector.findOrder(order.externalOrderId)).toBeUndefined();
    const created = await connector.createOrder(order);
    expect(await connector.findOrder(order.externalOrderId)).toEqual(created);
    expect(await connector.createOrder(order)).toEqual(created);
    const { products, orders } = store.snapshot();
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({ unknownSkus: ['NOT-HERE'], recordedAt: 1_700_000_000_000, stockTaken: [{ sku: 'A', warehouse: 'east', quantity: 2 }, { sku: 'B', warehouse: 'main', quantity: 1 }] });
    // The warehouse that covers the line gave the stock; a retry took nothing more.
    expect(products.find((p) => p.sku === 'A')!.stock).toEqual({ main: 1, east: 4 });
    expect(products.find((p) => p.sku === 'B')!.stock).toEqual({ main: 3 });
  });

  it('takes order stock from a configured warehouse and rejects impossible quantities', async () => {
    const { connector, store } = setup([product('A', { main: 10, east: 10 })], { orderWarehouse: 'east' });
    await connector.createOrder({ externalOrderId: 'o-1', channel: 'Amazon', createdAt: '2026-01-15T09:00:00Z', lines: [{ productSku: 'A', quantity: 3 }] });
    expect((await store.getBySku('A'))!.stock).toEqual({ main: 10, east: 7 });
    await expect(connector.createOrder({ externalOrderId: 'o-2', channel: 'Amazon', createdAt: '2026-01-15T09:00:00Z', lines: [{ productSku: 'A', quantity: 0 }] })).rejects.toMatchObject({ code: 'invalid_order' });
    expect(await connector.findOrder('o-2')).toBeUndefined();
  });
});
