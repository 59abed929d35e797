/**
 * Contract test: the BigCommerce connector against the BigCommerce sandbox over real HTTP on
 * 127.0.0.1. Every request the connector sends and every answer it receives is validated
 * against the official OpenAPI files in ../shared/contracts/bigcommerce (unmodified), by a
 * checking fetch placed between the connector and the network.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBigCommerceConnector, type BigCommerceConnectorOptions } from '../../lib/connectors/bigcommerce';
import { createVirtualClock, realClock, type Clock, type FetchLike, type HttpLogEntry } from '../../lib/connectors/http';
import { ConnectorError, type CatalogProduct } from '../../lib/connectors/types';
import { canonicalGtin } from '../../lib/matching/identifiers';
import { loadBigCommerceContracts, type BigCommerceContracts } from '../sandbox/bigcommerce/contract';
import { createBigCommerceSandbox, injectFault, SANDBOX_ACCESS_TOKEN, SANDBOX_STORE_HASH, type BigCommerceSandbox, type BigCommerceSandboxState } from '../sandbox/bigcommerce';
import { startSandbox } from '../sandbox/server';

let contracts: BigCommerceContracts;
/** Operation id -> number of answers validated against the official files. */
const checked = new Map<string, number>();
const violations: string[] = [];
const servers: http.Server[] = [];

beforeAll(async () => {
  contracts = await loadBigCommerceContracts();
});

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((r) => s.close(() => r()))));
});

afterAll(() => {
  const connectorOps = ['getProducts', 'createProduct', 'getVariants', 'get-inventory-items', 'put-absolute-adjustment', 'post-relative-adjustment', 'getOrders', 'createOrder', 'getOrderShipments', 'getOrderProducts', 'createOrderShipments'];
  for (const op of connectorOps) expect(checked.get(op) ?? 0, `${op} was never checked`).toBeGreaterThan(0);
  expect(violations, violations.join("\n")).toEqual([]);
  console.log(`contract: ${checked.size} BigCommerce operations checked against ../shared/contracts (${[...checked.keys()].sort().join(', ')})`);
});

/** A fetch that validates each request and answer under /stores/{hash}/v2|v3 against the files. */
function checkingFetch(inner: FetchLike = fetch): FetchLike {
  return async (input, init) => {
    const request = new Request(input, init);
    const bodyText = request.body ? await request.clone().text() : '';
    const response = await inner(request);
    const url = new URL(request.url);
    const m = /^\/stores\/[^/]+\/(v2|v3)(\/.*)$/.exec(url.pathname);
    // Deliberately injected faults are not the sandbox's contract.
    if (!m || response.headers.has('x-sandbox-fault')) return response;
    const version = m[1] as 'v2' | 'v3';
    const match = contracts.match(version, request.method, m[2]!);
    if (!match) {
      violations.push(`${request.method} ${url.pathname}: no operation in the official files`);
      return response;
    }
    const headers: Record<string, string> = {};
    request.headers.forEach((v, k) => (headers[k] = v));
    const requestProblems = contracts.validateRequest(match, {
      method: request.method,
      path: m[2]!,
      query: url.search.slice(1),
      headers,
      body: bodyText ? JSON.parse(bodyText) : undefined,
    });
    // A request the connector sent must be valid, whatever the sandbox answered.
    if (requestProblems.length > 0) violations.push(`${match.operationId} request: ${requestProblems.join('; ')}`);
    const text = await response.clone().text();
    if (text && contracts.documentsStatus(match, response.status)) {
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        return response; // injected malformed bodies are the point of some tests
      }
      const problems = contracts.validateResponse(match, response.status, body);
      if (problems.length > 0) violations.push(`${match.operationId} ${response.status}: ${problems.join('; ')}`);
      else checked.set(match.operationId, (checked.get(match.operationId) ?? 0) + 1);
    }
    return response;
  };
}

interface Setup {
  sandbox: BigCommerceSandbox;
  origin: string;
  base: string;
  connector: ReturnType<typeof createBigCommerceConnector>;
  clock: Clock;
  logs: HttpLogEntry[];
  /** A request outside the connector; `check: false` for requests that break the files on purpose. */
  raw(method: string, path: string, body?: unknown, token?: string, check?: boolean): Promise<{ status: number; headers: Headers; body: unknown }>;
}

