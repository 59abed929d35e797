import { describe, expect, it } from 'vitest';
import { createDb } from '../db/db';
import { marketplaceForHost } from '../domain/marketplaces';
import { languageSetting, skuRulesSetting, writeSetting } from '../settings';
import { createBackgroundHandlers } from './handlers';

const caller = { kind: 'page' as const, marketplace: marketplaceForHost('sellercentral.amazon.es')!, url: new URL('https://sellercentral.amazon.es/inventory') };

describe('background handlers', () => {
  it("apply the seller's SKU rules to auto-link, and pick them up when they change", async () => {
    const db = createDb(`h-${Math.random()}`);
    await db.products.add({ sku: 'MUG-01', title: 'Mug', stock: {}, extra: {}, active: true, origin: 'csv', createdAt: 1, updatedAt: 1 });
    const h = createBackgroundHandlers(db);
    await h['rows.seen']({ rows: [{ sku: 'AMZ-MUG-01', fulfillmentChannel: 'MFN' }] }, caller);
    expect(await h['autolink.run']({}, caller)).toMatchObject({ linked: 0, noMatch: 1 });
    await writeSetting(db, skuRulesSetting, { stripPrefixes: ['AMZ-'], stripSuffixes: [], caseInsensitive: true });
    expect(await h['autolink.run']({}, caller)).toMatchObject({ linked: 1 });
    expect((await db.links.get('A1RKKUPIHCS9HS:AMZ-MUG-01'))?.productSku).toBe('MUG-01');
  });

  it("tell a page the seller's language, and refuse page messages from extension pages", async () => {
    const db = createDb(`h-${Math.random()}`);
    const h = createBackgroundHandlers(db);
    expect(await h['prefs.get']({}, caller)).toEqual({ language: 'auto' });
    await writeSetting(db, languageSetting, 'es');
    expect(await h['prefs.get']({}, caller)).toEqual({ language: 'es' });
    await expect(h['links.map']({}, { kind: 'extension', url: new URL('chrome-extension://x/popup.html') })).rejects.toThrow(/Seller Central page/);
  });
});
