/**
 * In-memory connectors for sync tests (never shipped). The marketplace keeps listings, orders and
 * every update it received; the catalog keeps products, stock and created orders (all of them,
 * so a duplicate import is visible). Optional token buckets make them wait in virtual time.
 */
import type { Clock } from '../../connectors/http/clock';
import { TokenBucket, type RateLimit } from '../../connectors/http/token-bucket';
import type {
  CatalogConnector,
  CatalogOrderInput,
  CatalogProduct,
  CatalogShipment,
  MarketplaceConnector,
  MarketplaceListing,
  MarketplaceOrder,
  OfferUpdate,
  OfferUpdateResult,
  Page,
  ShipmentConfirmation,
} from '../../connectors/types';

/** The fake marketplace and what it saw. */
export interface FakeMarketplace extends MarketplaceConnector {
  listings: Map<string, MarketplaceListing>;
  orders: Map<string, MarketplaceOrder>;
  /** Every update received, in order. */
  received: OfferUpdate[];
  /** Calls of updateOffers (batch sizes). */
  batches: number[];
  shipments: ShipmentConfirmation[];
  /** SKUs whose updates come back INVALID with this issue. */
  invalid: Map<string, { code: string; message: string }>;
  pageSize: number;
}

/** A fake marketplace (see file comment). */
export function createFakeMarketplace(opts: { clock: Clock; limits?: Record<string, RateLimit>; pageSize?: number } = { clock: { now: () => 0, sleep: async () => {} } }): FakeMarketplace {
  const buckets = new Map(Object.entries(opts.limits ?? {}).map(([k, v]) => [k, new TokenBucket(v, opts.clock)]));
  const take = async (op: string, signal?: AbortSignal) => buckets.get(op)?.take(signal);
  const m: FakeMarketplace = {
    kind: 'amazon',
    listings: new Map(),
    orders: new Map(),
    received: [],
    batches: [],
    shipments: [],
    invalid: new Map(),
    pageSize: opts.pageSize ?? 100,
    async downloadListings(marketplaceId, signal) {
      await take('createReport', signal);
      return [...m.listings.values()].filter((l) => l.marketplaceId === marketplaceId).map((l) => ({ ...l }));
    },
    async updateOffers(updates, signal) {
      await take(updates.length > 20 ? 'createFeed' : 'patchListingsItem', signal);
      m.batches.push(updates.length);
      return updates.map((u): OfferUpdateResult => {
        m.received.push(structuredClone(u));
        const bad = m.invalid.get(u.sku);
        if (bad) return { sku: u.sku, marketplaceId: u.marketplaceId, status: 'invalid', issues: [{ ...bad, severity: 'ERROR' }] };
        const l = m.listings.get(`${u.marketplaceId}:${u.sku}`);
        if (l) {
          if (u.price) l.price = u.price.amount;
          if (u.quantity !== undefined) l.quantity = u.quantity;
        }
        return { sku: u.sku, marketplaceId: u.marketplaceId, status: 'accepted', issues: [] };
      });
    },
    async listOrders(query, signal): Promise<Page<MarketplaceOrder>> {
      await take('searchOrders', signal);
      const after = query.cursor ? (JSON.parse(query.cursor) as [string, string]) : undefined;
      const all = [...m.orders.values()]
        .filter((o) => o.updatedAt > query.updatedAfter && query.marketplaceIds.includes(o.marketplaceId))
        .sort((a, b) => (a.updatedAt === b.updatedAt ? a.orderId.localeCompare(b.orderId) : a.updatedAt.localeCompare(b.updatedAt)))
        .filter((o) => !after || o.updatedAt > after[0] || (o.updatedAt === after[0] && o.orderId > after[1]));
      const items = all.slice(0, m.pageSize).map((o) => structuredClone(o));
      const last = items[items.length - 1];
      return { items, next: all.length > m.pageSize && last ? JSON.stringify([last.updatedAt, last.orderId]) : undefined };
    },
    async getOrder(orderId, signal) {
      await take('getOrder', signal);
      const o = m.orders.get(orderId);
      if (!o) throw new Error(`no order ${orderId}`);
      return structuredClone(o);
    },
    async confirmShipment(shipment, signal) {
      await take('confirmShipment', signal);
      m.shipments.push(structuredClone(shipment));
    },
  };
  return m;
}