async function setup(opts: { products?: number; seed?: number; clock?: Clock; connector?: Partial<BigCommerceConnectorOptions> } = {}): Promise<Setup> {
  const clock = opts.clock ?? createVirtualClock();
  const sandbox = createBigCommerceSandbox({ seed: opts.seed ?? 7, products: opts.products ?? 40, clock });
  const server = http.createServer((req, res) => {
    sandbox.handle(req, res, new URL(req.url ?? '/', 'http://127.0.0.1')).then(
      (handled) => {
        if (!handled) {
          res.writeHead(404);
          res.end();
        }
      },
      (error: unknown) => {
        res.writeHead(500);
        res.end(String(error));
      },
    );
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const logs: HttpLogEntry[] = [];
  const f = checkingFetch();
  const connector = createBigCommerceConnector({
    storeHash: SANDBOX_STORE_HASH,
    accessToken: SANDBOX_ACCESS_TOKEN,
    fetch: f,
    clock,
    apiOrigin: origin,
    random: () => 0.5,
    log: (e) => logs.push(e),
    timeoutMs: 5000,
    ...opts.connector,
  });
  const base = `${origin}/stores/${SANDBOX_STORE_HASH}`;
  return {
    sandbox,
    origin,
    base,
    connector,
    clock,
    logs,
    async raw(method, path, body, token = SANDBOX_ACCESS_TOKEN, check = true) {
      const res = await (check ? f : fetch)(`${base}${path}`, {
        method,
        headers: { 'X-Auth-Token': token, Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
    },
  };
}

async function listAll(s: Setup, pageSize: number): Promise<{ items: CatalogProduct[]; pages: number }> {
  const items: CatalogProduct[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await s.connector.listProducts({ cursor, pageSize });
    items.push(...page.items);
    cursor = page.next;
    pages++;
  } while (cursor);
  return { items, pages };
}

function expectedSkus(s: Setup): string[] {
  const skus: string[] = [];
  for (const p of s.sandbox.state.products.values()) {
    const options = p.variants.some((v) => v.option_values.length > 0);
    if (options) skus.push(...p.variants.map((v) => v.sku));
    else skus.push(p.sku);
  }
  return skus;
}

describe('BigCommerce sandbox', () => {
  it('is deterministic for a seed and seeds realistic products with valid barcodes and stock at 2 locations', async () => {
    const a = createBigCommerceSandbox({ seed: 3, products: 25, clock: realClock });
    const b = createBigCommerceSandbox({ seed: 3, products: 25, clock: realClock });
    const c = createBigCommerceSandbox({ seed: 4, products: 25, clock: realClock });
    const names = (x: BigCommerceSandbox) => [...x.state.products.values()].map((p) => `${p.sku} ${p.name}`);
    expect(names(a)).toEqual(names(b));
    expect(names(a)).not.toEqual(names(c));
    const products = [...a.state.products.values()];
    expect(products.some((p) => p.variants.length > 1)).toBe(true);
    expect(products.some((p) => p.variants.length === 1)).toBe(true);
    let barcodes = 0;
    for (const p of products) {
      for (const v of p.variants) {
        for (const code of [v.upc, v.gtin].filter(Boolean)) {
          barcodes++;
          expect(canonicalGtin(code), `${v.sku} ${code}`).toBeDefined();
        }
        expect([...(a.state.stock.get(v.id)?.keys() ?? [])]).toEqual([1, 2]);
      }
    }
    expect(barcodes).toBeGreaterThan(20);
  });

  it('answers 401 in BigCommerce shape for a wrong token, 404 for another store, X-Rate-Limit headers on every answer', async () => {
    const s = await setup();
    const bad = await s.raw('GET', '/v3/catalog/products', undefined, 'wrong-token');
    expect(bad.status).toBe(401);
    expect(bad.body).toMatchObject({ status: 401, title: expect.any(String), type: expect.any(String) });
    const badV2 = await s.raw('GET', '/v2/orders', undefined, 'wrong-token');
    expect(badV2.body).toEqual([expect.objectContaining({ status: 401, message: expect.any(String) })]);
    const other = await fetch(`${s.origin}/stores/otherstore/v3/catalog/products`, { headers: { 'X-Auth-Token': SANDBOX_ACCESS_TOKEN } });
    expect(other.status).toBe(404);
    const ok = await s.raw('GET', '/v3/catalog/products?limit=1');
    for (const r of [bad, ok]) {
      expect(r.headers.get('x-rate-limit-time-window-ms')).toBe('30000');
      expect(r.headers.get('x-rate-limit-requests-quota')).toBe('150');
      expect(Number(r.headers.get('x-rate-limit-requests-left'))).toBeGreaterThanOrEqual(0);
      expect(Number(r.headers.get('x-rate-limit-time-reset-ms'))).toBeLessThanOrEqual(30000);
    }
  });

  it('rejects requests that break the official files: 422 (v3) and 400 (v2) in BigCommerce shape', async () => {
    const s = await setup();
    const noWeight = await s.raw('POST', '/v3/catalog/products', { name: 'Lamp', type: 'physical', price: 10 }, SANDBOX_ACCESS_TOKEN, false);
    expect(noWeight.status).toBe(422);
    expect(JSON.stringify(noWeight.body)).toContain('weight');
    const badType = await s.raw('POST', '/v3/catalog/products', { name: 'Lamp', type: 'spaceship', price: 10, weight: 1 }, SANDBOX_ACCESS_TOKEN, false);
    expect(badType.status).toBe(422);
    const badItems = await s.raw('PUT', '/v3/inventory/adjustments/absolute', { items: [{ location_id: 1, quantity: 3 }] }, SANDBOX_ACCESS_TOKEN, false);
    expect(badItems.status).toBe(422);
    const badOrder = await s.raw('POST', '/v2/orders', { products: [{ product_id: 1, quantity: 1 }] }, SANDBOX_ACCESS_TOKEN, false);
    expect(badOrder.status).toBe(400);
    expect(badOrder.body).toEqual([expect.objectContaining({ status: 400, message: expect.stringContaining('billing_address') })]);
    const badQuery = await s.raw('GET', '/v3/catalog/products?include=everything', undefined, SANDBOX_ACCESS_TOKEN, false);
    expect(badQuery.status).toBe(422);
    expect(JSON.stringify(badQuery.body)).toContain('include');
  });

  it('serves the remaining read operations (product, product variants, location items, order) per the files', async () => {
    const s = await setup({ products: 12 });
    const product = [...s.sandbox.state.products.values()].find((p) => p.variants.length > 1)!;
    expect((await s.raw('GET', `/v3/catalog/products/${product.id}?include=variants`)).body).toMatchObject({ data: { id: product.id, variants: expect.any(Array) } });
    expect((await s.raw('GET', `/v3/catalog/products/${product.id}/variants`)).body).toMatchObject({ data: expect.arrayContaining([expect.objectContaining({ sku: product.variants[1]!.sku })]) });
    expect((await s.raw('GET', `/v3/catalog/products/99999`)).status).toBe(404);
    const located = await s.raw('GET', `/v3/inventory/locations/2/items?sku:in=${encodeURIComponent(product.variants[0]!.sku)}`);
    expect(located.body).toMatchObject({ data: [{ available_to_sell: s.sandbox.state.stock.get(product.variants[0]!.id)!.get(2) }] });
    const { id } = await s.connector.createOrder({ externalOrderId: '114-0000000-0000001', channel: 'Amazon', lines: [{ productSku: product.variants[0]!.sku, quantity: 1 }], createdAt: '2026-01-15T10:00:00Z' });
    expect((await s.raw('GET', `/v2/orders/${id}`)).body).toMatchObject({ id: Number(id), external_order_id: '114-0000000-0000001' });
    expect(s.sandbox.state.responseViolations).toEqual([]);
  });
});

describe('BigCommerce connector against the sandbox', () => {
  it('lists every SKU over several pages: variants as their own SKUs with p/v ids, GTINs canonical, stock per location', async () => {
    const s = await setup({ products: 37 });
    const { items, pages } = await listAll(s, 10);
    expect(pages).toBe(4);
    const skus = items.map((p) => p.sku);
    expect(new Set(skus).size).toBe(skus.length);
    expect([...skus].sort()).toEqual(expectedSkus(s).sort());

    const withOptions = [...s.sandbox.state.products.values()].find((p) => p.variants.length >= 3)!;
    const mine = items.filter((p) => p.externalId?.startsWith(`p${withOptions.id}/`));
    expect(mine.map((p) => p.sku)).toEqual(withOptions.variants.map((v) => v.sku));
    expect(mine.map((p) => p.externalId)).toEqual(withOptions.variants.map((v) => `p${withOptions.id}/v${v.id}`));
    expect(new Set(mine.map((p) => p.title)).size).toBe(mine.length);

    const simple = [...s.sandbox.state.products.values()].find((p) => p.variants.length === 1 && (p.upc || p.gtin))!;
    const one = items.find((p) => p.externalId === `p${simple.id}`)!;
    expect(one).toMatchObject({ sku: simple.sku, title: simple.name, price: simple.price, origin: 'bigcommerce', gtin: canonicalGtin(simple.upc || simple.gtin) });
    expect(one.gtin).toMatch(/^\d{14}$/);
    const v = simple.variants[0]!;
    expect(one.stock).toEqual({ 'BC-LOCATION-1': s.sandbox.state.stock.get(v.id)!.get(1), 'EAST-DC': s.sandbox.state.stock.get(v.id)!.get(2) });
    expect(s.connector.locations().map((l) => l.code)).toEqual(['BC-LOCATION-1', 'EAST-DC']);
  });

  it('creates a product that lists back, and refuses a duplicate SKU with an error a person can act on', async () => {
    const s = await setup({ products: 5 });
    const created = await s.connector.createProduct({ sku: 'AMZ-NEW-001', title: 'Stoneware Mug, 12 oz', price: 14.5, gtin: '00036000291452', brand: 'Kiln & Co' });
    expect(created).toMatchObject({ sku: 'AMZ-NEW-001', title: 'Stoneware Mug, 12 oz', price: 14.5, gtin: '00036000291452', origin: 'bigcommerce' });
    expect(created.externalId).toMatch(/^p\d+$/);
    const stored = s.sandbox.state.products.get(Number(created.externalId!.slice(1)))!;
    expect(stored).toMatchObject({ upc: '036000291452', weight: 0, type: 'physical' });
    expect(s.sandbox.state.brands.get(stored.brand_id)).toBe('Kiln & Co');
    const { items } = await listAll(s, 50);
    expect(items.find((p) => p.sku === 'AMZ-NEW-001')).toMatchObject({ externalId: created.externalId });
    const dup = await s.connector.createProduct({ sku: 'amz-new-001', title: 'Another mug', price: 1 }).catch((e: unknown) => e);
    expect(dup).toBeInstanceOf(ConnectorError);
    expect((dup as ConnectorError).code).toBe('http_409');
    expect((dup as ConnectorError).details.operation).toBe('createProduct');
  });

  it('sets and adjusts stock per location, reads it back, and batches at the 2000-item limit', async () => {
    const s = await setup({ products: 6 });
    const p = [...s.sandbox.state.products.values()].find((x) => x.variants.length > 1)!;
    const [v1, v2] = p.variants;
    await s.connector.changeStock([
      { sku: v1!.sku, quantity: 42, mode: 'set' },
      { sku: v2!.sku, warehouse: 'EAST-DC', quantity: 7, mode: 'set' },
      { sku: v1!.sku, quantity: -2, mode: 'adjust' },
      { sku: v2!.sku, warehouse: 'East distribution center', quantity: 3, mode: 'adjust' },
    ]);
    const read = await s.raw('GET', `/v3/inventory/items?sku:in=${encodeURIComponent(`${v1!.sku},${v2!.sku}`)}`);
    const data = (read.body as { data: { identity: { sku: string }; locations: { location_id: number; available_to_sell: number }[] }[] }).data;
    const at = (sku: string, loc: number) => data.find((d) => d.identity.sku === sku)!.locations.find((l) => l.location_id === loc)!.available_to_sell;
    expect(at(v1!.sku, 1)).toBe(40);
    expect(at(v2!.sku, 2)).toBe(10);
    const { items } = await listAll(s, 50);
    expect(items.find((x) => x.sku === v1!.sku)!.stock['BC-LOCATION-1']).toBe(40);

    const before = s.sandbox.state.log.filter((l) => l.operationId === 'put-absolute-adjustment').length;
    await s.connector.changeStock(Array.from({ length: 2500 }, (_, i) => ({ sku: v1!.sku, quantity: i, mode: 'set' as const })));
    expect(s.sandbox.state.log.filter((l) => l.operationId === 'put-absolute-adjustment').length - before).toBe(2);
    expect(s.sandbox.state.stock.get(v1!.id)!.get(1)).toBe(2499);

    const unknown = await s.connector.changeStock([{ sku: v1!.sku, warehouse: 'Narnia', quantity: 1, mode: 'set' }]).catch((e: unknown) => e);
    expect((unknown as ConnectorError).code).toBe('unknown_location');
    const missing = await s.connector.changeStock([{ sku: 'NO-SUCH-SKU', quantity: 1, mode: 'set' }]).catch((e: unknown) => e);
    expect((missing as ConnectorError).code).toBe('http_422');
  });

  it('creates an order once per Amazon order id: findOrder finds it, a retry returns it, stock goes down', async () => {
    const s = await setup({ products: 8 });
    const p = [...s.sandbox.state.products.values()].find((x) => x.variants.length > 1)!;
    const variant = p.variants[1]!;
    const before = s.sandbox.state.stock.get(variant.id)!.get(1)!;
    expect(await s.connector.findOrder('111-2223334-4445556')).toBeUndefined();
    const input = {
      externalOrderId: '111-2223334-4445556',
      channel: 'Amazon',
      createdAt: '2026-01-15T09:30:00Z',
      lines: [
        { productSku: variant.sku, quantity: 2, unitPrice: { amount: 19.99, currency: 'USD' } },
        { productSku: 'NOT-IN-CATALOG', quantity: 1, title: 'Gift wrap', unitPrice: { amount: 3, currency: 'USD' } },
      ],
      shipTo: { name: 'Jane Q Doe', line1: '1 Main St', city: 'Austin', stateOrRegion: 'TX', postalCode: '78751', countryCode: 'US' },
    };
    const first = await s.connector.createOrder(input);
    expect(await s.connector.findOrder('111-2223334-4445556')).toEqual(first);
    expect(await s.connector.createOrder(input)).toEqual(first);
    expect(s.sandbox.state.orders).toHaveLength(1);
    const order = s.sandbox.state.orders[0]!;
    expect(order.body).toMatchObject({ external_order_id: '111-2223334-4445556', status_id: 11, date_created: 'Thu, 15 Jan 2026 09:30:00 +0000' });
    expect(String(order.body.staff_notes)).toContain('111-2223334-4445556');
    expect(order.lines).toEqual([
      expect.objectContaining({ product_id: p.id, variant_id: variant.id, quantity: 2 }),
      expect.objectContaining({ product_id: 0, sku: 'NOT-IN-CATALOG', name: 'Gift wrap' }),
    ]);
    expect(s.sandbox.state.stock.get(variant.id)!.get(1)).toBe(before - 2);
  });

  it('lists shipments of the orders it created (shipped and partially shipped, changed since), SKUs and Amazon carriers; never others', async () => {
    const s = await setup({ products: 8 });
    const since = new Date(s.clock.now() - 60_000).toISOString();
    const [p1, p2] = [...s.sandbox.state.products.values()].filter((x) => x.variants.length === 1);
    const order = (id: string, lines: { productSku: string; quantity: number; title?: string }[]) =>
      s.connector.createOrder({ externalOrderId: id, channel: 'Amazon', createdAt: '2026-01-15T09:30:00Z', lines, shipTo: { name: 'Jane Doe', line1: '1 Main St', city: 'Austin', postalCode: '78751', countryCode: 'US' } });
    const a = await order('111-0000001-0000001', [{ productSku: p1!.sku, quantity: 2 }, { productSku: 'GIFT-WRAP', quantity: 1, title: 'Gift wrap' }]);
    const b = await order('111-0000002-0000002', [{ productSku: p2!.sku, quantity: 2 }]);
    await order('111-0000003-0000003', [{ productSku: p2!.sku, quantity: 1 }]); // never shipped
    // An order of the shop itself (no marketplace order id), shipped too.
    const own = await s.raw('POST', '/v2/orders', { billing_address: { first_name: 'Al', last_name: 'Shop', street_1: '2 Side St', city: 'Austin', state: 'Texas', zip: '78751', country_iso2: 'US', email: 'al@example.com' }, products: [{ product_id: p1!.id, quantity: 1 }] });
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    const empty: unknown[] = [];
    for (let cursor: string | undefined, n = 0; n === 0 || cursor; n++) {
      const page = await s.connector.listShipments!({ since, cursor });
      empty.push(...page.items);
      cursor = page.next;
    }
    expect(empty).toEqual([]);

    const ship = (orderId: number | string, body: Record<string, unknown>) => s.raw('POST', `/v2/orders/${orderId}/shipments`, body);
    const stored = (id: string) => s.sandbox.state.orders.find((o) => o.id === Number(id))!;
    const oa = stored(a.id);
    const ob = stored(b.id);
    await s.clock.sleep(1000);
    const first = await ship(a.id, { order_address_id: oa.addressIds[0], tracking_number: '1Z999AA10123456784', shipping_provider: 'ups', items: [{ order_product_id: oa.lines[0]!.id, quantity: 1 }] });
    expect(first.status).toBe(201);
    expect(oa.body.status_id).toBe(3);
    await ship(a.id, { order_address_id: oa.addressIds[0], tracking_number: '9400100000000000000001', shipping_provider: 'usps', items: [{ order_product_id: oa.lines[0]!.id, quantity: 1 }, { order_product_id: oa.lines[1]!.id, quantity: 1 }] });
    expect(oa.body.status_id).toBe(2);
    await ship(b.id, { order_address_id: ob.addressIds[0], tracking_number: '794600000001', shipping_provider: '', tracking_carrier: 'fedex', items: [{ order_product_id: ob.lines[0]!.id, quantity: 1 }] });
    expect(ob.body.status_id).toBe(3);
    const ownOrder = own.body as { id: number };
    await ship(ownOrder.id, { order_address_id: stored(String(ownOrder.id)).addressIds[0], tracking_number: 'OWN-1', shipping_provider: 'usps', items: [{ order_product_id: stored(String(ownOrder.id)).lines[0]!.id, quantity: 1 }] });
    // Shipping more than ordered, or to an address of another order, is refused.
    expect((await ship(b.id, { order_address_id: ob.addressIds[0], tracking_number: 'X', items: [{ order_product_id: ob.lines[0]!.id, quantity: 5 }] })).status).toBe(400);
    expect((await ship(b.id, { order_address_id: oa.addressIds[0], tracking_number: 'X', items: [{ order_product_id: ob.lines[0]!.id, quantity: 1 }] })).status).toBe(400);

    const all = [];
    const cursors: (string | undefined)[] = [];
    for (let cursor: string | undefined, n = 0; n === 0 || cursor; n++) {
      const page = await s.connector.listShipments!({ since, cursor });
      all.push(...page.items);
      cursors.push((cursor = page.next));
    }
    // One page per shipped status (2, then 3), each short.
    expect(cursors).toEqual(['3:1', undefined]);
    expect(all.map((x) => [x.externalOrderId, x.carrierCode, x.trackingNumber, x.items])).toEqual([
      ['111-0000001-0000001', 'UPS', '1Z999AA10123456784', [{ sku: p1!.sku, quantity: 1 }]],
      ['111-0000001-0000001', 'USPS', '9400100000000000000001', [{ sku: p1!.sku, quantity: 1 }, { sku: 'GIFT-WRAP', quantity: 1 }]],
      ['111-0000002-0000002', 'FedEx', '794600000001', [{ sku: p2!.sku, quantity: 1 }]],
    ]);
    expect(all[0]).toMatchObject({ catalogOrderId: a.id, id: `${a.id}/${String((first.body as { id: number }).id)}` });
    expect(Date.parse(all[0]!.shipDate)).toBeGreaterThan(Date.parse(since));
    // Nothing changed since now: nothing to list.
    await s.clock.sleep(60_000);
    const later = await s.connector.listShipments!({ since: new Date(s.clock.now()).toISOString() });
    expect(later.items).toEqual([]);
    await expect(s.connector.listShipments!({ since, cursor: '7:1' })).rejects.toMatchObject({ code: 'bad_cursor' });
  });

  it('pauses before the store quota runs out: 200+ requests, no 429, waits in virtual time', async () => {
    const clock = createVirtualClock();
    const s = await setup({ products: 120, clock });
    const { items, pages } = await listAll(s, 1);
    expect(pages).toBe(120);
    expect(items.length).toBeGreaterThanOrEqual(120);
    const log = s.sandbox.state.log;
    expect(log.length).toBeGreaterThan(200);
    expect(log.filter((l) => l.status === 429)).toEqual([]);
    expect(Math.min(...log.map((l) => l.requestsLeft))).toBeGreaterThanOrEqual(1);
    // Two windows were used up, each waited out (about 30 s of virtual time per window).
    expect(clock.now() - log[0]!.at).toBeGreaterThanOrEqual(30_000);
  });

  it('retries a 429 after X-Rate-Limit-Time-Reset-Ms, also when another app used up the quota', async () => {
    const clock = createVirtualClock();
    const s = await setup({ products: 5, clock });
    injectFault(s.sandbox.state, { kind: '429', operationId: 'getProducts', resetMs: 4_000 });
    const t0 = clock.now();
    const page = await s.connector.listProducts({ pageSize: 5 });
    expect(page.items.length).toBeGreaterThan(0);
    expect(clock.now() - t0).toBe(4_000);
    expect(s.sandbox.state.log.map((l) => l.status).slice(0, 2)).toEqual([429, 200]);

    // Another app on the store spent the whole quota: the sandbox itself answers 429.
    s.sandbox.state.rate.used = s.sandbox.state.rate.quota;
    const t1 = clock.now();
    const windowEnds = s.sandbox.state.rate.windowStart + s.sandbox.state.rate.windowMs;
    await s.connector.findOrder('999-0000000-0000000');
    expect(clock.now()).toBeGreaterThanOrEqual(windowEnds);
    expect(clock.now() - t1).toBeLessThanOrEqual(30_000);
    expect(s.logs.some((l) => l.status === 429 && l.outcome === 'retry')).toBe(true);
  });

  it('retries a 500 on reads, never on order creation; names the operation and field on a bad answer', async () => {
    const s = await setup({ products: 5, connector: { maxRetries: 2 } });
    // The faults object takes the SP-API sandbox's shape (operation, kind, count).
    s.sandbox.faults.inject({ operation: 'getProducts', kind: '500', count: 2 });
    expect(s.sandbox.faults.pending()).toHaveLength(1);
    await expect(s.connector.listProducts({})).resolves.toMatchObject({ items: expect.any(Array) });
    expect(s.sandbox.state.log.filter((l) => l.operationId === 'getProducts').map((l) => l.status)).toEqual([500, 500, 200]);
    expect(s.sandbox.faults.pending()).toEqual([]);

    const sku = [...s.sandbox.state.products.values()][0]!.variants[0]!.sku;
    injectFault(s.sandbox.state, { kind: '500', operationId: 'createOrder' });
    const failed = await s.connector.createOrder({ externalOrderId: '222-0000000-0000001', channel: 'Amazon', createdAt: '2026-01-15T09:30:00Z', lines: [{ productSku: sku, quantity: 1 }] }).catch((e: unknown) => e);
    expect((failed as ConnectorError).code).toBe('http_500');
    expect(s.sandbox.state.log.filter((l) => l.operationId === 'createOrder')).toHaveLength(1);

    injectFault(s.sandbox.state, { kind: 'malformed', operationId: 'getProducts' });
    const malformed = (await s.connector.listProducts({}).catch((e: unknown) => e)) as ConnectorError;
    expect(malformed.code).toBe('unexpected_shape');
    expect(malformed.message).toContain('getProducts');

    injectFault(s.sandbox.state, { kind: 'bad-shape', operationId: 'getProducts' });
    const shape = (await s.connector.listProducts({}).catch((e: unknown) => e)) as ConnectorError;
    expect(shape.code).toBe('unexpected_shape');
    expect(shape.message).toMatch(/getProducts: .*data\[0\]\.id/);
  });

  it('gives up on a request that never answers with a timeout error', async () => {
    const s = await setup({ products: 3, clock: realClock, connector: { timeoutMs: 150, maxRetries: 0 } });
    injectFault(s.sandbox.state, { kind: 'timeout', operationId: 'getOrders' });
    const error = (await s.connector.findOrder('333-0000000-0000001').catch((e: unknown) => e)) as ConnectorError;
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error.code).toBe('timeout');
  });

  it('never shows the access token in errors or logs', async () => {
    const secret = 'tok_live_9f8e7d6c5b4a3921';
    const s = await setup({ products: 3, connector: { accessToken: secret, maxRetries: 0 } });
    const error = (await s.connector.listProducts({}).catch((e: unknown) => e)) as ConnectorError;
    expect(error.code).toBe('http_401');
    expect(error.details.hint).toMatch(/reconnect/i);
    const everything = [error.message, error.stack ?? '', JSON.stringify(error), JSON.stringify(error.details), JSON.stringify(s.logs)].join('\n');
    expect(everything).not.toContain(secret);
    expect(s.logs.length).toBeGreaterThan(0);

    // Even when a server echoes the token back in its error body.
    const echo: FetchLike = async () => new Response(JSON.stringify({ status: 400, title: `bad token ${secret}` }), { status: 400, headers: { 'Content-Type': 'application/json' } });
    const c = createBigCommerceConnector({ storeHash: 'abc123', accessToken: secret, fetch: echo, clock: createVirtualClock(), maxRetries: 0 });
    const echoed = (await c.findOrder('1').catch((e: unknown) => e)) as ConnectorError;
    expect(echoed.message).toContain('bad token');
    expect(echoed.message).not.toContain(secret);
  });

  it('works through the shared sandbox server (one http server on 127.0.0.1 for SP-API and BigCommerce)', async () => {
    const clock = createVirtualClock();
    const shared = await startSandbox({ listings: 5, orders: 2, products: 15, seed: 11, clock });
    try {
      expect(shared.bigcommerce).toBeDefined();
      const state = shared.bigcommerce!.state as BigCommerceSandboxState;
      const connector = createBigCommerceConnector({ storeHash: SANDBOX_STORE_HASH, accessToken: SANDBOX_ACCESS_TOKEN, fetch: checkingFetch(), clock, apiOrigin: shared.url });
      const items: CatalogProduct[] = [];
      let cursor: string | undefined;
      do {
        const page = await connector.listProducts({ cursor, pageSize: 6 });
        items.push(...page.items);
        cursor = page.next;
      } while (cursor);
      expect(items.length).toBeGreaterThanOrEqual(15);
      const sku = items[0]!.sku;
      await connector.changeStock([{ sku, quantity: 11, mode: 'set' }]);
      const order = await connector.createOrder({ externalOrderId: '205-0000000-0000009', channel: 'Amazon', createdAt: '2026-01-15T08:00:00Z', lines: [{ productSku: sku, quantity: 1 }] });
      expect(await connector.findOrder('205-0000000-0000009')).toEqual(order);
      expect(state.responseViolations).toEqual([]);
      expect(state.orders).toHaveLength(1);
    } finally {
      await shared.close();
    }
  });
});
