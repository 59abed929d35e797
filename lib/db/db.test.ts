import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { createDb, DB_VERSION } from './db';
import { SCHEMA_V1 } from './schema';

describe('database versions', () => {
  it('upgrades a v1 database: products keep their data and gain v2 defaults', async () => {
    const name = `upgrade-${Math.random()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores(SCHEMA_V1);
    await v1.table('products').bulkAdd([
      { sku: 'A-1', title: 'Old product', updatedAt: 1 },
      { sku: 'B/2', title: 'Another', updatedAt: 2, stock: { main: 4 }, active: false },
    ]);
    await v1.table('links').add({ listingId: 'ATVPDKIKX0DER:X', productSku: 'A-1', marketplaceId: 'ATVPDKIKX0DER' });
    v1.close();

    const db = createDb(name);
    await db.open();
    expect(db.verno).toBe(DB_VERSION);
    const a = await db.products.get('A-1');
    expect(a).toMatchObject({ title: 'Old product', origin: 'csv', active: true, stock: {}, extra: {} });
    const b = await db.products.get('B/2');
    expect(b).toMatchObject({ active: false, stock: { main: 4 } });
    expect(await db.links.count()).toBe(1);
    expect(await db.products.where('origin').equals('csv').count()).toBe(2);
    await db.imports.add({ at: 1, fileName: 'x.csv', rows: 1, created: 1, updated: 0, rejected: 0, errors: [] });
    expect(await db.imports.count()).toBe(1);
    db.close();
  });
});