/** The fake catalog system and what it saw. */
export interface FakeCatalog extends CatalogConnector {
  products: Map<string, CatalogProduct>;
  /** Every created order (a duplicate import shows as two entries with one externalOrderId). */
  created: (CatalogOrderInput & { id: string })[];
  /** Make createOrder throw this many times (transient) before succeeding. */
  failCreates: number;
  /** Shipments listShipments answers (all of them whatever `since`: a window overlap at its worst), two per page. */
  shipments: CatalogShipment[];
  listShipments: NonNullable<CatalogConnector['listShipments']>;
}

/** A fake catalog system (see file comment). Creating an order takes its stock from the first warehouse holding the SKU. */
export function createFakeCatalog(opts: { clock?: Clock; limits?: Record<string, RateLimit> } = {}): FakeCatalog {
  const clock = opts.clock ?? { now: () => 0, sleep: async () => {} };
  const buckets = new Map(Object.entries(opts.limits ?? {}).map(([k, v]) => [k, new TokenBucket(v, clock)]));
  const take = async (op: string, signal?: AbortSignal) => buckets.get(op)?.take(signal);
  const c: FakeCatalog = {
    kind: 'bigcommerce',
    products: new Map(),
    created: [],
    failCreates: 0,
    shipments: [],
    async listShipments(query, signal) {
      await take('listShipments', signal);
      const start = query.cursor ? Number(query.cursor) : 0;
      return { items: c.shipments.slice(start, start + 2).map((x) => structuredClone(x)), next: start + 2 < c.shipments.length ? String(start + 2) : undefined };
    },
    async listProducts(query, signal) {
      await take('listProducts', signal);
      const all = [...c.products.values()].sort((a, b) => a.sku.localeCompare(b.sku));
      const start = query.cursor ? Number(query.cursor) : 0;
      const size = query.pageSize ?? 250;
      const items = all.slice(start, start + size).map((p) => structuredClone(p));
      return { items, next: start + size < all.length ? String(start + size) : undefined };
    },
    async createProduct(p) {
      const product: CatalogProduct = { ...p, stock: {}, extra: {}, active: true, origin: 'bigcommerce' };
      c.products.set(p.sku, product);
      return product;
    },
    async changeStock(changes) {
      for (const ch of changes) {
        const p = c.products.get(ch.sku);
        if (!p) continue;
        const w = ch.warehouse ?? Object.keys(p.stock)[0] ?? 'main';
        p.stock[w] = ch.mode === 'set' ? ch.quantity : (p.stock[w] ?? 0) + ch.quantity;
      }
    },
    async findOrder(externalOrderId, signal) {
      await take('findOrder', signal);
      const o = c.created.find((x) => x.externalOrderId === externalOrderId);
      return o ? { id: o.id } : undefined;
    },
    async createOrder(order, signal) {
      await take('createOrder', signal);
      if (c.failCreates > 0) {
        c.failCreates -= 1;
        const { ConnectorError } = await import('../../connectors/types');
        throw new ConnectorError('http_503', 'Service Unavailable', { retryable: true, status: 503 });
      }
      const id = `C${c.created.length + 1}`;
      c.created.push({ ...structuredClone(order), id });
      for (const line of order.lines) {
        const p = c.products.get(line.productSku);
        if (p) {
          const w = Object.keys(p.stock)[0] ?? 'main';
          p.stock[w] = (p.stock[w] ?? 0) - line.quantity;
        }
      }
      return { id };
    },
  };
  return c;
}
