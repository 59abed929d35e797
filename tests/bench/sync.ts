/**
 * Sync benchmark against the local sandbox in virtual time (issue 6):
 *   npm run bench:sync [-- --json] [--listings 50000] [--orders 5000] [--products 1000] [--kills 100]
 *
 * 1. priceStock: push changed price and stock for every linked listing (JSON_LISTINGS_FEED).
 * 2. orders: import every order (searchOrders pages → BigCommerce orders).
 * 3. crash: a smaller world; the engine is killed at random await points `--kills` times, a fresh
 *    engine resumes each time on the same database, then the state is checked.
 * For 1 and 2 the lower bound is what the published usage plans allow for the requests the run
 * made (per operation: (requests − burst) / rate; BigCommerce: 150 requests per 30 s window),
 * plus, for feeds, the sandbox's processing time of one feed (feeds are processed side by side).
 * With --json the last line is one JSON object {priceStock, orders, crash}.
 */
import 'fake-indexeddb/auto';
import { createVirtualClock } from '../../lib/connectors/http/clock';
import { SP_API_RATE_LIMITS } from '../../lib/connectors/http/rate-limits';
import { createDb } from '../../lib/db/db';
import { createSyncEngine, type RunResult } from '../../lib/sync/engine';
import type { JobKind } from '../../lib/sync/schemas';
import { createKillSwitch, killableCatalog, killableDb, killableMarketplace } from '../../lib/sync/testing/kill';
import { checkOffers, checkOrders, expectedOrderIds, linkAll, startSandboxWorld, type SandboxWorld } from '../../lib/sync/testing/sandbox-world';
import { seededRandom, US } from '../../lib/sync/testing/scenario';
import { SANDBOX_RATE_QUOTA, SANDBOX_RATE_WINDOW_MS } from '../sandbox/bigcommerce';

const args = process.argv.slice(2);
const asJson = args.includes('--json');
const num = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const LISTINGS = num('listings', 50_000);
const ORDERS = num('orders', 5_000);
const PRODUCTS = num('products', 1_000);
const KILLS = num('kills', 100);
const say = (line: string) => {
  if (!asJson) console.log(line);
  else console.error(line);
};
const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

function opCounts(world: SandboxWorld): Map<string, number> {
  const out = new Map<string, number>();
  for (const [k, n] of world.sandbox.stats.validatedRequests) out.set(k.split('#')[1] ?? k, n);
  return out;
}
const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
function diff(after: Map<string, number>, before: Map<string, number>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [k, n] of after) if (n - (before.get(k) ?? 0) > 0) out.set(k, n - (before.get(k) ?? 0));
  return out;
}
/** Status polls are not work: one per feed/report is what the plan needs. */
const POLLS: Record<string, string> = { getFeed: 'createFeed', getReport: 'createReport' };
/** Seconds the usage plans require for these request counts (the slowest operation decides). */
function bucketBound(requests: Map<string, number>): { seconds: number; operation?: string } {
  let best = { seconds: 0, operation: undefined as string | undefined };
  for (const [op, made] of requests) {
    const n = POLLS[op] ? Math.min(made, requests.get(POLLS[op]!) ?? 0) : made;
    const limit = SP_API_RATE_LIMITS[op];
    if (!limit) continue;
    const s = Math.max(0, (n - limit.burst) / limit.rate);
    if (s > best.seconds) best = { seconds: s, operation: op };
  }
  return best;
}
const bcBound = (n: number) => Math.max(0, Math.ceil(n / SANDBOX_RATE_QUOTA) - 1) * (SANDBOX_RATE_WINDOW_MS / 1000);
const bc429 = (world: SandboxWorld) => world.bc.log.filter((e) => e.status === 429).length;

async function measured(world: SandboxWorld, run: () => Promise<RunResult>) {
  const ops0 = opCounts(world);
  const thr0 = sum(world.sandbox.stats.throttled);
  const bc0 = world.bc.log.length;
  const bcThr0 = bc429(world);
  const t0 = world.clock.now();
  const real0 = performance.now();
  const result = await run();
  const seconds = (world.clock.now() - t0) / 1000;
  const requests = diff(opCounts(world), ops0);
  const bcRequests = world.bc.log.slice(bc0).filter((e) => e.status !== 429).length;
  return {
    result,
    seconds,
    realSeconds: (performance.now() - real0) / 1000,
    requests,
    bcRequests,
    throttled: sum(world.sandbox.stats.throttled) - thr0 + (bc429(world) - bcThr0),
  };
}

