import { describe, expect, it } from 'vitest';
import { createVirtualClock } from '../../connectors/http/clock';
import { createDb } from '../../db/db';
import { createSyncEngine } from '../engine';
import { SyncSettings } from '../schemas';
import { createScenario, US } from '../testing/scenario';
import { chunkUpdates, estimateFeedMessageBytes } from './offers';

describe('offer chunks', () => {
  it('splits at the message count and at the byte size', () => {
    const feeds = SyncSettings.parse({ feeds: { maxMessages: 3, maxBytes: 10_000 } }).feeds;
    const items = Array.from({ length: 7 }, () => ({ bytes: 100 }));
    expect(chunkUpdates(items, feeds).map((c) => c.length)).toEqual([3, 3, 1]);
    const big = Array.from({ length: 5 }, () => ({ bytes: 2_500 }));
    // 10,000 bytes less a 4,096-byte header margin leaves room for two 2,500-byte messages.
    expect(chunkUpdates(big, SyncSettings.parse({ feeds: { maxBytes: 10_000 } }).feeds).map((c) => c.length)).toEqual([2, 2, 1]);
    expect(estimateFeedMessageBytes({ marketplaceId: US, sku: 'A', price: { amount: 1, currency: 'USD' }, quantity: 1 })).toBeLessThan(600);
  });

  it('keeps to the feed submission window (here 2 per 5 minutes) in virtual time', async () => {
    const clock = createVirtualClock();
    const db = createDb(`feeds-${Math.random()}`);
    const s = createScenario({ clock, products: 30, orders: 0 });
    const engine = createSyncEngine({ db, marketplace: s.marketplace, catalog: s.catalog, clock });
    await engine.updateSettings({ marketplaceIds: [US], feeds: { patchThreshold: 2, maxMessages: 6, submissionsPerWindow: 2, windowMinutes: 5 } });
    for (const kind of ['catalog', 'listings', 'reconcile'] as const) await engine.runJob(kind);
    const start = clock.now();
    const r = await engine.runJob('offers');
    expect(r.outcome).toBe('ok');
    expect(s.marketplace.batches).toEqual([6, 6, 6, 6, 6]);
    expect(r.counts['feeds']).toBe(5);
    // Five feeds at two per five minutes: the fifth goes out after two full windows.
    expect(clock.now() - start).toBeGreaterThanOrEqual(10 * 60_000);
    expect(clock.now() - start).toBeLessThan(11 * 60_000);
  });

  it('fills the fulfillment channel from the listing record; FBA listings carry no quantity', async () => {
    const clock = createVirtualClock();
    const db = createDb(`channel-${Math.random()}`);
    const s = createScenario({ clock, products: 15, orders: 0 });
    const engine = createSyncEngine({ db, marketplace: s.marketplace, catalog: s.catalog, clock });
    await engine.updateSettings({ marketplaceIds: [US] });
    for (const kind of ['catalog', 'listings', 'reconcile', 'offers'] as const) await engine.runJob(kind);
    expect(s.marketplace.received.length).toBe(15);
    for (const u of s.marketplace.received) {
      const listed = s.marketplace.listings.get(`${US}:${u.sku}`)!;
      expect(u.fulfillmentChannel).toBe(listed.fulfillmentChannel);
      if (listed.fulfillmentChannel === 'AFN') expect(u.quantity).toBeUndefined();
      else expect(u.quantity).toBeTypeOf('number');
    }
    expect(s.marketplace.received.filter((u) => u.fulfillmentChannel === 'AFN')).toHaveLength(2);
  });

  it('sends the regular price plus a dated promotion as salePrice, and resends only when either changes', async () => {
    const clock = createVirtualClock(Date.UTC(2026, 3, 20));
    const db = createDb(`sale-${Math.random()}`);
    const s = createScenario({ clock, products: 3, orders: 0 });
    const p = s.catalog.products.get('P00000')!;
    p.extra = { salePrice: '8', saleStart: '2026-05-01T00:00:00Z', saleEnd: '2026-05-31T00:00:00Z' };
    const engine = createSyncEngine({ db, marketplace: s.marketplace, catalog: s.catalog, clock });
    await engine.updateSettings({ marketplaceIds: [US] });
    for (const kind of ['catalog', 'listings', 'reconcile', 'offers'] as const) await engine.runJob(kind);
    const sent = () => s.marketplace.received.filter((u) => u.sku === 'P00000');
    expect(sent()).toHaveLength(1);
    expect(sent()[0]).toMatchObject({ price: { amount: 10, currency: 'USD' }, salePrice: { amount: 8, currency: 'USD', start: '2026-05-01T00:00:00.000Z', end: '2026-05-31T00:00:00.000Z' } });
    await engine.runJob('offers');
    expect(sent()).toHaveLength(1); // nothing changed
    p.extra = { ...p.extra, saleEnd: '2026-06-07T00:00:00Z' };
    await engine.runJob('catalog');
    await engine.runJob('offers');
    expect(sent()).toHaveLength(2);
    expect(sent()[1]).toMatchObject({ price: { amount: 10 }, salePrice: { amount: 8, end: '2026-06-07T00:00:00.000Z' } });
    // The promotion removed: the price is sent again without a sale price (which ends it on Amazon).
    p.extra = {};
    await engine.runJob('catalog');
    await engine.runJob('offers');
    expect(sent()).toHaveLength(3);
    expect(sent()[2]!.salePrice).toBeUndefined();
    expect(sent()[2]!.price).toEqual({ amount: 10, currency: 'USD' });
  });
});
