/**
 * BigCommerce's part of the local API sandbox: a stateful store under `/stores/sandbox/`, serving
 * the Catalog v3 (products, variants), Inventory v3 (items, adjustments) and Orders v2 operations
 * the connector uses (orders, their products and shipments; tests ship an order with
 * createOrderShipments, `POST /v2/orders/{order_id}/shipments`, as a seller's shop would). Every request is routed and validated with the official OpenAPI files and
 * every answer is checked against them; a bad request gets 422 (v3) or 400 (v2) in BigCommerce's
 * error shape. The store quota (150 requests per 30 s) is enforced with BigCommerce's
 * X-Rate-Limit-* headers, and tests can inject faults through `state.faults`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { loadBigCommerceContracts, type BigCommerceApiVersion, type ContractMatch } from './contract';
import { generateSeed, type SandboxLocation, type SandboxProduct, type SandboxVariant } from './seed';

/** The only store hash the sandbox knows. */
export const SANDBOX_STORE_HASH = 'sandbox';
/** The only access token the sandbox accepts (X-Auth-Token). */
export const SANDBOX_ACCESS_TOKEN = 'sandbox-token';
/** BigCommerce's Standard/Plus quota: requests per window, and the window. */
export const SANDBOX_RATE_QUOTA = 150;
export const SANDBOX_RATE_WINDOW_MS = 30_000;

const ERROR_TYPE = 'https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes';

/**
 * A fault to inject. Matched against the operation id and/or a path fragment; used `times` times.
 * - `500`: an internal server error in BigCommerce's shape.
 * - `429`: too many requests, with `X-Rate-Limit-Time-Reset-Ms: resetMs` (default 1000).
 * - `malformed`: 200 with a body that is not JSON.
 * - `bad-shape`: 200 with JSON of the wrong shape (ids as strings, data not a list...).
 * - `timeout`: no answer until the client gives up (dropped after 30 s), or with `delayMs` a normal
 *   answer after that many real milliseconds.
 */
export interface BigCommerceFault {
  kind: '500' | '429' | 'malformed' | 'bad-shape' | 'timeout';
  operationId?: string;
  pathIncludes?: string;
  times?: number;
  resetMs?: number;
  delayMs?: number;
}

/** One request as the sandbox saw it. */
export interface BigCommerceLogEntry {
  at: number;
  method: string;
  path: string;
  query: string;
  operationId?: string;
  status: number;
  /** The request's X-Rate-Limit-Requests-Left (after counting it). */
  requestsLeft: number;
}

/** An order as the sandbox stores it. */
export interface SandboxOrder {
  id: number;
  body: Record<string, unknown>;
  /** Each line has its order product id (`id`, what shipment items point to) and the quantity shipped so far. */
  lines: { id: number; product_id: number; variant_id?: number; sku: string; name: string; quantity: number; price: number; shipped: number }[];
  /** Ids of the order's addresses a shipment may name (`order_address_id`). */
  addressIds: number[];
  /** Shipments created with createOrderShipments (orderShipment bodies). */
  shipments: Record<string, unknown>[];
}

/** The sandbox's state: data, request log, faults and contract problems found in its own answers. */
export interface BigCommerceSandboxState {
  seed: number;
  locations: SandboxLocation[];
  brands: Map<number, string>;
  products: Map<number, SandboxProduct>;
  stock: Map<number, Map<number, number>>;
  orders: SandboxOrder[];
  nextProductId: number;
  nextVariantId: number;
  nextOrderId: number;
  /** Next order product id, order address id and shipment id (one counter, store-wide like BigCommerce's). */
  nextOrderRowId: number;
  nextTransaction: number;
  /** Pending faults; each is removed when used up. Push to inject. */
  faults: BigCommerceFault[];
  log: BigCommerceLogEntry[];
  /** Answers of the sandbox that broke the official files (should stay empty). */
  responseViolations: { operationId: string; status: number; errors: string[] }[];
  rate: { windowStart: number; used: number; quota: number; windowMs: number };
}

/**
 * The fault queue as an object, in the shape of the SP-API sandbox's (`operation`, `kind`,
 * `count`; kind `429-storm` is a 429), so one `/_sandbox/faults` route can feed both.
 */
export interface BigCommerceFaults {
  inject(fault: BigCommerceFault | { operation?: string; kind: BigCommerceFault['kind'] | '429-storm'; count?: number }): void;
  clear(): void;
  pending(): BigCommerceFault[];
}

/** What `createBigCommerceSandbox` returns: the sandbox server calls `handle` for every request. */
export interface BigCommerceSandbox {
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean>;
  state: BigCommerceSandboxState;
  faults: BigCommerceFaults;
}

/** Push a fault for the next matching request(s). */
export function injectFault(state: BigCommerceSandboxState, fault: BigCommerceFault): void {
  state.faults.push({ times: 1, ...fault });
}

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

class HttpError extends Error {
  constructor(readonly status: number, readonly title: string, readonly errors: Record<string, string> = {}) {
    super(title);
  }
}

function errorBody(version: BigCommerceApiVersion, status: number, title: string, errors: Record<string, string> = {}): unknown {
  // v3 answers RFC 7807-like objects; v2 answers a list of { status, message }.
  if (version === 'v3') return { status, title, type: ERROR_TYPE, errors };
  const details = Object.entries(errors).map(([k, v]) => `${k}: ${v}`);
  return [{ status, message: details.length ? `${title} ${details.join('; ')}` : title }];
}

