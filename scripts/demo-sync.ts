/**
 * The sync part of the demo (called from scripts/demo.ts) and the flows the sync e2e test shares:
 * start the local API sandbox, let the extension reach it, add the sandbox's Amazon account in the
 * options page, import a catalog with the sandbox's SKUs, and press "Sync now" in the popup.
 *
 * Host access: the sandbox's origin (http://127.0.0.1/*) is an optional host permission. Headless
 * Chromium 156 shows the permission prompt of `permissions.request` as a native dialog nobody can
 * answer (the promise stays pending), and chrome://extensions' developerPrivate.addHostPermission
 * answers ok without granting an optional host. So the browser context routes the sandbox's
 * origin through Playwright and adds `Access-Control-Allow-Origin: *` to its answers (Playwright
 * answers CORS preflights of routed requests itself): the worker's fetch then succeeds exactly as
 * it does once the seller grants the permission. Nothing in the extension is changed for tests.
 */
import type { Page } from 'playwright-core';
import { importCatalog } from '../tests/e2e/flows.ts';
import type { ExtensionBrowser } from '../tests/e2e/harness.ts';
import { SANDBOX_CREDENTIALS, SANDBOX_SELLER_ID, startSandbox, US, type SandboxHandle, type SandboxOptions } from '../tests/sandbox/index.ts';

/** Start the sandbox with fast report/feed processing (seconds, not minutes) and let the browser reach it. */
export async function startReachableSandbox(b: ExtensionBrowser, opts: SandboxOptions = {}): Promise<SandboxHandle> {
  const sandbox = await startSandbox({ port: 0, timing: { reportQueueMs: 300, reportProcessMs: 300, feedQueueMs: 300, feedProcessMs: 700 }, ...opts });
  await b.context.route(`${sandbox.url}/**`, async (route) => {
    try {
      const res = await route.fetch();
      await route.fulfill({ response: res, headers: { ...res.headers(), 'access-control-allow-origin': '*' } });
    } catch {
      // The sandbox dropped the request (a 'timeout' fault) or the worker went away.
      await route.abort().catch(() => {});
    }
  });
  return sandbox;
}

/** A catalog CSV with one product per US listing of the sandbox (same SKU), each with `stock` units. */
export function sandboxCatalogCsv(sandbox: SandboxHandle, stock = 500): { csv: string; skus: string[] } {
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const listings = [...sandbox.state.listings.values()].filter((l) => l.marketplaceId === US);
  const rows = listings.map((l) => [q(l.sku), q(l.title), l.price.toFixed(2), String(stock)].join(','));
  return { csv: ['sku,title,price,stock', ...rows].join('\n'), skus: listings.map((l) => l.sku) };
}

/** Add the sandbox's Amazon account in the options page as a seller would; returns its id. */
export async function addSandboxAccount(b: ExtensionBrowser, sandbox: SandboxHandle, authorizedOn = new Date(Date.now() - 350 * 86_400_000).toISOString().slice(0, 10)): Promise<string> {
  const options = await b.options();
  await options.getByTestId('nav-accounts').click();
  await options.getByTestId('accounts-add-amazon').click();
  await options.getByTestId('acct-name').fill('Sandbox US');
  await options.getByTestId('acct-seller-id').fill(SANDBOX_SELLER_ID);
  await options.getByTestId(`acct-marketplace-${US}`).check();
  await options.getByTestId('acct-client-id').fill(SANDBOX_CREDENTIALS.clientId);
  await options.getByTestId('acct-client-secret').fill(SANDBOX_CREDENTIALS.clientSecret);
  await options.getByTestId('acct-refresh-token').fill(SANDBOX_CREDENTIALS.refreshToken);
  await options.getByTestId('acct-endpoint').selectOption('custom');
  await options.getByTestId('acct-base-url').fill(sandbox.url);
  await options.getByTestId('acct-authorized-on').fill(authorizedOn);
  await options.getByTestId('acct-save').click();
  const item = options.getByTestId('account-item').first();
  await item.waitFor({ timeout: 15_000 });
  const id = (await item.getAttribute('data-account-id')) ?? '';
  await options.close();
  return id;
}

