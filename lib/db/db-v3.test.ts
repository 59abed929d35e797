import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { createDb, DB_VERSION } from './db';
import { SCHEMA_V2 } from './schema';

describe('database version 3', () => {
  it('upgrades a v2 database: sync rows are kept and the offers table appears', async () => {
    const name = `upgrade-v3-${Math.random()}`;
    const v2 = new Dexie(name);
    v2.version(2).stores(SCHEMA_V2);
    await v2.table('orders').add({ orderId: '111-1', status: 'imported', marketplaceId: 'M', updatedAt: 1, importedAt: 2 });
    await v2.table('jobs').add({ id: 'default:offers', lastSuccessAt: 5 });
    v2.close();

    const db = createDb(name);
    await db.open();
    expect(db.verno).toBe(DB_VERSION);
    expect(DB_VERSION).toBe(3);
    expect(await db.orders.get('111-1')).toMatchObject({ status: 'imported', importedAt: 2 });
    expect(await db.jobs.get('default:offers')).toMatchObject({ lastSuccessAt: 5 });
    await db.offers.add({ listingId: 'M:SKU', productSku: 'P', marketplaceId: 'M' });
    expect(await db.offers.where('productSku').equals('P').count()).toBe(1);
    db.close();
  });
});