function bcDate(ms: number): string {
  // Orders v2 dates are RFC 2822: "Wed, 10 Jan 2018 21:05:30 +0000".
  return new Date(ms).toUTCString().replace('GMT', '+0000');
}

function money(n: number): string {
  return n.toFixed(4);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function totalFor(state: BigCommerceSandboxState, variantId: number): number {
  let sum = 0;
  for (const q of state.stock.get(variantId)?.values() ?? []) sum += q;
  return sum;
}

function hasOptions(p: SandboxProduct): boolean {
  return p.variants.some((v) => v.option_values.length > 0);
}

/**
 * A variant as JSON. The products file allows null for inherited values (price null = the
 * product's price); the variants file (getVariants, getProductVariants) types them as numbers.
 */
function variantJson(state: BigCommerceSandboxState, p: SandboxProduct, v: SandboxVariant, nullable = true): Record<string, unknown> {
  const price = v.price ?? p.price;
  const inherit = <T,>(own: T | null, fallback: T): T | null => (nullable ? own : (own ?? fallback));
  return {
    id: v.id,
    product_id: v.product_id,
    sku: v.sku,
    sku_id: v.sku_id,
    price: inherit(v.price, p.price),
    calculated_price: price,
    sale_price: inherit(null, 0),
    retail_price: inherit(null, 0),
    map_price: inherit(null, 0),
    cost_price: inherit(null, 0),
    weight: inherit(v.weight, p.weight),
    calculated_weight: v.weight ?? p.weight,
    width: inherit(null, 0),
    height: inherit(null, 0),
    depth: inherit(null, 0),
    is_free_shipping: false,
    fixed_cost_shipping_price: inherit(null, 0),
    purchasing_disabled: false,
    purchasing_disabled_message: '',
    image_url: '',
    upc: v.upc,
    gtin: v.gtin,
    mpn: v.mpn,
    inventory_level: totalFor(state, v.id),
    inventory_warning_level: 0,
    bin_picking_number: '',
    option_values: v.option_values,
  };
}

function productJson(state: BigCommerceSandboxState, p: SandboxProduct, include: readonly string[]): Record<string, unknown> {
  const inventory = p.variants.reduce((s, v) => s + totalFor(state, v.id), 0);
  const out: Record<string, unknown> = {
    id: p.id,
    name: p.name,
    type: p.type,
    sku: p.sku,
    description: p.description,
    weight: p.weight,
    width: 0,
    depth: 0,
    height: 0,
    price: p.price,
    cost_price: 0,
    retail_price: 0,
    sale_price: 0,
    map_price: 0,
    tax_class_id: 0,
    product_tax_code: '',
    calculated_price: p.price,
    categories: p.categories,
    brand_id: p.brand_id,
    option_set_display: 'right',
    inventory_level: inventory,
    inventory_warning_level: 0,
    inventory_tracking: p.inventory_tracking,
    reviews_rating_sum: 0,
    reviews_count: 0,
    total_sold: 0,
    fixed_cost_shipping_price: 0,
    is_free_shipping: false,
    is_visible: p.is_visible,
    is_featured: false,
    related_products: [-1],
    warranty: '',
    bin_picking_number: '',
    layout_file: 'product.html',
    upc: p.upc,
    mpn: p.mpn,
    gtin: p.gtin,
    search_keywords: '',
    availability: 'available',
    availability_description: '',
    gift_wrapping_options_type: 'any',
    gift_wrapping_options_list: [],
    sort_order: 0,
    condition: 'New',
    is_condition_shown: false,
    order_quantity_minimum: 0,
    order_quantity_maximum: 0,
    page_title: '',
    meta_keywords: [],
    meta_description: '',
    date_created: p.date_created,
    date_modified: p.date_modified,
    view_count: 0,
    preorder_release_date: null,
    preorder_message: '',
    is_preorder_only: false,
    is_price_hidden: false,
    price_hidden_label: '',
    custom_url: { url: `/products/${p.id}/`, is_customized: false },
    open_graph_type: 'product',
    open_graph_title: '',
    open_graph_description: '',
    open_graph_use_meta_description: true,
    open_graph_use_product_name: true,
    open_graph_use_image: true,
  };
  // A simple product has a base variant; a product with options reports none here.
  if (!hasOptions(p) && p.variants[0]) out.base_variant_id = p.variants[0].id;
  if (include.includes('variants')) out.variants = p.variants.map((v) => variantJson(state, p, v));
  return out;
}

function pagination(total: number, page: number, limit: number, count: number, query: URLSearchParams): Record<string, unknown> {
  const totalPages = Math.max(1, Math.ceil(total / limit));
  const link = (n: number): string => {
    const q = new URLSearchParams(query);
    q.set('page', String(n));
    q.set('limit', String(limit));
    return `?${q.toString()}`;
  };
  const links: Record<string, string> = { current: link(page) };
  if (page > 1) links.previous = link(page - 1);
  if (page < totalPages) links.next = link(page + 1);
  return { pagination: { total, count, per_page: limit, current_page: page, total_pages: totalPages, links } };
}

function pageArgs(query: URLSearchParams, defaultLimit: number, maxLimit: number): { page: number; limit: number } {
  const page = Math.max(1, Math.floor(Number(query.get('page') ?? '1')) || 1);
  const limit = Math.min(maxLimit, Math.max(1, Math.floor(Number(query.get('limit') ?? String(defaultLimit))) || defaultLimit));
  return { page, limit };
}

function listParam(query: URLSearchParams, name: string): string[] | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  return raw.split(',').map((s) => s.trim()).filter(Boolean);
}

