/**
 * The sync engine against the local API sandbox (tests/sandbox): the real Amazon and BigCommerce
 * connectors over real HTTP, sharing one virtual clock with the sandbox. Used by the integration
 * test and by the benchmark (tests/bench/sync.ts). Tests only, never shipped.
 */
import { createAmazonConnector, type AmazonConnector } from '../../connectors/amazon';
import { createBigCommerceConnector, warehouseKey, type BigCommerceConnector } from '../../connectors/bigcommerce';
import type { VirtualClock } from '../../connectors/http/clock';
import type { SkulinkDexie } from '../../db/db';
import type { Link } from '../../domain/link';
import { SANDBOX_CREDENTIALS, SANDBOX_SELLER_ID, startSandbox, US, type SandboxHandle } from '../../../tests/sandbox';
import { SANDBOX_ACCESS_TOKEN, SANDBOX_STORE_HASH, type BigCommerceSandboxState } from '../../../tests/sandbox/bigcommerce';
import { syncTables } from '../repo';

/** A running sandbox and how to make connectors for it (a fresh pair per simulated worker). */
export interface SandboxWorld {
  sandbox: SandboxHandle;
  bc: BigCommerceSandboxState;
  clock: VirtualClock;
  connectors(): { amazon: AmazonConnector; catalog: BigCommerceConnector };
  /** Warehouse key of the location BigCommerce takes order stock from. */
  orderWarehouse: string;
  close(): Promise<void>;
}

/** Start the sandbox with `listings` US listings, `orders` orders and `products` BigCommerce products, all stocked. */
export async function startSandboxWorld(opts: { clock: VirtualClock; listings: number; orders: number; products: number; seed?: number; stock?: number; pollMs?: number }): Promise<SandboxWorld> {
  const { clock } = opts;
  const sandbox = await startSandbox({ port: 0, listings: opts.listings, orders: opts.orders, products: opts.products, seed: opts.seed ?? 7, clock });
  const bc = sandbox.bigcommerce!.state as BigCommerceSandboxState;
  for (const at of bc.stock.values()) for (const loc of at.keys()) at.set(loc, opts.stock ?? 100_000);
  const fetch = (input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init);
  return {
    sandbox,
    bc,
    clock,
    orderWarehouse: warehouseKey(bc.locations[0]!),
    connectors: () => ({
      amazon: createAmazonConnector({
        fetch,
        clock,
        random: () => 0.5,
        credentials: { ...SANDBOX_CREDENTIALS },
        sellerId: SANDBOX_SELLER_ID,
        region: 'NA',
        environment: { kind: 'custom', baseUrl: sandbox.url },
        lwaEndpoint: sandbox.url,
        poll: { intervalMs: opts.pollMs ?? 5_000 },
      }),
      catalog: createBigCommerceConnector({ storeHash: SANDBOX_STORE_HASH, accessToken: SANDBOX_ACCESS_TOKEN, fetch, clock, apiOrigin: sandbox.url }),
    }),
    close: () => sandbox.close(),
  };
}

/**
 * Link every downloaded US listing to a catalog product (listing i → product i mod n, sorted),
 * as a seller's links would; the sandbox's two systems have unrelated SKUs.
 */
export async function linkAll(db: SkulinkDexie): Promise<number> {
  const products = (await db.products.orderBy('sku').primaryKeys()) as string[];
  const listings = (await db.listings.where('marketplaceId').equals(US).sortBy('id')).filter((l) => l.fulfillmentChannel !== 'UNKNOWN');
  const links: Link[] = listings.map((l, i) => ({ listingId: l.id, marketplaceId: US, listingSku: l.sku, asin: l.asin, productSku: products[i % products.length]!, method: 'import', createdAt: 0 }));
  await db.links.bulkPut(links);
  return links.length;
}

/** Orders the engine must import: merchant-fulfilled, paid and not cancelled, all SKUs linked. */
export async function expectedOrderIds(world: SandboxWorld, db: SkulinkDexie): Promise<Set<string>> {
  const linked = new Set((await db.links.toCollection().primaryKeys()) as string[]);
  const out = new Set<string>();
  for (const o of world.sandbox.state.orders.values()) {
    if (o.fulfilledBy !== 'MERCHANT' || o.status === 'PENDING' || o.status === 'CANCELLED') continue;
    if (o.items.every((it) => linked.has(`${o.marketplaceId}:${it.sku}`))) out.add(o.orderId);
  }
  return out;
}

/** Orders lost (expected but not exactly once in BigCommerce, or not `imported` locally) and duplicated. */
export async function checkOrders(world: SandboxWorld, db: SkulinkDexie, expected: ReadonlySet<string>): Promise<{ lost: string[]; duplicated: string[]; unexpected: string[] }> {
  const count = new Map<string, number>();
  for (const o of world.bc.orders) {
    const ext = o.body['external_order_id'];
    if (typeof ext === 'string') count.set(ext, (count.get(ext) ?? 0) + 1);
  }
  const { orders } = syncTables(db);
  const lost: string[] = [];
  for (const id of expected) {
    const row = await orders.get(id);
    if (!count.has(id) || !row?.catalogOrderId) lost.push(id);
  }
  return {
    lost,
    duplicated: [...count].filter(([, n]) => n > 1).map(([id]) => id),
    unexpected: [...count.keys()].filter((id) => !expected.has(id)),
  };
}

/** Listings whose sandbox price/quantity differ from what the last accepted push says they should be. */
export async function checkOffers(world: SandboxWorld, db: SkulinkDexie): Promise<{ wrong: string[]; refused: number }> {
  const { offers } = syncTables(db);
  const wrong: string[] = [];
  let refused = 0;
  for (const o of await offers.toArray()) {
    if (o.refused) {
      refused += 1;
      continue;
    }
    const l = world.sandbox.state.listings.get(`${o.marketplaceId}\u0000${o.sku}`);
    if (!l || !o.pushed) continue;
    if ((o.pushed.quantity !== undefined && l.quantity !== o.pushed.quantity) || (o.pushed.price && Math.abs(l.price - o.pushed.price.amount) > 0.001)) wrong.push(o.listingId);
  }
  return { wrong, refused };
}
