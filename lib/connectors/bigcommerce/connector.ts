/**
 * The BigCommerce catalog connector: products and variants (Catalog v3), stock per location
 * (Inventory v3), "Add to catalog" (createProduct), orders from marketplaces and their shipments
 * back (Orders v2),
 * following the official files in shared/contracts/bigcommerce. Built on the shared HTTP layer;
 * BigCommerce's store quota is respected through its X-Rate-Limit-* headers.
 */
import { createHttpClient, createQuotaWindowLimiter, type Clock, type FetchLike, type HttpClient, type HttpLogEntry } from '../http';
import { ConnectorError, type CatalogConnector, type CatalogOrderInput, type CatalogProduct, type CatalogShipment, type Page } from '../types';
import {
  mapProduct,
  stockFromInventory,
  toCreateOrderBody,
  toCatalogShipment,
  toCreateProductBody,
  toRfc2822,
  warehouseKey,
  type BcLocation,
  type OrderDefaults,
  type OrderLineTarget,
  type StockBySku,
} from './mapping';
import { BcInventoryPage, BcOrder, BcOrderList, BcOrderProductList, BcProductPage, BcProductResponse, BcShipmentList, BcTransaction, BcVariantPage } from './schemas';

/** The public API host; the store hash goes in the path. */
export const BIGCOMMERCE_API_ORIGIN = 'https://api.bigcommerce.com';

/** Limits stated in the official files. */
export const BIGCOMMERCE_LIMITS = {
  /** Inventory adjustments: "Limit of 2000 items for payload length" (inventory.v3.yml). */
  adjustmentItems: 2000,
  /** getProducts `limit` (BigCommerce caps v3 pages at 250). */
  productsPerPage: 250,
  /** SKUs per `sku:in` inventory query; keeps the URL short. */
  skusPerInventoryQuery: 50,
  /** Orders v2 `limit` when searching by external_order_id. */
  ordersPerPage: 50,
  /** Pages searched before giving up (only reached if a store ignored the filter). */
  maxOrderSearchPages: 20,
  /** Orders v2 `limit` when listing shipped orders (one page per listShipments call). */
  shippedOrdersPerPage: 50,
  /** Order statuses whose shipments go to the marketplace: 2 Shipped, 3 Partially Shipped (getOrderStatuses). */
  shippedStatusIds: [2, 3],
} as const;

/** Cursor of listShipments: which shipped status is being paged, and the page (`2:1`). */
function parseShipmentCursor(cursor: string | undefined): { status: number; page: number } {
  const statuses: readonly number[] = BIGCOMMERCE_LIMITS.shippedStatusIds;
  if (cursor === undefined) return { status: statuses[0]!, page: 1 };
  const m = /^(\d+):(\d+)$/.exec(cursor);
  if (!m || !statuses.includes(Number(m[1])) || Number(m[2]) < 1) throw new ConnectorError('bad_cursor', `Not a BigCommerce shipments cursor: ${cursor.slice(0, 40)}`, { operation: 'getOrders' });
  return { status: Number(m[1]), page: Number(m[2]) };
}

/** Options of {@link createBigCommerceConnector}. */
export interface BigCommerceConnectorOptions {
  /** Store hash, the `{store_hash}` of `/stores/{store_hash}/v3`. */
  storeHash: string;
  /** API account access token, sent as X-Auth-Token and never shown in errors or logs. */
  accessToken: string;
  fetch: FetchLike;
  clock: Clock;
  /** Override of `https://api.bigcommerce.com` (the sandbox). */
  apiOrigin?: string;
  /** Requests left at which to pause until the quota window resets (default 2, for other apps on the store). */
  reserve?: number;
  timeoutMs?: number;
  maxRetries?: number;
  random?: () => number;
  log?: (entry: HttpLogEntry) => void;
  /** Store currency for prices (the catalog does not say; default USD). */
  currency?: string;
  /** Location used when a stock change names no warehouse (default 1, BigCommerce's default location). */
  defaultLocationId?: number;
  /** Products created by "Add to catalog" are hidden until the seller reviews them (default false). */
  createVisible?: boolean;
  orderDefaults?: OrderDefaults;
}