async function main() {
  // ---- 1 + 2: throughput against the published limits -------------------------------------
  const clock = createVirtualClock(Date.UTC(2026, 2, 1, 9, 0, 0));
  say(`sandbox: ${LISTINGS} listings, ${ORDERS} orders, ${PRODUCTS} BigCommerce products`);
  const world = await startSandboxWorld({ clock, listings: LISTINGS, orders: ORDERS, products: PRODUCTS, seed: 42 });
  const db = createDb(`bench-sync-${Date.now()}`);
  const { amazon, catalog } = world.connectors();
  const engine = createSyncEngine({ db, marketplace: amazon, catalog, clock, random: seededRandom(1) });
  await engine.updateSettings({ marketplaceIds: [US], orders: { firstRunDays: 31, warehouse: world.orderWarehouse }, price: { source: 'formula', percent: 7, rounding: '.99' } });
  const setupStart = clock.now();
  for (const kind of ['catalog', 'listings'] as JobKind[]) {
    const r = await engine.runJob(kind);
    if (r.outcome !== 'ok' && r.outcome !== 'partial') throw new Error(`${kind} failed: ${JSON.stringify(r.error)}`);
  }
  const linked = await linkAll(db);
  say(`setup: catalog ${await db.products.count()} products, ${await db.listings.count()} listings, ${linked} linked (${round((clock.now() - setupStart) / 1000, 0)} s virtual)`);

  const ps = await measured(world, () => engine.runJob('offers'));
  const feeds = ps.requests.get('createFeed') ?? 0;
  const feedSeconds = feeds > 0 ? (world.sandbox.state.timing.feedQueueMs + world.sandbox.state.timing.feedProcessMs) / 1000 : 0;
  const psBound = bucketBound(ps.requests);
  const psLower = psBound.seconds + feedSeconds;
  const offers = await checkOffers(world, db);
  const priceStock = {
    listings: linked,
    sent: (ps.result.counts['accepted'] ?? 0) + (ps.result.counts['refused'] ?? 0) + (ps.result.counts['unanswered'] ?? 0),
    accepted: ps.result.counts['accepted'] ?? 0,
    refused: ps.result.counts['refused'] ?? 0,
    feeds,
    patches: ps.requests.get('patchListingsItem') ?? 0,
    virtualSeconds: round(ps.seconds, 1),
    lowerBoundSeconds: round(psLower, 1),
    ratio: round(ps.seconds / psLower, 3),
    throttled: ps.throttled,
    wrong: offers.wrong.length,
    realSeconds: round(ps.realSeconds, 1),
    requests: Object.fromEntries(ps.requests),
  };
  say(`priceStock: ${priceStock.sent} changed listings sent (${priceStock.accepted} accepted, ${priceStock.refused} refused with logged issues) in ${feeds} feeds + ${priceStock.patches} patches`);
  say(`  virtual ${priceStock.virtualSeconds} s, lower bound ${priceStock.lowerBoundSeconds} s (usage plans ${round(psBound.seconds, 1)} s${psBound.operation ? ` on ${psBound.operation}` : ''} + one feed's processing ${feedSeconds} s), ratio ${priceStock.ratio}, 429s ${priceStock.throttled}, wrong afterwards ${priceStock.wrong}, real ${priceStock.realSeconds} s`);

  const expected = await expectedOrderIds(world, db);
  const or = await measured(world, () => engine.runJob('orders'));
  const orBucket = bucketBound(or.requests);
  const orBc = bcBound(or.bcRequests);
  const orLower = Math.max(orBucket.seconds, orBc);
  const check = await checkOrders(world, db, expected);
  const orders = {
    downloaded: (or.result.counts['new'] ?? 0) + (or.result.counts['updated'] ?? 0),
    imported: or.result.counts['imported'] ?? 0,
    expected: expected.size,
    failed: or.result.counts['failed'] ?? 0,
    pages: or.requests.get('searchOrders') ?? 0,
    bigcommerceRequests: or.bcRequests,
    virtualSeconds: round(or.seconds, 1),
    lowerBoundSeconds: round(orLower, 1),
    ratio: round(or.seconds / orLower, 3),
    throttled: or.throttled,
    lost: check.lost.length,
    duplicated: check.duplicated.length,
    realSeconds: round(or.realSeconds, 1),
  };
  say(`orders: ${orders.downloaded} downloaded in ${orders.pages} pages, ${orders.imported} imported of ${orders.expected} importable (${orders.failed} in error), ${orders.bigcommerceRequests} BigCommerce requests`);
  say(`  virtual ${orders.virtualSeconds} s, lower bound ${orders.lowerBoundSeconds} s (searchOrders ${round(orBucket.seconds, 1)} s, BigCommerce quota ${orBc} s), ratio ${orders.ratio}, 429s ${orders.throttled}, lost ${orders.lost}, duplicated ${orders.duplicated}, real ${orders.realSeconds} s`);
  db.close();
  await world.close();

  // ---- 3: kill and resume ---------------------------------------------------------------------
  const crash = await crashRun();
  say(`crash: ${crash.kills} kills at ${crash.distinctPoints} distinct await points; lost ${crash.lost}, duplicated ${crash.duplicated}, unexpected ${crash.unexpected}, wrong offers ${crash.wrongOffers}; ${crash.imported} orders imported; listing updates beyond the first per listing ${crash.resent} (stock changed between workers, and in-flight chunks resent after kills) (real ${crash.realSeconds} s)`);

  if (asJson) console.log(JSON.stringify({ priceStock, orders, crash }));
}

