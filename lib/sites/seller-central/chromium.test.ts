/**
 * The same extraction in real Chromium: custom elements upgraded (kat-input with a shadow root),
 * the lazy generated page (batches on scroll, React-like re-renders, sort, pushState paging).
 * Skipped when /usr/bin/chromium is missing.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateJanusPage, generateListings } from '../../../tests/fixtures/seller-central/generate.ts';
import { fixtureHtml, loadFixture } from '../../../tests/fixtures/seller-central/load.ts';
import { extractInventoryRows } from './inventory.ts';

const CHROMIUM = '/usr/bin/chromium';
const here = fileURLToPath(new URL('.', import.meta.url));

type Api = typeof import('./inventory.ts');
declare global {
  interface Window {
    SkulinkSC: Api;
    __skFixture: { page: number; rendered(): number; rerender(): void; renders: number; loadAll(): void };
    __noReload?: boolean;
  }
}

describe.skipIf(!existsSync(CHROMIUM))('in Chromium', () => {
  let browser: Browser;
  let page: Page;
  let bundle: string;

  beforeAll(async () => {
    const out = await build({
      stdin: { contents: "export * from './inventory.ts';", resolveDir: here, loader: 'ts' },
      bundle: true, format: 'iife', globalName: 'SkulinkSC', write: false, target: 'es2022',
    });
    bundle = out.outputFiles[0]?.text ?? '';
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--headless=new'] });
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.route(/^https?:\/\//, (r) => r.abort());
    page = await context.newPage();
  }, 30000);

  afterAll(async () => {
    await browser?.close();
  });

  /** Serve `html` at a Seller Central URL (no network) and load our bundle into the page. */
  async function open(url: string, html: string): Promise<void> {
    await page.route(url.split('?')[0] + '*', (r) => r.fulfill({ contentType: 'text/html; charset=utf-8', body: html }));
    await page.goto(url);
    await page.addScriptTag({ content: bundle });
  }

  const readInPage = (decimal: '.' | ','): Promise<unknown[]> =>
    page.evaluate((d) => window.SkulinkSC.extractInventoryRows(document, { decimal: d }).map(({ element: _e, mount: _m, ...r }) => r), decimal);

  it('reads the Janus fixture as in Node, with kat-input upgraded and typed into', async () => {
    await open('https://sellercentral.amazon.com/myinventory/inventory?page=1', fixtureHtml('inventory-janus-en-us'));
    const inNode = extractInventoryRows(loadFixture('inventory-janus-en-us'), { decimal: '.' }).map(({ element: _e, mount: _m, ...r }) => r);
    expect(await readInPage('.')).toEqual(inNode);

    const shadow = await page.evaluate(() => {
      const k = document.querySelector('[data-sku="KDL-40V4100"] kat-input');
      return { open: k?.shadowRoot?.mode, inner: k?.shadowRoot?.querySelector('input')?.value, attr: k?.getAttribute('value') };
    });
    expect(shadow).toEqual({ open: 'open', inner: '25', attr: '25' });

    // The seller edits the quantity: Playwright pierces the open shadow root.
    await page.locator('[data-sku="KDL-40V4100"] kat-input').first().locator('input').fill('31');
    const row = await page.evaluate(() => window.SkulinkSC.extractInventoryRows(document, { decimal: '.' })[0]?.quantity);
    expect(row).toBe(31);
  }, 30000);

  it('keeps px sizes on the 10px-root page', async () => {
    await open('https://sellercentral.amazon.com/myinventory/inventory', fixtureHtml('inventory-janus-root-10px'));
    const sizes = await page.evaluate(() => [getComputedStyle(document.documentElement).fontSize, getComputedStyle(document.body).fontSize]);
    expect(sizes).toEqual(['10px', '14px']);
    expect((await readInPage('.')).length).toBe(6);
  }, 30000);

  it('the lazy page renders in batches, re-renders rows, sorts and pages with pushState', async () => {
    const listings = generateListings({ rows: 120, seed: 5 });
    await open('https://sellercentral.amazon.com/myinventory/inventory?page=1', generateJanusPage({ rows: 120, seed: 5, lazy: true, rerenderMs: 200 }));
    await page.evaluate(() => { window.__noReload = true; });

    const initial = await page.evaluate(() => window.__skFixture.rendered());
    expect(initial).toBeGreaterThanOrEqual(10);
    expect(initial).toBeLessThan(50);

    // Scroll like a seller: each scroll to the bottom brings the next batch.
    for (let i = 0; i < 20 && (await page.evaluate(() => window.__skFixture.rendered())) < 50; i++) {
      await page.evaluate(() => new Promise((r) => { scrollTo(0, document.documentElement.scrollHeight); requestAnimationFrame(() => setTimeout(r, 0)); }));
    }
    expect(await page.evaluate(() => window.__skFixture.rendered())).toBe(50);
    const skus = await page.evaluate(() => window.SkulinkSC.extractInventoryRows(document, { decimal: '.' }).map((r) => r.sku));
    expect(skus).toEqual(listings.slice(0, 50).map((l) => l.sku));

    // A re-render replaces the node; re-querying by SKU finds the new one.
    const replaced = await page.evaluate(async () => {
      const el = document.querySelector('[data-sku]');
      const sku = el?.getAttribute('data-sku') ?? '';
      const before = window.__skFixture.renders;
      while (window.__skFixture.renders === before) await new Promise((r) => setTimeout(r, 50));
      const again = window.SkulinkSC.findRowBySku(document, sku);
      return { stale: el?.isConnected, found: again !== null && again !== el };
    });
    expect(replaced).toEqual({ stale: false, found: true });

    // dispatchEvent: Playwright's actionability checks take seconds while rows re-render every 200 ms.
    await page.locator('[data-sk-sort]').dispatchEvent('click');
    expect(await page.evaluate(() => document.querySelector('[data-sku]')?.getAttribute('data-sku'))).toBe(listings[49]?.sku);

    await page.locator('kat-pagination button[data-page="2"]').dispatchEvent('click');
    await expect.poll(() => page.evaluate(() => location.search)).toBe('?page=2');
    const second = await page.evaluate(() => ({
      noReload: window.__noReload, page: window.__skFixture.page, pager: document.querySelector('kat-pagination')?.getAttribute('page'),
      skus: window.SkulinkSC.extractInventoryRows(document, { decimal: '.' }).map((r) => r.sku),
    }));
    expect(second.noReload).toBe(true);
    expect(second.page).toBe(2);
    expect(second.pager).toBe('2');
    expect(listings.slice(50, 100).map((l) => l.sku).reverse()).toEqual(expect.arrayContaining(second.skus));
    expect(second.skus.length).toBeGreaterThanOrEqual(10);

    await page.goBack();
    await expect.poll(() => page.evaluate(() => window.__skFixture.page)).toBe(1);
  }, 30000);
});