/** What the popup shows for one job. */
export interface JobShown {
  outcome: string;
  running: boolean;
  counts: Record<string, number>;
  resumed: number;
  finishedAt: number;
}

/** Read a job's state from the popup. */
export async function jobShown(popup: Page, kind: string): Promise<JobShown> {
  const el = popup.getByTestId(`sync-job-${kind}`);
  const [outcome, running, counts, resumed, finishedAt] = await Promise.all(['data-outcome', 'data-running', 'data-counts', 'data-resumed', 'data-finished-at'].map((a) => el.getAttribute(a)));
  return { outcome: outcome ?? '', running: running === 'true', counts: JSON.parse(counts || '{}') as Record<string, number>, resumed: Number(resumed || 0), finishedAt: Number(finishedAt || 0) };
}

/** Press "Sync now" for a job and wait until a run that finished after the press shows. */
export async function syncNow(popup: Page, kind: string, timeout = 60_000): Promise<JobShown> {
  await popup.getByTestId(`sync-now-${kind}`).waitFor({ timeout: 15_000 });
  const pressedAt = Date.now();
  await popup.getByTestId(`sync-now-${kind}`).click();
  return waitForRun(popup, kind, pressedAt, timeout);
}

/** Wait until the popup shows a finished run of `kind` that ended after `after`. */
export async function waitForRun(popup: Page, kind: string, after: number, timeout = 60_000): Promise<JobShown> {
  await popup.waitForFunction(
    ([k, t]) => {
      const el = document.querySelector(`[data-testid="sync-job-${k}"]`);
      return !!el && el.getAttribute('data-running') === 'false' && Number(el.getAttribute('data-finished-at') || 0) >= t && el.getAttribute('data-outcome') !== 'running';
    },
    [kind, after - 1000] as const,
    { timeout, polling: 250 },
  );
  return jobShown(popup, kind);
}

/** The first problems the popup shows for a job: "subject: title — explanation fix". */
export async function problemsShown(popup: Page, kind: string): Promise<string[]> {
  return popup.getByTestId(`sync-job-${kind}`).locator('[data-testid="sync-problems"] li').allTextContents();
}

/**
 * Run the sync demo in an open browser: sandbox, account, catalog, then listings download,
 * reconcile, price/stock push and order import once each. Returns lines to print.
 */
export async function runSyncDemo(b: ExtensionBrowser): Promise<string[]> {
  const lines: string[] = [];
  const sandbox = await startReachableSandbox(b, { listings: 150, orders: 400, seed: 42 });
  try {
    lines.push(`Local API sandbox at ${sandbox.url}: ${sandbox.state.listings.size} listings, ${sandbox.state.orders.size} orders (seller ${SANDBOX_SELLER_ID}).`);
    const { csv, skus } = sandboxCatalogCsv(sandbox);
    const { options, counts } = await importCatalog(b, csv, 'sandbox-catalog.csv');
    await options.close();
    lines.push(`Catalog with the sandbox's ${skus.length} SKUs imported: ${counts.created} created, ${counts.rejected} rejected.`);
    await addSandboxAccount(b, sandbox);
    lines.push('Amazon account added in the options page (custom endpoint = the sandbox).');
    const popup = await b.popup();
    for (const [kind, label] of [
      ['listings', 'Listings download'],
      ['reconcile', 'Reconcile (link by SKU/GTIN)'],
      ['offers', 'Price/stock push'],
      ['orders', 'Order import'],
    ] as const) {
      const started = Date.now();
      const r = await syncNow(popup, kind, 120_000);
      const counts = Object.entries(r.counts).filter(([k, v]) => v > 0 && !k.endsWith('Ms')).map(([k, v]) => `${k} ${v}`).join(', ');
      lines.push(`${label}: ${r.outcome} in ${((Date.now() - started) / 1000).toFixed(1)} s — ${counts || 'nothing to do'}.`);
      for (const p of (await problemsShown(popup, kind)).slice(0, 3)) lines.push(`    ${p.trim()}`);
    }
    const health = popup.getByTestId('sync-health');
    lines.push(`Account health: ${(await health.innerText()).replace(/\s+/g, ' ').replace(/^Account health\s*/, '').trim()}`);
    await popup.close();
  } finally {
    await sandbox.close();
  }
  return lines;
}