async function crashRun() {
  const real0 = performance.now();
  const clock = createVirtualClock(Date.UTC(2026, 2, 1, 9, 0, 0));
  const world = await startSandboxWorld({ clock, listings: 400, orders: 200, products: 40, seed: 9 });
  const name = `bench-crash-${Date.now()}`;
  const random = seededRandom(11);
  const setupDb = createDb(name);
  {
    const { amazon, catalog } = world.connectors();
    const e = createSyncEngine({ db: setupDb, marketplace: amazon, catalog, clock, random });
    await e.updateSettings({ marketplaceIds: [US], orders: { firstRunDays: 31, warehouse: world.orderWarehouse }, price: { source: 'formula', percent: 3, rounding: '.99' } });
    await e.runJob('catalog');
    await e.runJob('listings');
    await linkAll(setupDb);
  }
  setupDb.close();
  let kills = 0;
  const points = new Map<string, number>();
  const variants = [...world.bc.stock.keys()];
  while (kills < KILLS) {
    const ks = createKillSwitch(1 + Math.floor(random() * 250));
    const db = killableDb(createDb(name), ks);
    const c = world.connectors();
    const e = createSyncEngine({ db, marketplace: killableMarketplace(c.amazon, ks), catalog: killableCatalog(c.catalog, ks), clock, random });
    try {
      await e.resume();
      for (const k of ['orders', 'offers', 'catalog', 'offers'] as JobKind[]) {
        if (ks.dead) break;
        await e.runJob(k);
      }
    } catch {
      // the worker died
    }
    if (ks.dead) {
      kills += 1;
      const at = ks.killedAt!.replace(/ \(#\d+\)$/, '');
      points.set(at, (points.get(at) ?? 0) + 1);
    }
    db.close();
    // The world moves on: stock changes in BigCommerce between workers.
    const at = world.bc.stock.get(variants[Math.floor(random() * variants.length)]!);
    if (at) for (const loc of at.keys()) at.set(loc, 50_000 + Math.floor(random() * 1000));
    clock.advance(5 * 60_000);
  }
  const db = createDb(name);
  const c = world.connectors();
  const e = createSyncEngine({ db, marketplace: c.amazon, catalog: c.catalog, clock, random });
  await e.resume();
  for (const k of ['orders', 'catalog', 'offers'] as JobKind[]) await e.runJob(k);
  const expected = await expectedOrderIds(world, db);
  const orders = await checkOrders(world, db, expected);
  const offers = await checkOffers(world, db);
  const resentRows = (await db.offers.toArray()) as unknown as { sends?: number }[];
  const result = {
    kills,
    distinctPoints: points.size,
    lost: orders.lost.length,
    duplicated: orders.duplicated.length,
    unexpected: orders.unexpected.length,
    wrongOffers: offers.wrong.length,
    imported: expected.size - orders.lost.length,
    resent: resentRows.reduce((s, r) => s + Math.max(0, (r.sends ?? 0) - 1), 0),
    realSeconds: round((performance.now() - real0) / 1000, 1),
  };
  db.close();
  await world.close();
  return result;
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
