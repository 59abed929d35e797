import type { Page } from 'playwright-core';
import type { ExtensionBrowser } from './harness.ts';

/** Import a catalog CSV through the options page, as a seller does; returns the result counts. */
export async function importCatalog(b: ExtensionBrowser, csv: string, name = 'catalog.csv') {
  const options = await b.options();
  await options.getByTestId('nav-catalog').click();
  await options.getByTestId('catalog-file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await options.getByTestId('catalog-import').click();
  const result = options.getByTestId('catalog-result');
  await result.waitFor({ timeout: 30_000 });
  const counts = {
    created: Number(await result.getAttribute('data-created')),
    updated: Number(await result.getAttribute('data-updated')),
    rejected: Number(await result.getAttribute('data-rejected')),
  };
  return { options, counts };
}

/** The state of every annotated row: SKU -> state. */
export async function rowStates(page: Page): Promise<Record<string, string>> {
  return page.$$eval('[data-skulink-sku]', (els) => Object.fromEntries(els.map((e) => [e.getAttribute('data-skulink-sku') ?? '', e.getAttribute('data-skulink-state') ?? ''])));
}

/** The badge host of one SKU (attribute compared as a value: no CSS escaping of odd SKUs). */
export function badge(page: Page, sku: string) {
  return page.locator(`[data-skulink-sku=${JSON.stringify(sku)}]`);
}

/** Wait until the row of `sku` shows `state` (plain Playwright: also used by the demo, outside Vitest). */
export async function waitForState(page: Page, sku: string, state: string, timeout = 10_000) {
  await page.waitForFunction(
    ([s, st]) => [...document.querySelectorAll('[data-skulink-sku]')].some((e) => e.getAttribute('data-skulink-sku') === s && e.getAttribute('data-skulink-state') === st),
    [sku, state] as const,
    { timeout },
  );
}
