/**
 * `npm run demo`: builds Skulink, opens Chromium with it loaded (headless when there is no
 * display), serves a made-up Seller Central inventory page at its real URL, imports a made-up
 * catalog CSV through the options page, runs auto-link, links one suggestion by click, and
 * prints what happened and where the screenshots are.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchExtension, ROOT } from '../tests/e2e/harness.ts';
import { badge, importCatalog, rowStates, waitForState } from '../tests/e2e/flows.ts';
import { demoCatalogCsv } from '../tests/fixtures/demo/catalog.ts';
import { JANUS_EN_US } from '../tests/fixtures/seller-central/fixtures.ts';
import { FIXTURES } from '../tests/fixtures/seller-central/fixtures.ts';
import { runSyncDemo } from './demo-sync.ts';

const out = join(ROOT, 'screenshots');
mkdirSync(out, { recursive: true });
const headless = !process.env.DISPLAY || process.env.CI === 'true' || process.argv.includes('--headless');
const shots: string[] = [];
const log = (s: string) => console.log(`• ${s}`);

const b = await launchExtension({ headless });
try {
  log(`Chromium started ${headless ? 'headless' : 'with a window'}, Skulink loaded (extension id ${b.extensionId}).`);
  await b.servePage(/^https:\/\/sellercentral\.amazon\.com\/myinventory\//, FIXTURES['inventory-janus-en-us']!());
  await b.servePage(/^https:\/\/sellercentral\.amazon\.de\/(hz\/)?inventory/, FIXTURES['inventory-legacy-de']!());

  const csv = demoCatalogCsv(JANUS_EN_US);
  const csvPath = join(out, 'demo-catalog.csv');
  writeFileSync(csvPath, csv);
  const { options, counts } = await importCatalog(b, csv, 'demo-catalog.csv');
  log(`Catalog imported in the options page from ${csvPath}: ${counts.created} products created, ${counts.updated} updated, ${counts.rejected} rejected.`);
  await options.screenshot({ path: join(out, '1-options-import.png'), fullPage: true });
  shots.push('1-options-import.png');
  await options.close();

  const page = await b.context.newPage();
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto('https://sellercentral.amazon.com/myinventory/inventory?fulfilledBy=all&page=1&pageSize=25&status=all');
  await page.locator('[data-skulink-bar]').waitFor();
  await page.waitForTimeout(1500);
  const before = Object.values(await rowStates(page));
  log(`Inventory page (sellercentral.amazon.com, new "Janus" layout): ${before.length} rows annotated — ${count(before, 'suggested')} suggested, ${count(before, 'unlinked')} not linked, ${count(before, 'error')} unreadable.`);
  await page.screenshot({ path: join(out, '2-inventory-before.png') });
  shots.push('2-inventory-before.png');

  await page.locator('[data-skulink-action="autolink"]').click();
  const notice = page.locator('[data-skulink-notice="autolink"] span').first();
  await notice.waitFor();
  log(`Auto-link by SKU/GTIN/ASIN: ${await notice.textContent()}.`);

  const sku = 'A=B';
  await badge(page, sku).locator('[data-skulink-action="link"]').click();
  const popover = page.locator(`[data-skulink-popover=${JSON.stringify(sku)}]`);
  await popover.locator('[data-skulink-suggestion]').first().waitFor();
  await page.screenshot({ path: join(out, '3-link-popover.png') });
  shots.push('3-link-popover.png');
  const top = popover.locator('[data-skulink-suggestion]').first();
  const reasons = await top.locator('span.rounded').allTextContents();
  log(`Suggestions for listing "${sku}": best is ${await top.getAttribute('data-skulink-suggestion')} — ${reasons.join('; ')}.`);
  await top.locator('[data-skulink-link-to]').click();
  await waitForState(page, sku, 'linked');
  log(`Linked "${sku}" with one click.`);
  const after = Object.values(await rowStates(page));
  log(`Now: ${count(after, 'linked')} linked, ${count(after, 'suggested')} suggested, ${count(after, 'unlinked')} not linked.`);
  await page.screenshot({ path: join(out, '4-inventory-after.png') });
  shots.push('4-inventory-after.png');

  const legacy = await b.context.newPage();
  await legacy.goto('https://sellercentral.amazon.de/inventory?viewId=PRICING');
  await legacy.locator('[data-skulink-bar]').waitFor();
  await legacy.waitForTimeout(1000);
  log(`Legacy inventory table (sellercentral.amazon.de, decimal comma): ${Object.keys(await rowStates(legacy)).length} rows annotated.`);
  await legacy.screenshot({ path: join(out, '5-legacy-de.png') });
  shots.push('5-legacy-de.png');

  console.log('\nSync through the APIs, in a fresh profile (a local sandbox that behaves like SP-API, LWA and BigCommerce):');
  const syncBrowser = await launchExtension({ headless: true });
  try {
    for (const line of await runSyncDemo(syncBrowser)) log(line);
    const syncPopup = await syncBrowser.popup();
    await syncPopup.setViewportSize({ width: 380, height: 1100 });
    await syncPopup.waitForTimeout(2000);
    await syncPopup.screenshot({ path: join(out, '7-popup-sync.png'), fullPage: true });
    shots.push('7-popup-sync.png');
  } finally {
    await syncBrowser.close();
  }

  const popup = await b.popup();
  await popup.setViewportSize({ width: 380, height: 560 });
  await popup.waitForTimeout(500);
  await popup.screenshot({ path: join(out, '6-popup.png') });
  shots.push('6-popup.png');

  console.log(`\nScreenshots in ${out}:\n${shots.map((s) => `  ${s}`).join('\n')}`);
  if (!headless) {
    console.log('\nChromium stays open: try the overlay yourself. Press Ctrl+C to quit.');
    await new Promise(() => {});
  }
} finally {
  if (headless) await b.close();
}

function count(states: string[], s: string) {
  return states.filter((x) => x === s).length;
}