function allVariants(state: BigCommerceSandboxState): { p: SandboxProduct; v: SandboxVariant }[] {
  const out: { p: SandboxProduct; v: SandboxVariant }[] = [];
  for (const p of state.products.values()) for (const v of p.variants) out.push({ p, v });
  return out;
}

function findBySku(state: BigCommerceSandboxState, sku: string): { p: SandboxProduct; v: SandboxVariant } | undefined {
  const wanted = sku.toLowerCase();
  // SKUs are unique regardless of letter case for products and variants.
  return allVariants(state).find(({ v }) => v.sku.toLowerCase() === wanted);
}

function skuTaken(state: BigCommerceSandboxState, sku: string): boolean {
  return findBySku(state, sku) !== undefined;
}

type Handler = (ctx: {
  state: BigCommerceSandboxState;
  query: URLSearchParams;
  params: Record<string, string>;
  body: unknown;
  now: number;
}) => Reply;

function nextTransaction(state: BigCommerceSandboxState): string {
  state.nextTransaction++;
  return `00000000-0000-4000-8000-${String(state.nextTransaction).padStart(12, '0')}`;
}

type AdjustmentItem = { location_id: number; sku?: string; variant_id?: number; product_id?: number; quantity: number };

function resolveItem(state: BigCommerceSandboxState, item: AdjustmentItem, index: number): SandboxVariant {
  if (!state.locations.some((l) => l.id === item.location_id)) throw new HttpError(422, `Location with id ${item.location_id} not found`, { [`items.${index}.location_id`]: 'unknown location' });
  if (item.sku !== undefined) {
    const hit = findBySku(state, item.sku);
    if (!hit) throw new HttpError(422, `Items with identity: [sku ${item.sku}] not found`, { [`items.${index}.sku`]: 'unknown sku' });
    return hit.v;
  }
  if (item.variant_id !== undefined) {
    const hit = allVariants(state).find(({ v }) => v.id === item.variant_id);
    if (!hit) throw new HttpError(422, `Items with identity: [variant_id ${item.variant_id}] not found`);
    if (hit.p.inventory_tracking === 'product') throw new HttpError(422, `[Item with variant_id ${item.variant_id} is tracked by product, please update stock by product id]`);
    return hit.v;
  }
  const product = item.product_id !== undefined ? state.products.get(item.product_id) : undefined;
  if (!product) throw new HttpError(422, `Items with identity: [product_id ${String(item.product_id)}] not found`);
  if (hasOptions(product)) throw new HttpError(422, `[Item with product_id ${product.id} is tracked by variant, please update stock by variant id]`);
  return product.variants[0]!;
}

function adjust(state: BigCommerceSandboxState, body: unknown, mode: 'absolute' | 'relative', now: number): Reply {
  const items = (body as { items: AdjustmentItem[] }).items;
  if (items.length > 2000) throw new HttpError(422, 'Limit of 2000 items exceeded', { items: `${items.length} items; the limit is 2000` });
  // Resolve everything first: a batch is applied entirely or not at all.
  const resolved = items.map((item, i) => ({ item, variant: resolveItem(state, item, i) }));
  for (const { item, variant } of resolved) {
    const at = state.stock.get(variant.id) ?? new Map<number, number>();
    state.stock.set(variant.id, at);
    at.set(item.location_id, mode === 'absolute' ? item.quantity : (at.get(item.location_id) ?? 0) + item.quantity);
    const p = state.products.get(variant.product_id);
    if (p) p.date_modified = new Date(now).toISOString().replace('.000Z', '+00:00').replace(/\.\d{3}Z$/, '+00:00');
  }
  return { status: 200, body: { transaction_id: nextTransaction(state) } };
}

function inventoryItem(state: BigCommerceSandboxState, p: SandboxProduct, v: SandboxVariant, locationIds?: number[]): Record<string, unknown> {
  const at = state.stock.get(v.id) ?? new Map<number, number>();
  const identity: Record<string, unknown> = { sku: v.sku, variant_id: v.id, product_id: p.id };
  if (hasOptions(p)) identity.sku_id = v.sku_id;
  return {
    identity,
    locations: state.locations
      .filter((l) => !locationIds || locationIds.includes(l.id))
      .map((l) => ({
        location_id: l.id,
        location_code: l.code,
        location_name: l.name,
        available_to_sell: at.get(l.id) ?? 0,
        total_inventory_onhand: at.get(l.id) ?? 0,
        location_enabled: true,
        settings: { safety_stock: 0, is_in_stock: (at.get(l.id) ?? 0) > 0, warning_level: 0, bin_picking_number: '' },
      })),
  };
}

function orderJson(o: SandboxOrder): Record<string, unknown> {
  return o.body;
}

function findOrder(state: BigCommerceSandboxState, id: string | undefined): SandboxOrder {
  const o = state.orders.find((x) => x.id === Number(id));
  if (!o) throw new HttpError(404, 'The requested resource was not found.');
  return o;
}

/** An orderProducts entry (the file allows no other properties). */
function orderProductJson(o: SandboxOrder, l: SandboxOrder['lines'][number]): Record<string, unknown> {
  return {
    id: l.id,
    order_id: o.id,
    product_id: l.product_id,
    variant_id: l.variant_id ?? 0,
    order_address_id: o.addressIds[0] ?? 0,
    name: l.name,
    sku: l.sku,
    type: 'physical',
    base_price: money(l.price),
    price_ex_tax: money(l.price),
    price_inc_tax: money(l.price),
    price_tax: money(0),
    base_total: money(l.price * l.quantity),
    total_ex_tax: money(l.price * l.quantity),
    total_inc_tax: money(l.price * l.quantity),
    total_tax: money(0),
    quantity: l.quantity,
    quantity_shipped: l.shipped,
  };
}

