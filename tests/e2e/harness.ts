import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
// @ts-expect-error plain ESM helper shared with the npm scripts
import { CHROMIUM_FLAGS, findChromium } from '../../scripts/chromium.mjs';

export const ROOT = resolve(import.meta.dirname, '../..');
export const EXTENSION = join(ROOT, '.output/chrome-mv3');

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  worker: Worker;
  /** Serve `html` at every URL of `host` whose path starts with `pathPrefix` (later routes win). */
  servePage(url: RegExp | string, html: string | (() => string)): Promise<void>;
  options(): Promise<Page>;
  popup(): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Launch Debian's Chromium with the built extension loaded, every outside request blocked, and
 * helpers to serve fixture pages at real Seller Central URLs.
 * `userDataDir` may be passed to relaunch on the same profile (state kept across restarts).
 */
export async function launchExtension(opts: { userDataDir?: string; headless?: boolean } = {}): Promise<ExtensionBrowser> {
  if (!existsSync(join(EXTENSION, 'manifest.json'))) throw new Error('Build the extension first: npx wxt build');
  const userDataDir = opts.userDataDir ?? mkdtempSync(join(tmpdir(), 'skulink-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: findChromium(),
    headless: opts.headless ?? true,
    args: [`--disable-extensions-except=${EXTENSION}`, `--load-extension=${EXTENSION}`, ...CHROMIUM_FLAGS],
    viewport: { width: 1400, height: 900 },
  });
  // No real network: every http(s) request is refused unless a later route serves it.
  await context.route(/^https?:\/\//, (route) => route.abort());
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    worker,
    async servePage(url, html) {
      await context.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: typeof html === 'function' ? html() : html }));
    },
    async options() {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/options.html`);
      return page;
    },
    async popup() {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/popup.html`);
      return page;
    },
    async close() {
      await context.close();
      if (!opts.userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** A fixture file's text. */
export function fixture(path: string): string {
  return readFileSync(join(ROOT, 'tests/fixtures', path), 'utf8');
}
