import { describe, expect, it } from 'vitest';
import { ORDERS_DE, ORDERS_EN_US } from '../../../tests/fixtures/seller-central/fixtures.ts';
import { loadFixture, parseDocument } from '../../../tests/fixtures/seller-central/load.ts';
import { extractOrderDetail, extractOrderListRows, groupOrderRows } from './orders.ts';

const strip = <T extends { title?: string }>(items: T[]): Omit<T, 'title'>[] => items.map(({ title: _t, ...rest }) => rest);

describe('orders list, en-US', () => {
  const doc = loadFixture('orders-list-en-us');
  const rows = extractOrderListRows(doc);

  it('carries the order id onto continuation rows', () => {
    expect(rows.map((r) => [r.orderId, r.continuation])).toEqual([
      ['113-4567890-1234567', false],
      ['114-2233445-5566778', false],
      ['114-2233445-5566778', true],
      ['114-2233445-5566778', true],
      ['111-9876543-2109876', false],
      ['112-1111111-2222222', false],
    ]);
    expect(rows[2]?.element.querySelector('a[href*="/orders-v3/order/"]')).toBeNull();
  });

  it('reads SKU, ASIN and quantity of each item, several items in one cell, plain-text lines', () => {
    expect(rows[0]?.items).toEqual([{ title: 'Voltra 65W USB-C GaN Charger, 3-Port, Foldable Plug', asin: 'B0C7X2K9QM', sku: 'KDL-40V4100', quantity: 1 }]);
    expect(strip(rows[3]?.items ?? [])).toEqual([{ asin: 'B0CH4ND7KR', sku: 'ハンドクリーム-01', quantity: 3 }]);
    expect(strip(rows[4]?.items ?? [])).toEqual([
      { asin: 'B0CKZ8W1HF', sku: 'A=B', quantity: 1 },
      { asin: '0306406152', sku: 'QH-PB 2nd ed.', quantity: 4 },
    ]);
    expect(strip(rows[5]?.items ?? [])).toEqual([{ asin: 'B0BQ8Y3V6N', sku: 'X4-B7TK-9Q2M', quantity: 2 }]);
  });

  it('groups rows into orders with all their items', () => {
    const orders = groupOrderRows(rows);
    expect(orders.map((o) => [o.orderId, o.items.map((i) => i.sku), o.elements.length])).toEqual(
      ORDERS_EN_US.map((o) => [o.orderId, o.items.map((i) => i.sku), o.sameCell ? 1 : o.items.length]),
    );
    expect(orders.flatMap((o) => o.items.map((i) => i.quantity))).toEqual(ORDERS_EN_US.flatMap((o) => o.items.map((i) => i.quantity)));
  });

  it('mounts in the product cell of each row', () => {
    for (const r of rows) {
      expect(r.mount.classList.contains('myo-list-orders-product-name-cell')).toBe(true);
      expect(r.element.contains(r.mount)).toBe(true);
    }
  });
});

describe('orders list, de-DE', () => {
  it('reads "Stückzahl" and carries the order id', () => {
    const rows = extractOrderListRows(loadFixture('orders-list-de'));
    expect(rows.map((r) => r.orderId)).toEqual(['302-1234567-7654321', '303-7654321-1234567', '303-7654321-1234567', '028-1112223-3334445']);
    expect(strip(rows.flatMap((r) => r.items))).toEqual(ORDERS_DE.flatMap((o) => o.items.map((i) => ({ asin: i.asin, sku: i.sku, quantity: i.quantity }))));
  });
});

describe('orders list robustness', () => {
  it('skips rows before the first order id and header rows; finds an order id without a link', () => {
    const doc = parseDocument(`<!doctype html><body><div class="myo-table-container"><table id="orders-table"><tbody>
      <tr><th>Order</th><th>Product</th></tr>
      <tr><td></td><td><div class="myo-list-orders-product-name-cell"><div>SKU: ORPHAN</div></div></td></tr>
      <tr><td><span>Order 205-0000000-1111111</span></td><td><div class="myo-list-orders-product-name-cell"><div>ASIN: B0ZZZZZZZ1</div><div>SKU: S:1</div><div>Cantidad: 5</div></div></td></tr>
      <tr><td></td><td><div class="myo-list-orders-product-name-cell"><div>Item B0YYYYYYY2 sold</div><div>数量: 2</div></div></td></tr>
    </tbody></table></div></body>`);
    const rows = extractOrderListRows(doc);
    expect(rows.map((r) => [r.orderId, r.continuation, r.items])).toEqual([
      ['205-0000000-1111111', false, [{ asin: 'B0ZZZZZZZ1', sku: 'S:1', quantity: 5 }]],
      ['205-0000000-1111111', true, [{ asin: 'B0YYYYYYY2', quantity: 2 }]],
    ]);
  });
});

describe('order detail', () => {
  it('reads the id, the items and the quantity column (en-US)', () => {
    const d = extractOrderDetail(loadFixture('order-detail-en-us'));
    expect(d?.orderId).toBe('114-2233445-5566778');
    expect(strip(d?.items.map(({ element: _e, mount: _m, ...i }) => i) ?? [])).toEqual([
      { asin: 'B0B8N4TT2C', sku: 'BOX 12/3 .v2', quantity: 2 },
      { asin: 'B09XJ3M2LA', sku: `O'Brien "Deluxe"`, quantity: 1 },
      { asin: 'B0CH4ND7KR', sku: 'ハンドクリーム-01', quantity: 3 },
    ]);
    expect(d?.mount.querySelector('[data-test-id="order-id-value"]')).not.toBeNull();
    for (const it of d?.items ?? []) expect(it.element.contains(it.mount)).toBe(true);
  });

  it('reads the German "Stückzahl" column', () => {
    const d = extractOrderDetail(loadFixture('order-detail-de'));
    expect(d?.orderId).toBe('028-1112223-3334445');
    expect(d?.items.map((i) => [i.sku, i.quantity])).toEqual([['NW 10/2 .v3', 12]]);
  });

  it('falls back to the order id pattern, and returns null without one', () => {
    const doc = loadFixture('order-detail-en-us');
    doc.querySelector('[data-test-id="order-id-value"]')?.removeAttribute('data-test-id');
    expect(extractOrderDetail(doc)?.orderId).toBe('114-2233445-5566778');
    expect(extractOrderDetail(loadFixture('inventory-janus-en-us'))).toBeNull();
  });
});