/** A BigCommerce connector; `locations()` exposes the locations learned from inventory answers. */
export interface BigCommerceConnector extends CatalogConnector {
  readonly kind: 'bigcommerce';
  /** The locations seen so far (id, code, name). */
  locations(): BcLocation[];
  /** The HTTP client (for diagnostics and tests). */
  readonly http: HttpClient;
}

function chunk<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

function parseCursor(cursor: string | undefined): number {
  if (cursor === undefined) return 1;
  const page = Number(cursor);
  if (!Number.isInteger(page) || page < 1) throw new ConnectorError('bad_cursor', `Not a BigCommerce page cursor: ${cursor.slice(0, 40)}`, { operation: 'getProducts' });
  return page;
}

/** Create the connector for one store. */
export function createBigCommerceConnector(options: BigCommerceConnectorOptions): BigCommerceConnector {
  if (!/^[A-Za-z0-9_-]+$/.test(options.storeHash)) throw new ConnectorError('bad_config', 'The BigCommerce store hash has unexpected characters.', { hint: 'Copy the store hash from the API path of your API account.' });
  const origin = (options.apiOrigin ?? BIGCOMMERCE_API_ORIGIN).replace(/\/$/, '');
  const root = `${origin}/stores/${options.storeHash}`;
  const limiter = createQuotaWindowLimiter({ clock: options.clock, reserve: options.reserve ?? 2, defaultResetMs: 1000 });
  const http = createHttpClient({
    fetch: options.fetch,
    clock: options.clock,
    random: options.random,
    rateLimiter: limiter,
    defaultHeaders: { Accept: 'application/json' },
    timeoutMs: options.timeoutMs ?? 30_000,
    maxRetries: options.maxRetries ?? 4,
    auth: { headers: async () => ({ 'X-Auth-Token': options.accessToken }), isExpired: () => false },
    secrets: () => [options.accessToken],
    log: options.log,
  });
  const locations = new Map<number, BcLocation>();
  const defaultLocationId = options.defaultLocationId ?? 1;

  async function stockFor(skus: readonly string[], signal?: AbortSignal): Promise<StockBySku> {
    const stock: StockBySku = new Map();
    for (const part of chunk([...new Set(skus)], BIGCOMMERCE_LIMITS.skusPerInventoryQuery)) {
      let page = 1;
      for (;;) {
        const answer = await http.request('get-inventory-items', {
          url: `${root}/v3/inventory/items`,
          searchParams: { 'sku:in': part.join(','), page, limit: 1000 },
          schema: BcInventoryPage,
          signal,
        });
        stockFromInventory(answer.data, stock, locations);
        if (answer.meta.pagination.current_page >= answer.meta.pagination.total_pages) break;
        page++;
      }
    }
    return stock;
  }

  async function resolveLocation(warehouse: string | undefined, signal?: AbortSignal): Promise<number> {
    if (warehouse === undefined || warehouse === '') return defaultLocationId;
    const find = () => [...locations.values()].find((l) => warehouseKey(l) === warehouse || l.code === warehouse || l.name === warehouse || String(l.id) === warehouse);
    let hit = find();
    if (!hit && locations.size === 0) {
      // Learn the store's locations from one inventory item (each lists every location).
      const answer = await http.request('get-inventory-items', { url: `${root}/v3/inventory/items`, searchParams: { page: 1, limit: 1 }, schema: BcInventoryPage, signal });
      stockFromInventory(answer.data, new Map(), locations);
      hit = find();
    }
    if (hit) return hit.id;
    if (/^\d+$/.test(warehouse)) return Number(warehouse);
    throw new ConnectorError('unknown_location', `BigCommerce has no inventory location "${warehouse.slice(0, 80)}".`, {
      operation: 'put-absolute-adjustment',
      hint: 'Choose one of the store locations in the warehouse mapping.',
    });
  }

  async function findVariantBySku(sku: string, signal?: AbortSignal): Promise<OrderLineTarget> {
    const answer = await http.request('getVariants', { url: `${root}/v3/catalog/variants`, searchParams: { sku, limit: 5 }, schema: BcVariantPage, signal });
    const hit = answer.data.find((v) => v.sku.toLowerCase() === sku.toLowerCase());
    if (!hit) return undefined;
    // A base variant (no options) is ordered by product id alone.
    return hit.option_values.length > 0 ? { productId: hit.product_id, variantId: hit.id } : { productId: hit.product_id };
  }

  const connector: BigCommerceConnector = {
    kind: 'bigcommerce',
    http,
    locations: () => [...locations.values()],

    async listProducts(query, signal) {
      const page = parseCursor(query.cursor);
      const limit = Math.min(BIGCOMMERCE_LIMITS.productsPerPage, Math.max(1, query.pageSize ?? 50));
      const answer = await http.request('getProducts', {
        url: `${root}/v3/catalog/products`,
        searchParams: { include: 'variants', page, limit },
        schema: BcProductPage,
        signal,
      });
      const skus: string[] = [];
      for (const p of answer.data) {
        if (p.sku) skus.push(p.sku);
        for (const v of p.variants ?? []) if (v.sku) skus.push(v.sku);
      }
      const stock = skus.length > 0 ? await stockFor(skus, signal) : new Map();
      const items: CatalogProduct[] = answer.data.flatMap((p) => mapProduct(p, stock, { currency: options.currency ?? 'USD' }).products);
      const { current_page, total_pages } = answer.meta.pagination;
      return { items, next: current_page < total_pages ? String(current_page + 1) : undefined } satisfies Page<CatalogProduct>;
    },

    async createProduct(product, signal) {
      if (!product.sku.trim()) throw new ConnectorError('invalid_product', 'A product needs a SKU to be added to BigCommerce.', { operation: 'createProduct' });
      const answer = await http.request('createProduct', {
        method: 'POST',
        url: `${root}/v3/catalog/products`,
        json: toCreateProductBody(product, { visible: options.createVisible }),
        schema: BcProductResponse,
        signal,
      });
      const mapped = mapProduct(answer.data, new Map(), { currency: options.currency ?? 'USD' }).products[0];
      if (!mapped) throw new ConnectorError('unexpected_shape', 'createProduct: the created product came back without a SKU (at data.sku)', { operation: 'createProduct' });
      return mapped;
    },

    async changeStock(changes, signal) {
      const resolved: { mode: 'set' | 'adjust'; item: { location_id: number; sku: string; quantity: number } }[] = [];
      for (const change of changes) {
        if (!Number.isInteger(change.quantity) || (change.mode === 'set' && change.quantity < 0)) {
          throw new ConnectorError('invalid_quantity', `Stock for ${change.sku.slice(0, 80)} must be a whole number${change.mode === 'set' ? ' of 0 or more' : ''}.`, { operation: change.mode === 'set' ? 'put-absolute-adjustment' : 'post-relative-adjustment' });
        }
        resolved.push({ mode: change.mode, item: { location_id: await resolveLocation(change.warehouse, signal), sku: change.sku, quantity: change.quantity } });
      }
      // Keep the caller's order: consecutive changes of one mode go together, in batches of 2000.
      let i = 0;
      while (i < resolved.length) {
        const mode = resolved[i]!.mode;
        let j = i;
        while (j < resolved.length && resolved[j]!.mode === mode) j++;
        for (const items of chunk(resolved.slice(i, j).map((r) => r.item), BIGCOMMERCE_LIMITS.adjustmentItems)) {
          if (mode === 'set') {
            await http.request('put-absolute-adjustment', {
              method: 'PUT',
              url: `${root}/v3/inventory/adjustments/absolute`,
              json: { reason: 'Skulink stock sync', items },
              schema: BcTransaction,
              signal,
            });
          } else {
            // Relative adjustments are not safe to repeat: the HTTP layer retries them only on 429/503.
            await http.request('post-relative-adjustment', {
              method: 'POST',
              url: `${root}/v3/inventory/adjustments/relative`,
              json: { reason: 'Skulink stock sync', items },
              schema: BcTransaction,
              signal,
            });
          }
        }
        i = j;
      }
    },

    async findOrder(externalOrderId, signal) {
      const limit = BIGCOMMERCE_LIMITS.ordersPerPage;
      for (let page = 1; page <= BIGCOMMERCE_LIMITS.maxOrderSearchPages; page++) {
        const answer = await http.request('getOrders', {
          url: `${root}/v2/orders`,
          searchParams: { external_order_id: externalOrderId, page, limit },
          schema: BcOrderList,
          signal,
        });
        // Check the field too: a store that ignored the filter must not make us match another order.
        const hit = (answer ?? []).find((o) => o.external_order_id === externalOrderId);
        if (hit) return { id: String(hit.id) };
        // v2 pages carry no totals: a short page (or 204 No Content) is the last one.
        if (!answer || answer.length < limit) return undefined;
      }
      return undefined;
    },

    async listShipments(query, signal) {
      const { status, page } = parseShipmentCursor(query.cursor);
      const limit = BIGCOMMERCE_LIMITS.shippedOrdersPerPage;
      const since = toRfc2822(query.since);
      if (!since) throw new ConnectorError('bad_query', `listShipments: not a date: ${query.since.slice(0, 40)}`, { operation: 'getOrders' });
      const orders = await http.request('getOrders', {
        url: `${root}/v2/orders`,
        // `sort` is an enum of bare field names in the file (its text mentions `:asc`, the schema does not allow it).
        searchParams: { min_date_modified: since, status_id: status, sort: 'date_modified', page, limit },
        schema: BcOrderList,
        signal,
      });
      const source = (options.orderDefaults?.externalSource ?? 'Skulink').toLowerCase();
      // Ours: created with a marketplace order id (what findOrder looks for) by this app.
      const ours = (orders ?? []).filter((o) => !!o.external_order_id && (!o.external_source || o.external_source.toLowerCase() === source));
      const items: CatalogShipment[] = [];
      for (const order of ours) {
        const shipments = await http.request('getOrderShipments', { url: `${root}/v2/orders/${order.id}/shipments`, searchParams: { limit: 250 }, schema: BcShipmentList, signal });
        if (!shipments?.length) continue;
        // Shipment items name order lines by id; the order's products give their SKUs.
        // The file makes Content-Type a required header of this GET.
        const products = await http.request('getOrderProducts', {
          url: `${root}/v2/orders/${order.id}/products`,
          searchParams: { limit: 250 },
          headers: { 'Content-Type': 'application/json' },
          schema: BcOrderProductList,
          signal,
        });
        const skuByLine = new Map((products ?? []).filter((p) => p.sku).map((p) => [p.id, p.sku]));
        const fallbackDate = new Date(Date.parse(order.date_modified ?? '') || options.clock.now()).toISOString();
        for (const shipment of shipments) {
          const mapped = toCatalogShipment(order, shipment, skuByLine, fallbackDate);
          if (mapped.trackingNumber && mapped.items.length > 0) items.push(mapped);
        }
      }
      // v2 pages carry no totals: a short page (or 204) ends this status; then the next status.
      const statuses: readonly number[] = BIGCOMMERCE_LIMITS.shippedStatusIds;
      const nextStatus = statuses[statuses.indexOf(status) + 1];
      const next = orders && orders.length >= limit ? `${status}:${page + 1}` : nextStatus !== undefined ? `${nextStatus}:1` : undefined;
      return { items, next } satisfies Page<CatalogShipment>;
    },

    async createOrder(order: CatalogOrderInput, signal) {
      if (order.lines.length === 0) throw new ConnectorError('invalid_order', `Order ${order.externalOrderId} has no lines.`, { operation: 'createOrder' });
      // Idempotent by the marketplace order id: an order created before a crash is returned as is.
      const existing = await connector.findOrder(order.externalOrderId, signal);
      if (existing) return existing;
      const targets = new Map<string, OrderLineTarget>();
      for (const sku of new Set(order.lines.map((l) => l.productSku))) targets.set(sku, await findVariantBySku(sku, signal));
      const created = await http.request('createOrder', {
        method: 'POST',
        url: `${root}/v2/orders`,
        json: toCreateOrderBody(order, targets, options.orderDefaults),
        schema: BcOrder,
        signal,
      });
      return { id: String(created.id) };
    },
  };
  return connector;
}
