import type { Page } from 'playwright-core';

/**
 * Put products straight into the extension's IndexedDB from an extension page (for benchmarks
 * that need a large catalog fast; the e2e tests import through the options page instead).
 */
export async function seedCatalog(extensionPage: Page, products: { sku: string; title: string; brand?: string; price?: number; gtin?: string; asin?: string }[]): Promise<void> {
  await extensionPage.evaluate(async (rows) => {
    // Never create the database here: wait for the extension (Dexie) to have made it.
    for (let i = 0; i < 100 && !(await indexedDB.databases()).some((d) => d.name === 'skulink'); i++) await new Promise((r) => setTimeout(r, 100));
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('skulink');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    if (!db.objectStoreNames.contains('products')) throw new Error('The extension has not created its database yet.');
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('products', 'readwrite');
      const store = tx.objectStore('products');
      const now = Date.now();
      for (const p of rows) store.put({ ...p, stock: { main: 10 }, extra: {}, active: true, origin: 'csv', createdAt: now, updatedAt: now });
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, products);
}
