import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixture, launchExtension, type ExtensionBrowser } from './harness.ts';
import { badge, importCatalog, rowStates, waitForState } from './flows.ts';
import { demoCatalog, demoCatalogCsv } from '../fixtures/demo/catalog.ts';
import { JANUS_EN_US } from '../fixtures/seller-central/fixtures.ts';

const INVENTORY_URL = 'https://sellercentral.amazon.com/myinventory/inventory?fulfilledBy=all&page=1&pageSize=25&searchField=all&searchTerm=&sort=date_created_desc&status=all';
const profile = mkdtempSync(join(tmpdir(), 'skulink-e2e-inv-'));
let b: ExtensionBrowser;

// The page shows 24 readable rows (one row's SKU cannot be read); the demo catalog holds a
// product with the same SKU for i % 5 in {0, 1}, and the same ASIN for i % 5 == 2.
const readable = JANUS_EN_US.filter((l) => l.sku !== 'UNREADABLE-JANUS');
const expectedAuto = JANUS_EN_US.filter((l, i) => l.sku !== 'UNREADABLE-JANUS' && (i % 5 === 0 || i % 5 === 1 || (i % 5 === 2 && !l.variant?.noAsin))).length;

beforeAll(async () => {
  b = await launchExtension({ userDataDir: profile });
  await b.servePage(/^https:\/\/sellercentral\.amazon\.com\/myinventory\//, fixture('seller-central/inventory-janus-en-us.html'));
  await b.servePage(/^https:\/\/sellercentral\.amazon\.de\/(hz\/)?inventory/, fixture('seller-central/inventory-legacy-de.html'));
});
afterAll(async () => {
  await b?.close();
  rmSync(profile, { recursive: true, force: true });
});

describe('inventory overlay on Seller Central (built extension, real Chromium)', () => {
  it('imports the catalog CSV in the options page', async () => {
    const { options, counts } = await importCatalog(b, demoCatalogCsv(JANUS_EN_US));
    expect(counts).toEqual({ created: demoCatalog(JANUS_EN_US).length, updated: 0, rejected: 0 });
    // Importing the same file again updates by SKU and never duplicates.
    await options.close();
    const again = await importCatalog(b, demoCatalogCsv(JANUS_EN_US));
    expect(again.counts).toMatchObject({ created: 0, updated: demoCatalog(JANUS_EN_US).length });
    await again.options.close();
  });

  it('annotates every row with its state, an error for the unreadable row, and never runs page text', async () => {
    const page = await b.context.newPage();
    await page.goto(INVENTORY_URL);
    await page.locator('[data-skulink-bar]').waitFor();
    await expect.poll(async () => Object.keys(await rowStates(page)).length).toBe(readable.length + 1);
    // Rows show linked / not linked at once; exact matches turn "suggested" when the background answers.
    await waitForState(page, 'KDL-40V4100', 'suggested');
    const states = await rowStates(page);
    expect(states['']).toBe('error');
    for (const l of readable) expect(['unlinked', 'suggested'], l.sku).toContain(states[l.sku]);
    // exact SKU in the catalog: suggested at once
    expect(states['KDL-40V4100']).toBe('suggested');
    expect(states[`O'Brien "Deluxe"`]).toBeDefined();
    expect(states['ハンドクリーム-01']).toBeDefined();
    // "<Set of 10>" in a title stays text inside the page
    expect(await page.evaluate(() => document.querySelectorAll('set').length)).toBe(0);
    await page.close();
  });

  it('auto-links by SKU/GTIN/ASIN and reports what it did', async () => {
    const page = await b.context.newPage();
    await page.goto(INVENTORY_URL);
    await page.locator('[data-skulink-action="autolink"]').click();
    const notice = page.locator('[data-skulink-notice="autolink"] span').first();
    await notice.waitFor();
    expect(Number(await notice.getAttribute('data-linked'))).toBe(expectedAuto);
    expect(Number(await notice.getAttribute('data-already'))).toBe(0);
    expect(Number(await notice.getAttribute('data-nomatch'))).toBe(readable.length - expectedAuto);
    expect(Number(await notice.getAttribute('data-ambiguous'))).toBe(0);
    await waitForState(page, 'KDL-40V4100', 'linked');
    await waitForState(page, 'BOX 12/3 .v2', 'linked'); // by ASIN, catalog SKU CAT-1002
    await expect.poll(async () => badge(page, 'BOX 12/3 .v2').textContent()).toBe('');
    expect(await page.locator('[data-skulink-sku="BOX 12/3 .v2"]').evaluate((el) => el.shadowRoot?.textContent)).toContain('CAT-1002');
    expect(Number(await page.locator('[data-skulink-count="linked"]').getAttribute('data-value'))).toBe(expectedAuto);
    await page.close();
  });

  it('links by click from the popover suggestion, unlinks with ×, and keeps state across reloads', async () => {
    const page = await b.context.newPage();
    await page.goto(INVENTORY_URL);
    const sku = 'A=B'; // the catalog has it as ERP-2003 with a reworded title
    await badge(page, sku).locator('[data-skulink-action="link"]').click();
    const popover = page.locator(`[data-skulink-popover=${JSON.stringify(sku)}]`);
    await popover.waitFor();
    const first = popover.locator('[data-skulink-suggestion]').first();
    await expect.poll(async () => first.getAttribute('data-skulink-suggestion')).toBe('ERP-2003');
    expect(await first.textContent()).toMatch(/sure/); // confidence and reasons are shown
    await first.locator('[data-skulink-link-to]').click();
    await waitForState(page, sku, 'linked');
    await expect.poll(() => popover.count()).toBe(0);

    await page.reload();
    await waitForState(page, sku, 'linked');
    await waitForState(page, 'KDL-40V4100', 'linked');

    await badge(page, sku).locator('[data-skulink-action="unlink"]').click();
    await expect.poll(async () => badge(page, sku).getAttribute('data-skulink-state')).not.toBe('linked');
    await page.reload();
    await expect.poll(async () => badge(page, sku).getAttribute('data-skulink-state')).not.toBe('linked');
    await page.close();
  });

  it('searches the whole catalog from the popover with the keyboard', async () => {
    const page = await b.context.newPage();
    await page.goto(INVENTORY_URL);
    const sku = 'FBA.7QK2M.41';
    await waitForState(page, sku, 'linked'); // auto-linked by ASIN before; unlink then link by search
    await badge(page, sku).locator('[data-skulink-action="unlink"]').click();
    await expect.poll(async () => badge(page, sku).getAttribute('data-skulink-state')).not.toBe('linked');
    await badge(page, sku).locator('[data-skulink-action="link"]').focus();
    await page.keyboard.press('Enter');
    const popover = page.locator(`[data-skulink-popover=${JSON.stringify(sku)}]`);
    await popover.waitFor();
    await page.keyboard.type('STOCK-3001'); // focus starts in the search box
    await popover.locator('[data-skulink-link-to="STOCK-3001"]').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => popover.count()).toBe(0);
    await page.close();
  });

  it('unlinks all behind a confirmation, and undo restores every link', async () => {
    const page = await b.context.newPage();
    await page.goto(INVENTORY_URL);
    await waitForState(page, 'KDL-40V4100', 'linked');
    const linkedBefore = Object.values(await rowStates(page)).filter((s) => s === 'linked').length;
    expect(linkedBefore).toBeGreaterThan(3);
    await page.locator('[data-skulink-action="unlink-all"]').click();
    await page.locator('[data-skulink-action="confirm-unlink-all"]').click();
    await expect.poll(async () => Object.values(await rowStates(page)).filter((s) => s === 'linked').length).toBe(0);
    await page.locator('[data-skulink-action="undo"]').click();
    await expect.poll(async () => Object.values(await rowStates(page)).filter((s) => s === 'linked').length).toBe(linkedBefore);
    await page.close();
  });

  it('adds a listing to the catalog from the legacy German table, with its decimal-comma price', async () => {
    const page = await b.context.newPage();
    await page.goto('https://sellercentral.amazon.de/inventory?viewId=PRICING');
    const sku = 'GEWÜRZ-MÜHLE 3/4';
    await waitForState(page, sku, 'unlinked');
    await badge(page, sku).locator('[data-skulink-action="link"]').click();
    await page.locator('[data-skulink-action="add-to-catalog"]').click();
    await waitForState(page, sku, 'linked');
    // The product now exists with the listing's data; adding it again is refused.
    const options = await b.options();
    const product = await options.evaluate(async (s) => {
      const db = await new Promise<IDBDatabase>((res, rej) => { const r = indexedDB.open('skulink'); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
      return new Promise<Record<string, unknown>>((res) => { const q = db.transaction('products').objectStore('products').get(s); q.onsuccess = () => res(q.result); });
    }, sku);
    expect(product).toMatchObject({ sku, price: 1234.56, origin: 'amazon', asin: 'B0G3W8M1LK', currency: 'EUR' });
    await options.close();
    await page.close();
  });
});
