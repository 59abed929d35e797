/**
 * The sync engine with the real Amazon and BigCommerce connectors over HTTP against the local
 * sandbox, in virtual time, including kills of the "worker" at random points.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVirtualClock } from '../connectors/http/clock';
import { createDb } from '../db/db';
import { createSyncEngine, type SyncEngine } from './engine';
import type { JobKind } from './schemas';
import { createKillSwitch, killableCatalog, killableDb, killableMarketplace } from './testing/kill';
import { checkOffers, checkOrders, expectedOrderIds, linkAll, startSandboxWorld, type SandboxWorld } from './testing/sandbox-world';
import { seededRandom, US } from './testing/scenario';

let world: SandboxWorld;
const clock = createVirtualClock(Date.UTC(2026, 2, 1, 9, 0, 0));

beforeAll(async () => {
  world = await startSandboxWorld({ clock, listings: 150, orders: 80, products: 30, seed: 5 });
});
afterAll(async () => {
  await world?.close();
});

async function settle(engine: SyncEngine, kinds: JobKind[]) {
  for (const k of kinds) {
    const r = await engine.runJob(k);
    expect(['ok', 'partial'], `${k}: ${JSON.stringify(r.error)}`).toContain(r.outcome);
  }
}

describe('sync over the sandbox', () => {
  it('syncs catalog, listings, offers and orders, then survives 10 kills without loss or duplicates', async () => {
    const name = `sandbox-${Math.random()}`;
    const db = createDb(name);
    const random = seededRandom(3);
    const { amazon, catalog } = world.connectors();
    const engine = createSyncEngine({ db, marketplace: amazon, catalog, clock, random });
    await engine.updateSettings({ marketplaceIds: [US], orders: { firstRunDays: 31, warehouse: world.orderWarehouse }, price: { source: 'formula', percent: 5, rounding: '.99' } });
    await settle(engine, ['catalog', 'listings']);
    expect(await linkAll(db)).toBeGreaterThan(100);
    const first = await engine.runJob('offers');
    expect(first.counts['accepted']).toBeGreaterThan(50);
    // Some sandbox SKUs are seeded as conflicting: their issues are logged against the listing.
    expect((await db.logs.where('subjectType').equals('listing').count()) + (first.counts['refused'] ?? 0)).toBeGreaterThan(0);
    await settle(engine, ['orders']);
    db.close();

    // New orders arrive while workers get killed at random points.
    let kills = 0;
    while (kills < 10) {
      const ks = createKillSwitch(1 + Math.floor(random() * 120));
      const kdb = killableDb(createDb(name), ks);
      const c = world.connectors();
      const e = createSyncEngine({ db: kdb, marketplace: killableMarketplace(c.amazon, ks), catalog: killableCatalog(c.catalog, ks), clock, random });
      try {
        await e.resume();
        for (const k of ['orders', 'offers', 'catalog', 'offers'] as JobKind[]) {
          if (ks.dead) break;
          await e.runJob(k);
        }
      } catch {
        // killed
      }
      if (ks.dead) kills += 1;
      kdb.close();
      clock.advance(5 * 60_000);
    }
    const final = createDb(name);
    const c = world.connectors();
    const last = createSyncEngine({ db: final, marketplace: c.amazon, catalog: c.catalog, clock, random });
    await last.resume();
    await settle(last, ['orders', 'catalog', 'offers']);
    const again = await last.runJob('offers');
    expect(again.counts['accepted'] ?? 0).toBe(0);
    const expected = await expectedOrderIds(world, final);
    expect(expected.size).toBeGreaterThan(20);
    expect(await checkOrders(world, final, expected)).toEqual({ lost: [], duplicated: [], unexpected: [] });
    expect((await checkOffers(world, final)).wrong).toEqual([]);
    expect(world.sandbox.stats.violations).toEqual([]);
    final.close();
  }, 60_000);
});