const handlers: Record<string, Handler> = {
  getProducts({ state, query }) {
    const include = listParam(query, 'include') ?? [];
    let list = [...state.products.values()];
    const skuIn = listParam(query, 'sku:in');
    const sku = query.get('sku');
    if (sku !== null) list = list.filter((p) => p.sku.toLowerCase() === sku.toLowerCase());
    if (skuIn) list = list.filter((p) => skuIn.some((s) => s.toLowerCase() === p.sku.toLowerCase()));
    const idIn = listParam(query, 'id:in');
    if (idIn) list = list.filter((p) => idIn.includes(String(p.id)));
    if (query.get('date_modified:min')) list = list.filter((p) => p.date_modified >= query.get('date_modified:min')!);
    list.sort((a, b) => a.id - b.id);
    const { page, limit } = pageArgs(query, 50, 250);
    const slice = list.slice((page - 1) * limit, page * limit);
    return { status: 200, body: { data: slice.map((p) => productJson(state, p, include)), meta: pagination(list.length, page, limit, slice.length, query) } };
  },
  getProduct({ state, params, query }) {
    const p = state.products.get(Number(params.product_id));
    if (!p) throw new HttpError(404, 'The requested product was not found.');
    return { status: 200, body: { data: productJson(state, p, listParam(query, 'include') ?? []), meta: {} } };
  },
  createProduct({ state, body, now }) {
    const b = body as Record<string, unknown> & { name: string; type: 'physical' | 'digital'; weight: number; price: number; sku?: string };
    const errors: Record<string, string> = {};
    if (b.name.trim() === '' || b.name.length > 250) errors.name = 'name must be 1 to 250 characters';
    if ([...state.products.values()].some((p) => p.name.toLowerCase() === b.name.toLowerCase())) throw new HttpError(409, `The product name is a duplicate`, { name: 'duplicate' });
    if (b.sku && skuTaken(state, b.sku)) throw new HttpError(409, `The product sku is a duplicate`, { sku: `SKU ${b.sku} is already in use` });
    if (Object.keys(errors).length) throw new HttpError(422, 'The request payload is invalid', errors);
    let brandId = typeof b.brand_id === 'number' ? b.brand_id : 0;
    if (typeof b.brand_name === 'string' && b.brand_name) {
      const existing = [...state.brands].find(([, n]) => n.toLowerCase() === String(b.brand_name).toLowerCase());
      if (existing) brandId = existing[0];
      else {
        brandId = state.brands.size + 1;
        state.brands.set(brandId, String(b.brand_name));
      }
    }
    const id = state.nextProductId++;
    const stamp = new Date(now).toISOString().replace(/\.\d{3}Z$/, '+00:00');
    const sku = b.sku ?? '';
    const product: SandboxProduct = {
      id,
      name: b.name,
      type: b.type,
      sku,
      description: typeof b.description === 'string' ? b.description : '',
      weight: b.weight,
      price: b.price,
      brand_id: brandId,
      upc: typeof b.upc === 'string' ? b.upc : '',
      gtin: typeof b.gtin === 'string' ? b.gtin : '',
      mpn: typeof b.mpn === 'string' ? b.mpn : '',
      categories: Array.isArray(b.categories) ? (b.categories as number[]) : [],
      inventory_tracking: b.inventory_tracking === 'variant' ? 'variant' : b.inventory_tracking === 'product' ? 'product' : 'none',
      is_visible: b.is_visible !== false,
      date_created: stamp,
      date_modified: stamp,
      variants: [],
    };
    const variantId = state.nextVariantId++;
    product.variants.push({ id: variantId, product_id: id, sku, sku_id: variantId, price: null, weight: null, upc: product.upc, gtin: product.gtin, mpn: product.mpn, option_values: [] });
    const level = typeof b.inventory_level === 'number' ? b.inventory_level : 0;
    state.stock.set(variantId, new Map(state.locations.map((l, i) => [l.id, i === 0 ? level : 0])));
    state.products.set(id, product);
    return { status: 200, body: { data: productJson(state, product, ['variants']), meta: {} } };
  },
  getVariants({ state, query }) {
    let list = allVariants(state);
    const sku = query.get('sku');
    if (sku !== null) list = list.filter(({ v }) => v.sku.toLowerCase() === sku.toLowerCase());
    const productIds = listParam(query, 'product_id:in');
    if (productIds) list = list.filter(({ p }) => productIds.includes(String(p.id)));
    const { page, limit } = pageArgs(query, 50, 250);
    const slice = list.slice((page - 1) * limit, page * limit);
    return { status: 200, body: { data: slice.map(({ p, v }) => variantJson(state, p, v, false)), meta: pagination(list.length, page, limit, slice.length, query) } };
  },
  getProductVariants({ state, params, query }) {
    const p = state.products.get(Number(params.product_id));
    if (!p) throw new HttpError(404, 'The requested product was not found.');
    const { page, limit } = pageArgs(query, 50, 250);
    const slice = p.variants.slice((page - 1) * limit, page * limit);
    return { status: 200, body: { data: slice.map((v) => variantJson(state, p, v, false)), meta: pagination(p.variants.length, page, limit, slice.length, query) } };
  },
  'get-inventory-items'({ state, query }) {
    let list = allVariants(state);
    const skus = listParam(query, 'sku:in')?.map((s) => s.toLowerCase());
    if (skus) list = list.filter(({ v }) => skus.includes(v.sku.toLowerCase()));
    const variantIds = listParam(query, 'variant_id:in');
    if (variantIds) list = list.filter(({ v }) => variantIds.includes(String(v.id)));
    const productIds = listParam(query, 'product_id:in');
    if (productIds) list = list.filter(({ p }) => productIds.includes(String(p.id)));
    const locationIds = listParam(query, 'location_id:in')?.map(Number);
    const { page, limit } = pageArgs(query, 50, 1000);
    const slice = list.slice((page - 1) * limit, page * limit);
    return { status: 200, body: { data: slice.map(({ p, v }) => inventoryItem(state, p, v, locationIds)), meta: pagination(list.length, page, limit, slice.length, query) } };
  },
  'get-location-inventory-items'({ state, query, params }) {
    const locationId = Number(params.location_id);
    if (!state.locations.some((l) => l.id === locationId)) throw new HttpError(404, `Location ${locationId} not found`);
    let list = allVariants(state);
    const skus = listParam(query, 'sku:in')?.map((s) => s.toLowerCase());
    if (skus) list = list.filter(({ v }) => skus.includes(v.sku.toLowerCase()));
    const { page, limit } = pageArgs(query, 50, 1000);
    const slice = list.slice((page - 1) * limit, page * limit);
    return {
      status: 200,
      body: {
        data: slice.map(({ p, v }) => {
          const q = state.stock.get(v.id)?.get(locationId) ?? 0;
          return { identity: { sku: v.sku, variant_id: v.id, product_id: p.id }, available_to_sell: q, total_inventory_onhand: q, settings: { safety_stock: 0, is_in_stock: q > 0, warning_level: 0, bin_picking_number: '' } };
        }),
        meta: pagination(list.length, page, limit, slice.length, query),
      },
    };
  },
  'put-absolute-adjustment'({ state, body, now }) {
    return adjust(state, body, 'absolute', now);
  },
  'post-relative-adjustment'({ state, body, now }) {
    return adjust(state, body, 'relative', now);
  },
  getOrders({ state, query }) {
    let list = [...state.orders];
    const ext = query.get('external_order_id');
    if (ext !== null) list = list.filter((o) => o.body.external_order_id === ext);
    const minId = query.get('min_id');
    if (minId !== null) list = list.filter((o) => o.id >= Number(minId));
    const maxId = query.get('max_id');
    if (maxId !== null) list = list.filter((o) => o.id <= Number(maxId));
    const status = query.get('status_id');
    if (status !== null) list = list.filter((o) => o.body.status_id === Number(status));
    // Dates in RFC 2822 or ISO 8601, as the file says.
    const minModified = query.get('min_date_modified');
    if (minModified !== null) {
      const min = Date.parse(minModified);
      if (!Number.isFinite(min)) throw new HttpError(400, `min_date_modified is not a date: ${minModified}`);
      list = list.filter((o) => Date.parse(String(o.body.date_modified)) >= min);
    }
    const sort = query.get('sort');
    if (sort !== null) {
      const [field, dir] = sort.split(':');
      const key = (o: SandboxOrder): number => (field === 'date_modified' || field === 'date_created' ? Date.parse(String(o.body[field])) : Number(o.body[field ?? 'id']));
      list.sort((a, b) => (key(a) - key(b) || a.id - b.id) * (dir === 'desc' ? -1 : 1));
    }
    const { page, limit } = pageArgs(query, 50, 250);
    const slice = list.slice((page - 1) * limit, page * limit);
    // Orders v2 answers 204 No Content (no body) when nothing matches.
    if (slice.length === 0) return { status: 204 };
    return { status: 200, body: slice.map(orderJson) };
  },
  getOrderProducts({ state, params, query }) {
    const o = findOrder(state, params.order_id);
    const { page, limit } = pageArgs(query, 50, 250);
    const slice = o.lines.slice((page - 1) * limit, page * limit);
    if (slice.length === 0) return { status: 204 };
    return { status: 200, body: slice.map((l) => orderProductJson(o, l)) };
  },
  getOrderShipments({ state, params, query }) {
    const o = findOrder(state, params.order_id);
    const { page, limit } = pageArgs(query, 50, 250);
    const slice = o.shipments.slice((page - 1) * limit, page * limit);
    // "No Content (No shipments exist)".
    if (slice.length === 0) return { status: 204 };
    return { status: 200, body: slice };
  },
  createOrderShipments({ state, params, body, now }) {
    const o = findOrder(state, params.order_id);
    const b = body as { order_address_id?: number; tracking_number?: string; shipping_provider?: string; tracking_carrier?: string; tracking_link?: string; comments?: string; shipping_method?: string; items?: { order_product_id?: number; quantity?: number }[] };
    // Required by BigCommerce (the description says so) though the schema does not mark them.
    if (b.order_address_id === undefined) throw new HttpError(400, 'The field "order_address_id" is required.');
    if (!o.addressIds.includes(b.order_address_id)) throw new HttpError(400, `The order address ${b.order_address_id} does not belong to order ${o.id}.`);
    if (!b.items?.length) throw new HttpError(400, 'The field "items" is required.');
    const picked = b.items.map((item, i) => {
      const line = o.lines.find((l) => l.id === item.order_product_id);
      if (!line) throw new HttpError(400, `The order product ${String(item.order_product_id)} is not in order ${o.id}.`, { [`items.${i}.order_product_id`]: 'not found' });
      const quantity = item.quantity ?? 0;
      if (quantity < 1 || line.shipped + quantity > line.quantity) throw new HttpError(400, `Cannot ship ${quantity} of order product ${line.id}: ${line.quantity - line.shipped} left to ship.`, { [`items.${i}.quantity`]: 'too many' });
      return { line, quantity };
    });
    for (const { line, quantity } of picked) line.shipped += quantity;
    const provider = b.shipping_provider ?? '';
    const shipment: Record<string, unknown> = {
      id: state.nextOrderRowId++,
      order_id: o.id,
      customer_id: Number(o.body.customer_id ?? 0),
      order_address_id: b.order_address_id,
      date_created: bcDate(now),
      tracking_number: b.tracking_number ?? '',
      merchant_shipping_cost: money(0),
      shipping_method: b.shipping_method ?? 'None',
      comments: b.comments ?? '',
      shipping_provider: provider,
      tracking_carrier: b.tracking_carrier ?? '',
      tracking_link: b.tracking_link ?? '',
      items: picked.map(({ line, quantity }) => ({ order_product_id: line.id, product_id: line.product_id, quantity })),
      shipping_provider_display_name: provider ? provider.toUpperCase() : '',
      generated_tracking_link: '',
    };
    o.shipments.push(shipment);
    // Shipping changes the order: Shipped (2) when every line is out, else Partially Shipped (3).
    const all = o.lines.every((l) => l.shipped >= l.quantity);
    o.body.status_id = all ? 2 : 3;
    o.body.status = all ? 'Shipped' : 'Partially Shipped';
    o.body.items_shipped = o.lines.reduce((sum, l) => sum + l.shipped, 0);
    o.body.date_shipped = bcDate(now);
    o.body.date_modified = bcDate(now);
    return { status: 201, body: shipment };
  },
  getOrder({ state, params }) {
    const o = state.orders.find((x) => x.id === Number(params.order_id));
    if (!o) throw new HttpError(404, 'The requested resource was not found.');
    return { status: 200, body: orderJson(o) };
  },
  createOrder({ state, body, now }) {
    const b = body as Record<string, unknown> & {
      billing_address: Record<string, string>;
      products?: { product_id?: number; variant_id?: number; quantity?: number; name?: string; price_inc_tax?: number; price_ex_tax?: number; sku?: string }[];
      shipping_addresses?: unknown[];
    };
    // Required by BigCommerce (the description says so) though the schema does not mark them.
    if (!b.billing_address) throw new HttpError(400, 'The field "billing_address" is required.');
    if (!b.products?.length) throw new HttpError(400, 'The field "products" is required.');
    const lines: SandboxOrder['lines'] = [];
    for (const [i, line] of b.products.entries()) {
      const quantity = line.quantity ?? 1;
      if (line.product_id !== undefined) {
        const p = state.products.get(line.product_id);
        if (!p) throw new HttpError(400, `The product with ID ${line.product_id} was not found.`, { [`products.${i}.product_id`]: 'not found' });
        let v = p.variants[0]!;
        if (line.variant_id !== undefined) {
          const found = p.variants.find((x) => x.id === line.variant_id);
          if (!found) throw new HttpError(400, `The variant with ID ${line.variant_id} was not found.`, { [`products.${i}.variant_id`]: 'not found' });
          v = found;
        } else if (hasOptions(p)) throw new HttpError(400, `The product ${p.id} has options; give variant_id or product_options.`);
        lines.push({ id: state.nextOrderRowId++, product_id: p.id, variant_id: v.id, sku: v.sku, name: p.name, quantity, price: line.price_inc_tax ?? v.price ?? p.price, shipped: 0 });
      } else {
        lines.push({ id: state.nextOrderRowId++, product_id: 0, sku: line.sku ?? '', name: line.name ?? '', quantity, price: line.price_inc_tax ?? 0, shipped: 0 });
      }
    }
    // Placing an order takes the stock from the default location, as BigCommerce does for catalog products.
    const defaultLocation = state.locations[0]!.id;
    for (const line of lines) {
      if (line.variant_id === undefined) continue;
      const at = state.stock.get(line.variant_id);
      if (at) at.set(defaultLocation, (at.get(defaultLocation) ?? 0) - line.quantity);
    }
    const id = state.nextOrderId++;
    const subtotal = lines.reduce((s, l) => s + l.price * l.quantity, 0);
    const items = lines.reduce((s, l) => s + l.quantity, 0);
    const created = typeof b.date_created === 'string' ? b.date_created : bcDate(now);
    const str = (k: string, d = ''): string => (typeof b[k] === 'string' ? (b[k] as string) : d);
    const order: Record<string, unknown> = {
      id,
      customer_id: typeof b.customer_id === 'number' ? b.customer_id : 0,
      date_created: created,
      date_modified: bcDate(now),
      date_shipped: '',
      status_id: typeof b.status_id === 'number' ? b.status_id : 1,
      status: 'Pending',
      cart_id: '',
      subtotal_ex_tax: money(subtotal),
      subtotal_inc_tax: money(subtotal),
      subtotal_tax: money(0),
      base_shipping_cost: money(0),
      shipping_cost_ex_tax: money(0),
      shipping_cost_inc_tax: money(0),
      shipping_cost_tax: money(0),
      shipping_cost_tax_class_id: 0,
      base_handling_cost: money(0),
      handling_cost_ex_tax: money(0),
      handling_cost_inc_tax: money(0),
      handling_cost_tax: money(0),
      handling_cost_tax_class_id: 0,
      base_wrapping_cost: money(0),
      wrapping_cost_ex_tax: money(0),
      wrapping_cost_inc_tax: money(0),
      wrapping_cost_tax: money(0),
      wrapping_cost_tax_class_id: 0,
      total_ex_tax: str('total_ex_tax', money(subtotal)),
      total_inc_tax: str('total_inc_tax', money(subtotal)),
      total_tax: money(0),
      items_total: items,
      items_shipped: 0,
      payment_method: str('payment_method', 'Manual'),
      payment_provider_id: '',
      payment_status: '',
      refunded_amount: money(0),
      order_is_digital: false,
      store_credit_amount: money(0),
      gift_certificate_amount: money(0),
      ip_address: '',
      ip_address_v6: '',
      geoip_country: '',
      geoip_country_iso2: '',
      currency_id: 1,
      currency_code: str('default_currency_code', 'USD'),
      currency_exchange_rate: '1.0000000000',
      default_currency_id: 1,
      default_currency_code: str('default_currency_code', 'USD'),
      store_default_currency_code: 'USD',
      store_default_to_transactional_exchange_rate: '1.0000000000',
      staff_notes: str('staff_notes'),
      customer_message: str('customer_message'),
      discount_amount: money(0),
      coupon_discount: money(0),
      shipping_address_count: b.shipping_addresses?.length ?? 0,
      is_deleted: false,
      ebay_order_id: '0',
      is_email_opt_in: false,
      order_source: 'external',
      channel_id: typeof b.channel_id === 'number' ? b.channel_id : 1,
      external_source: typeof b.external_source === 'string' ? b.external_source : null,
      external_id: null,
      external_merchant_id: null,
      external_order_id: str('external_order_id'),
      tax_provider_id: '',
      customer_locale: str('customer_locale', 'en'),
      is_tax_inclusive_pricing: false,
      billing_address: { ...b.billing_address, form_fields: [] },
      products: { url: `https://api.bigcommerce.com/stores/${SANDBOX_STORE_HASH}/v2/orders/${id}/products`, resource: `/orders/${id}/products` },
      shipping_addresses: { url: `https://api.bigcommerce.com/stores/${SANDBOX_STORE_HASH}/v2/orders/${id}/shippingaddresses`, resource: `/orders/${id}/shippingaddresses` },
      coupons: { url: `https://api.bigcommerce.com/stores/${SANDBOX_STORE_HASH}/v2/orders/${id}/coupons`, resource: `/orders/${id}/coupons` },
    };
    // One address per shipping address given, else the billing address ships.
    const addressIds = Array.from({ length: Math.max(1, b.shipping_addresses?.length ?? 0) }, () => state.nextOrderRowId++);
    state.orders.push({ id, body: order, lines, addressIds, shipments: [] });
    return { status: 200, body: order };
  },
};

