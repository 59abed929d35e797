import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, launchExtension, type ExtensionBrowser } from './harness.ts';
import { badge, importCatalog, rowStates, waitForState } from './flows.ts';
import { generateJanusPage, generateListings } from '../fixtures/seller-central/generate.ts';
import { demoCatalogCsv } from '../fixtures/demo/catalog.ts';
import { JANUS_EN_US } from '../fixtures/seller-central/fixtures.ts';
import { SELLER_CENTRAL_HOSTS } from '../../lib/sites/seller-central/hosts.ts';

let b: ExtensionBrowser;
const LAZY_ROWS = 120;
const lazyListings = generateListings({ rows: LAZY_ROWS, seed: 31 });

beforeAll(async () => {
  b = await launchExtension();
  const { options } = await importCatalog(b, demoCatalogCsv(JANUS_EN_US));
  await options.close();
});
afterAll(async () => b?.close());

describe('what Seller Central pages do', () => {
  it('annotates rows that render lazily on scroll, are replaced by re-renders, and come with a route change', async () => {
    await b.servePage(/^https:\/\/sellercentral\.amazon\.co\.uk\/myinventory\//, generateJanusPage({ rows: LAZY_ROWS, seed: 31, marketplace: 'UK', lazy: true, pageSize: 50, batch: 10, rerenderMs: 700 }));
    const page = await b.context.newPage();
    await page.goto('https://sellercentral.amazon.co.uk/myinventory/inventory?page=1');
    await page.locator('[data-skulink-bar]').waitFor();
    const firstSku = lazyListings[0]!.sku;
    await waitForState(page, firstSku, 'unlinked');
    // Scroll until page 1's 50 rows are all rendered, each with exactly one badge.
    for (let i = 0; i < 15; i++) {
      await page.mouse.wheel(0, 4000);
      await page.waitForTimeout(150);
    }
    const onPage1 = lazyListings.slice(0, 50).map((l) => l.sku);
    await expect.poll(() => page.evaluate(() => (window as unknown as { __skFixture: { rendered(): number } }).__skFixture.rendered())).toBe(50);
    await expect.poll(async () => Object.keys(await rowStates(page)).filter((s) => onPage1.includes(s)).length, { timeout: 15_000 }).toBe(50);
    // The page re-renders rows every 700 ms (new nodes): badges come back, one per row.
    const renders = await page.evaluate(() => (window as unknown as { __skFixture: { renders: number } }).__skFixture.renders);
    await expect.poll(() => page.evaluate(() => (window as unknown as { __skFixture: { renders: number } }).__skFixture.renders), { timeout: 8_000 }).toBeGreaterThan(renders + 1);
    await expect.poll(async () => page.locator('[data-skulink-sku]').count()).toBe(50);
    // Route change without reload: kat-pagination moves to page 2 with history.pushState.
    await page.evaluate(() => document.querySelector('kat-pagination')!.dispatchEvent(new CustomEvent('change', { detail: { value: 2 } })));
    await expect.poll(() => page.url()).toContain('page=2');
    const page2First = lazyListings[50]!.sku;
    await waitForState(page, page2First, 'unlinked');
    expect(await badge(page, firstSku).count()).toBe(0);
    // The listings were recorded with the UK marketplace: the row count on the bar follows the page.
    expect(Number(await page.locator('[data-skulink-count="unlinked"]').getAttribute('data-value'))).toBeGreaterThan(0);
    await page.close();
  });

  it('keeps its size when the page sets a 10px root font size', async () => {
    await b.servePage(/^https:\/\/sellercentral\.amazon\.com\/myinventory\/inventory\?small/, fixture('seller-central/inventory-janus-root-10px.html'));
    await b.servePage(/^https:\/\/sellercentral\.amazon\.com\/myinventory\/inventory\?normal/, generateJanusPage({ rows: 6, seed: 10 }));
    const sizes: number[] = [];
    for (const q of ['normal', 'small']) {
      const page = await b.context.newPage();
      await page.goto(`https://sellercentral.amazon.com/myinventory/inventory?${q}`);
      const button = page.locator('[data-skulink-action="link"]').first();
      await button.waitFor();
      sizes.push(await button.evaluate((el) => Math.round(el.getBoundingClientRect().height * 10) / 10));
      await page.close();
    }
    expect(sizes[0]).toBeGreaterThan(15);
    expect(sizes[1]).toBe(sizes[0]);
  });

  it('runs on every marketplace host, taking the marketplace from the host', async () => {
    const html = generateJanusPage({ rows: 3, seed: 5 });
    const sku = generateListings({ rows: 3, seed: 5 })[0]!.sku;
    for (const host of SELLER_CENTRAL_HOSTS) {
      await b.servePage(new RegExp(`^https://${host.replace(/\./g, '\\.')}/`), html);
    }
    // A sample across regions and the two unified hosts; every host is in the manifest (unit-tested).
    for (const host of ['sellercentral.amazon.co.jp', 'sellercentral-europe.amazon.com', 'sellercentral-japan.amazon.com', 'sellercentral.amazon.com.br', 'sellercentral.amazon.in']) {
      const page = await b.context.newPage();
      await page.goto(`https://${host}/myinventory/inventory`);
      await waitForState(page, sku, 'unlinked');
      await page.close();
    }
    type Manifest = { content_scripts?: { matches?: string[] }[] };
    const manifest = await b.worker.evaluate(() => (globalThis as unknown as { chrome: { runtime: { getManifest(): Manifest } } }).chrome.runtime.getManifest());
    const patterns = (manifest.content_scripts ?? []).flatMap((c) => c.matches ?? []);
    for (const host of SELLER_CENTRAL_HOSTS) expect(patterns).toContain(`https://${host}/*`);
  });

  it('says so when an inventory page shows no row it can read (a changed layout), and stays quiet elsewhere', async () => {
    const changed = `<!doctype html><html><body><h1>Manage All Inventory</h1><ul class="new-grid">${['A-1', 'B-2', 'C-3'].map((s) => `<li class="item"><b>${s}</b> Some product</li>`).join('')}</ul></body></html>`;
    await b.servePage(/^https:\/\/sellercentral\.amazon\.fr\//, changed);
    const page = await b.context.newPage();
    await page.goto('https://sellercentral.amazon.fr/myinventory/inventory?page=1');
    const notice = page.locator('[data-skulink-problem="no-rows"]');
    await notice.waitFor({ timeout: 15_000 });
    expect(await notice.textContent()).toMatch(/layout/);
    // Not on a page that is not an inventory page.
    await page.goto('https://sellercentral.amazon.fr/home');
    await page.waitForTimeout(7000);
    expect(await notice.count()).toBe(0);
    await page.close();
  });

  it('shows catalog and link counts in the popup', async () => {
    const popup = await b.popup();
    const value = async (id: string) => Number(await popup.getByTestId(id).getAttribute('data-value'));
    await expect.poll(() => value('popup-products')).toBeGreaterThan(50);
    expect(await value('popup-listings')).toBeGreaterThan(50);
    expect(await value('popup-linked')).toBe(0);
    expect(await value('popup-unlinked')).toBe(await value('popup-listings'));
    expect(await popup.getByTestId('popup-last-import').textContent()).toMatch(/catalog\.csv/);
    await popup.close();
  });
});
