import { describe, expect, it } from 'vitest';
import { createVirtualClock } from '../connectors/http/clock';
import { createDb } from '../db/db';
import { createSyncEngine } from './engine';
import type { JobKind } from './schemas';
import { createKillSwitch, killableCatalog, killableDb, killableMarketplace } from './testing/kill';
import { checkScenario, createScenario, seededRandom, US } from './testing/scenario';

const SETUP: JobKind[] = ['catalog', 'listings', 'reconcile'];
const SEQUENCE: JobKind[] = ['orders', 'offers', 'catalog', 'ordersNightly', 'offers'];

describe('kill and resume', () => {
  it('survives 100 kills at random await points: no order lost or imported twice, offers as the final state requires', async () => {
    const name = `crash-${Math.random()}`;
    const clock = createVirtualClock();
    const s = createScenario({ clock, products: 24, orders: 40, pageSize: 8, seed: 7 });
    const random = seededRandom(99);
    const setupDb = createDb(name);
    const first = createSyncEngine({ db: setupDb, marketplace: s.marketplace, catalog: s.catalog, clock });
    await first.updateSettings({ marketplaceIds: [US] });
    for (const kind of SETUP) await first.runJob(kind);
    setupDb.close();

    let kills = 0;
    let runs = 0;
    const killedAt = new Map<string, number>();
    while (kills < 100) {
      runs += 1;
      const ks = createKillSwitch(1 + Math.floor(random() * 150));
      const db = killableDb(createDb(name), ks);
      const engine = createSyncEngine({ db, marketplace: killableMarketplace(s.marketplace, ks), catalog: killableCatalog(s.catalog, ks), clock, random });
      try {
        await engine.resume();
        for (const kind of SEQUENCE) {
          if (ks.dead) break;
          await engine.runJob(kind);
          clock.advance(60_000);
        }
      } catch {
        // the worker died
      }
      if (ks.dead) {
        kills += 1;
        const where = ks.killedAt!.replace(/ \(#\d+\)$/, '');
        killedAt.set(where, (killedAt.get(where) ?? 0) + 1);
      }
      db.close();
      // Between workers the world moves on: the seller sells elsewhere, the catalog changes.
      const sku = `P${String(Math.floor(random() * 24)).padStart(5, '0')}`;
      s.catalog.products.get(sku)!.stock['main'] = 900 + Math.floor(random() * 200);
      if (runs % 5 === 0) {
        // A new order arrives on Amazon.
        const base = [...s.marketplace.orders.values()][runs % 20]!;
        const orderId = `222-${String(runs).padStart(7, '0')}-0000001`;
        const at = new Date(clock.now()).toISOString();
        s.marketplace.orders.set(orderId, { ...structuredClone(base), orderId, status: 'UNSHIPPED', createdAt: at, updatedAt: at, items: [{ orderItemId: `${orderId}-1`, sku: 'P00002', quantity: 1 }] });
        s.importable.add(orderId);
      }
      clock.advance(60_000);
    }
    // A last worker that is not killed resumes and finishes; then a full cycle settles the state.
    const db = createDb(name);
    const engine = createSyncEngine({ db, marketplace: s.marketplace, catalog: s.catalog, clock, random });
    await engine.resume();
    for (const kind of [...SETUP, ...SEQUENCE]) {
      const r = await engine.runJob(kind);
      expect(['ok', 'partial']).toContain(r.outcome);
      clock.advance(60_000);
    }
    const check = await checkScenario(db, s, 'default', clock.now());
    expect(kills).toBe(100);
    // Kills landed in many places: Dexie writes, and both sides of network calls.
    expect(killedAt.size).toBeGreaterThanOrEqual(8);
    expect([...killedAt.keys()].some((k) => k.startsWith('after '))).toBe(true);
    expect([...killedAt.keys()].some((k) => k.startsWith('db '))).toBe(true);
    expect(check.duplicated).toEqual([]);
    expect(check.lost).toEqual([]);
    expect(check.stockMismatch).toEqual([]);
    expect(check.wrongOffers).toEqual([]);
    expect((await engine.status()).jobs.every((j) => !j.resumable && !j.running)).toBe(true);
    db.close();
  }, 60_000);
});