function takeFault(state: BigCommerceSandboxState, operationId: string | undefined, path: string): BigCommerceFault | undefined {
  const i = state.faults.findIndex((f) => (!f.operationId || f.operationId === operationId) && (!f.pathIncludes || path.includes(f.pathIncludes)));
  if (i < 0) return undefined;
  const fault = state.faults[i]!;
  fault.times = (fault.times ?? 1) - 1;
  if (fault.times <= 0) state.faults.splice(i, 1);
  return fault;
}

/**
 * Create a BigCommerce sandbox store. `handle` answers every request under `/stores/{hash}/`
 * (and returns false for any other path so the server can try the next sandbox).
 */
export function createBigCommerceSandbox(opts: { seed: number; products: number; clock: { now(): number } }): BigCommerceSandbox {
  const seeded = generateSeed(opts.seed, opts.products);
  const state: BigCommerceSandboxState = {
    seed: opts.seed,
    locations: seeded.locations,
    brands: seeded.brands,
    products: new Map(seeded.products.map((p) => [p.id, p])),
    stock: seeded.stock,
    orders: [],
    nextProductId: seeded.nextProductId,
    nextVariantId: seeded.nextVariantId,
    nextOrderId: 100,
    nextOrderRowId: 1000,
    nextTransaction: 0,
    faults: [],
    log: [],
    responseViolations: [],
    rate: { windowStart: opts.clock.now(), used: 0, quota: SANDBOX_RATE_QUOTA, windowMs: SANDBOX_RATE_WINDOW_MS },
  };

  const rateHeaders = (now: number): Record<string, string> => ({
    'X-Rate-Limit-Time-Window-Ms': String(state.rate.windowMs),
    'X-Rate-Limit-Time-Reset-Ms': String(Math.max(0, state.rate.windowStart + state.rate.windowMs - now)),
    'X-Rate-Limit-Requests-Quota': String(state.rate.quota),
    'X-Rate-Limit-Requests-Left': String(Math.max(0, state.rate.quota - state.rate.used)),
  });

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const m = /^\/stores\/([^/]+)\/(v2|v3)(\/.*)$/.exec(url.pathname);
    if (!url.pathname.startsWith('/stores/')) return false;
    const now = opts.clock.now();
    const method = (req.method ?? 'GET').toUpperCase();
    const version: BigCommerceApiVersion = m?.[2] === 'v2' ? 'v2' : 'v3';
    const subPath = m?.[3] ?? '/';
    const query = url.search.startsWith('?') ? url.search.slice(1) : url.search;
    const raw = await readBody(req);
    const seen: { operationId?: string } = {};

    const send = (reply: Reply): void => {
      const headers: Record<string, string> = { ...rateHeaders(now), ...reply.headers };
      let text = '';
      if (reply.body !== undefined && reply.status !== 204) {
        text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
        headers['Content-Type'] ??= reply.status >= 400 && version === 'v3' ? 'application/problem+json' : 'application/json';
      }
      state.log.push({ at: now, method, path: url.pathname, query, operationId: seen.operationId, status: reply.status, requestsLeft: Math.max(0, state.rate.quota - state.rate.used) });
      res.writeHead(reply.status, headers);
      res.end(text);
    };

    if (!m || m[1] !== SANDBOX_STORE_HASH) {
      send({ status: 404, body: errorBody(version, 404, 'Store not found.') });
      return true;
    }
    if (req.headers['x-auth-token'] !== SANDBOX_ACCESS_TOKEN) {
      send({ status: 401, body: errorBody(version, 401, 'Unauthorized. The X-Auth-Token header is missing or not valid.') });
      return true;
    }
    // The store quota: fixed 30 s window, counted per request (BigCommerce counts 429s too).
    if (now - state.rate.windowStart >= state.rate.windowMs) {
      state.rate.windowStart = now;
      state.rate.used = 0;
    }
    state.rate.used++;
    if (state.rate.used > state.rate.quota) {
      send({ status: 429, body: errorBody(version, 429, 'Too many requests. Retry after the time in X-Rate-Limit-Time-Reset-Ms.') });
      return true;
    }

    const contracts = await loadBigCommerceContracts();
    const match: ContractMatch | undefined = contracts.match(version, method, subPath);
    seen.operationId = match?.operationId;
    const operationId = seen.operationId;
    const fault = takeFault(state, operationId, url.pathname);
    if (fault) {
      // Marked so a contract checker can tell deliberate faults from sandbox bugs.
      res.setHeader('X-Sandbox-Fault', fault.kind);
      switch (fault.kind) {
        case '500':
          send({ status: 500, body: errorBody(version, 500, 'Internal Server Error') });
          return true;
        case '429': {
          const reset = fault.resetMs ?? 1000;
          send({ status: 429, body: errorBody(version, 429, 'Too many requests.'), headers: { 'X-Rate-Limit-Time-Reset-Ms': String(reset), 'X-Rate-Limit-Requests-Left': '0' } });
          return true;
        }
        case 'malformed':
          send({ status: 200, body: '{"data":[{"id":1,"name":"Trunc', headers: { 'Content-Type': 'application/json' } });
          return true;
        case 'bad-shape':
          send({ status: 200, body: version === 'v3' ? { data: [{ id: 'one', sku: 42 }], meta: { pagination: { total: 'many' } } } : [{ id: 'one', external_order_id: 7 }] });
          return true;
        case 'timeout':
          if (fault.delayMs === undefined) {
            // Hold the request until the client gives up, or drop it after 30 s of real time.
            await new Promise<void>((resolve) => {
              const timer = setTimeout(() => {
                res.destroy();
                resolve();
              }, 30_000);
              res.on('close', () => {
                clearTimeout(timer);
                resolve();
              });
            });
            return true;
          }
          await new Promise((r) => setTimeout(r, fault.delayMs));
          break;
      }
    }
    if (!match) {
      send({ status: 404, body: errorBody(version, 404, `No route for ${method} /${version}${subPath}`) });
      return true;
    }
    let body: unknown;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw);
      } catch {
        send({ status: version === 'v3' ? 422 : 400, body: errorBody(version, version === 'v3' ? 422 : 400, 'The request body is not valid JSON.') });
        return true;
      }
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k.toLowerCase()] = v;
    const problems = contracts.validateRequest(match, { method, path: subPath, query, headers, body });
    if (problems.length > 0) {
      const status = version === 'v3' ? 422 : 400;
      const errors = Object.fromEntries(problems.map((p, i) => [p.split(':')[0] || String(i), p]));
      send({ status, body: errorBody(version, status, 'The request is not valid against the API description.', errors) });
      return true;
    }
    const handler = handlers[match.operationId];
    if (!handler) {
      send({ status: 404, body: errorBody(version, 404, `${match.operationId} is not served by the sandbox`) });
      return true;
    }
    let reply: Reply;
    try {
      reply = handler({ state, query: new URLSearchParams(query), params: match.api.router.parseRequest({ method, path: subPath, headers: {} }, match.operation).params as Record<string, string>, body, now });
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      reply = { status: error.status, body: errorBody(version, error.status, error.title, error.errors) };
    }
    if (reply.body !== undefined && contracts.documentsStatus(match, reply.status)) {
      const errors = contracts.validateResponse(match, reply.status, reply.body);
      if (errors.length > 0) {
        // The sandbox itself broke the contract: make it loud rather than let a test pass on it.
        state.responseViolations.push({ operationId: match.operationId, status: reply.status, errors });
        reply = { status: 500, body: errorBody(version, 500, `Sandbox answer for ${match.operationId} breaks ${match.file}`, Object.fromEntries(errors.map((e, i) => [String(i), e]))) };
      }
    }
    send(reply);
    return true;
  }

  const faults: BigCommerceFaults = {
    inject(fault) {
      const f = fault as Omit<BigCommerceFault, 'kind'> & { operation?: string; count?: number; kind: BigCommerceFault['kind'] | '429-storm' };
      const { operation: _operation, count: _count, ...rest } = f;
      injectFault(state, {
        ...rest,
        kind: f.kind === '429-storm' ? '429' : f.kind,
        operationId: f.operationId ?? f.operation,
        times: f.times ?? f.count ?? 1,
      });
    },
    clear() {
      state.faults.length = 0;
    },
    pending: () => state.faults.map((f) => ({ ...f })),
  };

  return { handle, state, faults };
}
