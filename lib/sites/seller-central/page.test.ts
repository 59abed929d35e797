import { describe, expect, it } from 'vitest';
import { generateJanusPage } from '../../../tests/fixtures/seller-central/generate.ts';
import { loadFixture, parseDocument } from '../../../tests/fixtures/seller-central/load.ts';
import { isSellerCentralHost } from './hosts.ts';
import { detectInventoryShape, detectPage } from './page.ts';

const u = (s: string): URL => new URL(s, 'https://sellercentral.amazon.com');

describe('detectPage', () => {
  it.each([
    ['/myinventory/inventory?fulfilledBy=all&page=1&pageSize=25&searchField=all&searchTerm=&sort=date_created_desc&status=all', 'inventory'],
    ['https://sellercentral.amazon.de/myinventory/inventory', 'inventory'],
    ['/myinventory/inventory/', 'inventory'],
    ['/inventory', 'inventory-legacy'],
    ['/inventory?viewId=PRICING', 'inventory-legacy'],
    ['/inventory/ref=xx_invmgr_dnav_xx', 'inventory-legacy'],
    ['/hz/inventory?tbla_myitable=sort:%7B%7D', 'inventory-legacy'],
    ['/hz/inventory/view/FBAKNIGHTS', 'inventory-legacy'],
    ['/orders-v3', 'orders-list'],
    ['/orders-v3/', 'orders-list'],
    ['/orders-v3/mfn/unshipped?page=1', 'orders-list'],
    ['/orders-v3/fba/all', 'orders-list'],
    ['/orders-v3/order/113-4567890-1234567', 'order-detail'],
    ['https://sellercentral-europe.amazon.com/orders-v3/order/302-1234567-7654321?ref=x', 'order-detail'],
    ['/orders-v3/order/not-an-id', 'other'],
    ['/home', 'other'],
    ['/myinventoryx', 'other'],
    ['/inventoryplanning/manageinventoryhealth', 'other'],
    ['/abis/listing/edit?marketplaceID=ATVPDKIKX0DER&sku=A%3DB&asin=B0CKZ8W1HF', 'other'],
  ])('%s → %s', (path, kind) => {
    expect(detectPage(u(path))).toBe(kind);
  });
});

describe('detectInventoryShape', () => {
  it.each([
    ['inventory-legacy-en-us', 'legacy'],
    ['inventory-legacy-de', 'legacy'],
    ['inventory-janus-en-us', 'janus'],
    ['inventory-janus-en-us-rehashed', 'janus'],
    ['inventory-janus-es', 'janus'],
    ['inventory-janus-ja', 'janus'],
    ['inventory-janus-root-10px', 'janus'],
    ['orders-list-en-us', 'unknown'],
  ] as const)('%s → %s', (name, shape) => {
    expect(detectInventoryShape(loadFixture(name))).toBe(shape);
  });

  it('recognizes the new page before its lazy rows render, and an empty page as unknown', () => {
    // Lazy mode keeps rows in <template>s until the page script runs: only the table shell is there.
    const lazy = parseDocument(generateJanusPage({ rows: 30, seed: 3, lazy: true }));
    expect(lazy.querySelectorAll('[data-sku]').length).toBe(0);
    expect(detectInventoryShape(lazy)).toBe('janus');
    expect(detectInventoryShape(parseDocument('<!doctype html><html><body><div id="root"></div></body></html>'))).toBe('unknown');
  });

  it('decides by the DOM, not the URL: a legacy table inside a Janus-looking shell is legacy', () => {
    const d = loadFixture('inventory-legacy-en-us');
    const shell = d.createElement('div');
    shell.className = 'JanusPage-module__container--zz9Q1';
    d.body.prepend(shell);
    expect(detectInventoryShape(d)).toBe('legacy');
  });
});

describe('isSellerCentralHost', () => {
  it('knows the hosts and nothing else', () => {
    expect(isSellerCentralHost('sellercentral.amazon.de')).toBe(true);
    expect(isSellerCentralHost('SellerCentral-Europe.amazon.com:443')).toBe(true);
    expect(isSellerCentralHost('sellercentral.amazon.evil.com')).toBe(false);
    expect(isSellerCentralHost('www.amazon.com')).toBe(false);
  });
});
