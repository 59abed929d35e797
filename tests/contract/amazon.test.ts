/**
 * Contract tests for the Amazon connector: the real connector over real HTTP against the local
 * sandbox, whose every request and answer is validated against the official SP-API models in
 * ../shared/contracts (unmodified). Time is virtual: the connector and the sandbox share a clock.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { gunzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAmazonConnector, type AmazonConnector } from '../../lib/connectors/amazon';
import { createVirtualClock, type VirtualClock } from '../../lib/connectors/http/clock';
import type { HttpLogEntry } from '../../lib/connectors/http/client';
import { ConnectorError, type OfferUpdate } from '../../lib/connectors/types';
import type { SpApiRegion } from '../../lib/domain/marketplaces';
import { CONTRACTS_DIR } from '../sandbox/contracts';
import { DE, JP, SANDBOX_CREDENTIALS, SANDBOX_SELLER_ID, startSandbox, US, type SandboxHandle } from '../sandbox';
import { listingKey } from '../sandbox/spapi';

const logs: HttpLogEntry[] = [];
const errorsSeen: string[] = [];
const checked = new Set<string>();
let sandbox: SandboxHandle;
let clock: VirtualClock;
let amazon: AmazonConnector;

function connect(region: SpApiRegion = 'NA', over: Partial<Parameters<typeof createAmazonConnector>[0]> = {}): AmazonConnector {
  return createAmazonConnector({
    fetch: (input, init) => globalThis.fetch(input, init),
    clock,
    random: () => 0.5,
    credentials: { ...SANDBOX_CREDENTIALS },
    sellerId: SANDBOX_SELLER_ID,
    region,
    environment: { kind: 'custom', baseUrl: sandbox.url },
    lwaEndpoint: sandbox.url,
    timeoutMs: 1500,
    maxRetries: 4,
    log: (e) => logs.push(e),
    ...over,
  });
}

async function expectError(p: Promise<unknown>): Promise<ConnectorError> {
  const err = await p.then(
    () => {
      throw new Error('expected a ConnectorError');
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ConnectorError);
  const ce = err as ConnectorError;
  errorsSeen.push(`${ce.message} ${JSON.stringify(ce.details)}`);
  return ce;
}

const findListing = (pred: (l: SandboxHandle['state']['listings'] extends Map<string, infer L> ? L : never) => boolean) =>
  [...sandbox.state.listings.values()].find(pred)!;

beforeAll(async () => {
  clock = createVirtualClock(Date.UTC(2026, 2, 1, 9, 0, 0));
  sandbox = await startSandbox({ port: 0, listings: 300, orders: 250, seed: 7, clock });
  amazon = connect();
});

afterAll(async () => {
  for (const [k] of sandbox?.stats.validatedResponses ?? []) checked.add(k);
  await sandbox?.close();
  const ops = [...checked].sort();
  console.log(`contract: ${ops.length} operations checked against ${path.relative(process.cwd(), CONTRACTS_DIR)} (${ops.map((o) => o.split('#')[1]).join(', ')})`);
});

describe('listings down (report GET_MERCHANT_LISTINGS_ALL_DATA)', () => {
  it('downloads every US listing, plain and gzip documents alike', async () => {
    const first = await amazon.downloadListings(US);
    const second = await amazon.downloadListings(US);
    const docs = [...sandbox.state.documents.values()].filter((d) => d.kind === 'report');
    expect(docs.map((d) => d.compressed).sort()).toEqual([false, true]);
    const expected = [...sandbox.state.listings.values()].filter((l) => l.marketplaceId === US);
    expect(first).toHaveLength(expected.length);
    expect(second).toEqual(first);
    const odd = expected.find((l) => /[/ .=]/.test(l.sku))!;
    const got = first.find((l) => l.sku === odd.sku)!;
    expect(got).toMatchObject({ asin: odd.asin, title: odd.title, price: odd.price, currency: 'USD', fulfillmentChannel: odd.channel, productId: odd.productId });
    expect(first.filter((l) => l.fulfillmentChannel === 'AFN').length).toBeGreaterThan(0);
    expect(first.filter((l) => l.fulfillmentChannel === 'AFN').every((l) => l.quantity === undefined)).toBe(true);
  });

  it('decodes a DE report in windows-1252 and a JP report in Shift_JIS', async () => {
    const de = await connect('EU').downloadListings(DE);
    expect(de.map((l) => l.title)).toContain('Kaffeebecher aus Keramik, Größe L');
    expect(de.find((l) => l.title?.startsWith('Teelicht'))?.title).toBe('Teelicht-Set «Winter» – Sparpaket 5 €');
    const jp = await connect('FE').downloadListings(JP);
    expect(jp.map((l) => l.title)).toContain('陶器のマグカップ 350ml');
    expect(jp.every((l) => l.currency === 'JPY' && Number.isInteger(l.price))).toBe(true);
  });

  it('refuses a marketplace of another region before calling Amazon', async () => {
    const err = await expectError(amazon.downloadListings(DE));
    expect(err.code).toBe('wrong_region');
  });
});

describe('single items (getListingsItem, searchListingsItems)', () => {
  it('reads an item with odd characters in its SKU, with status and issues', async () => {
    const l = findListing((x) => x.marketplaceId === US && x.sku.includes('/'));
    const item = await amazon.getListingsItem(l.sku, US);
    expect(item.sku).toBe(l.sku);
    expect(item.summaries?.[0]?.asin).toBe(l.asin);
    expect(item.offers?.[0]?.price.amount).toBe(l.price.toFixed(2));
    const spaced = findListing((x) => x.marketplaceId === US && x.sku.includes(' ') && x.sku.includes('='));
    expect((await amazon.getListingsItem(spaced.sku, US)).sku).toBe(spaced.sku);
    const incomplete = findListing((x) => x.marketplaceId === US && x.status === 'Incomplete');
    const withIssues = await amazon.getListingsItem(incomplete.sku, US);
    expect(withIssues.issues?.[0]).toMatchObject({ code: '90220', severity: 'ERROR' });
  });

  it('answers 404 for an unknown SKU as a ConnectorError', async () => {
    const err = await expectError(amazon.getListingsItem('NO-SUCH-SKU', US));
    expect(err.code).toBe('http_404');
    expect(err.message).toContain('getListingsItem');
  });

  it('searches by SKUs and pages with pageToken', async () => {
    const skus = [...sandbox.state.listings.values()].filter((l) => l.marketplaceId === US).slice(0, 15).map((l) => l.sku);
    const page1 = await amazon.searchListingsItems({ marketplaceId: US, identifiers: skus, identifiersType: 'SKU', pageSize: 10 });
    expect(page1.numberOfResults).toBe(15);
    expect(page1.items).toHaveLength(10);
    const page2 = await amazon.searchListingsItems({ marketplaceId: US, identifiers: skus, identifiersType: 'SKU', pageSize: 10, pageToken: page1.pagination!.nextToken });
    expect(page2.items).toHaveLength(5);
    expect(new Set([...page1.items, ...page2.items].map((i) => i.sku))).toEqual(new Set(skus));
  });
});

describe('offers up', () => {
  it('patches few updates one by one; prices read back; INVALID inside 200 is a failure; FBA quantity is never sent', async () => {
    const mfn = [...sandbox.state.listings.values()].filter((l) => l.marketplaceId === US && l.channel === 'MFN' && !l.conflicting).slice(0, 3);
    const afn = findListing((l) => l.marketplaceId === US && l.channel === 'AFN' && !l.conflicting);
    const conflicting = findListing((l) => l.marketplaceId === US && l.conflicting);
    const afnQty = afn.quantity;
    const updates: OfferUpdate[] = [
      ...mfn.map((l, i) => ({ marketplaceId: US, sku: l.sku, price: { amount: 10 + i, currency: 'USD' }, quantity: 5 + i })),
      { marketplaceId: US, sku: afn.sku, price: { amount: 77.5, currency: 'USD' }, quantity: 9 },
      { marketplaceId: US, sku: conflicting.sku, price: { amount: 1, currency: 'USD' } },
    ];
    const patchesBefore = sandbox.stats.validatedRequests.get('listingsItems_2021-08-01#patchListingsItem') ?? 0;
    const results = await amazon.updateOffers(updates);
    expect((sandbox.stats.validatedRequests.get('listingsItems_2021-08-01#patchListingsItem') ?? 0) - patchesBefore).toBe(5);
    expect(results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted', 'accepted', 'invalid']);
    expect(results[4]!.issues[0]).toMatchObject({ code: '8541', severity: 'ERROR' });
    expect(results[3]!.issues.map((i) => i.code)).toContain('fba_quantity_skipped');
    expect(sandbox.state.listings.get(listingKey(US, afn.sku))!.quantity).toBe(afnQty);
    const item = await amazon.getListingsItem(mfn[1]!.sku, US, { includedData: ['offers', 'fulfillmentAvailability'] });
    expect(item.offers?.[0]?.price.amount).toBe('11.00');
    expect(item.fulfillmentAvailability?.[0]).toEqual({ fulfillmentChannelCode: 'DEFAULT', quantity: 6 });
    const report = await amazon.downloadListings(US);
    expect(report.find((l) => l.sku === mfn[2]!.sku)).toMatchObject({ price: 12, quantity: 7 });
    expect(report.find((l) => l.sku === afn.sku)?.price).toBe(77.5);
  });

  it('looks up unknown fulfillment channels (searchListingsItems) before sending quantities', async () => {
    const fresh = connect();
    const afn = [...sandbox.state.listings.values()].filter((l) => l.marketplaceId === US && l.channel === 'AFN' && !l.conflicting)[1]!;
    const searches = sandbox.stats.validatedRequests.get('listingsItems_2021-08-01#searchListingsItems') ?? 0;
    const [result] = await fresh.updateOffers([{ marketplaceId: US, sku: afn.sku, quantity: 50 }]);
    expect(sandbox.stats.validatedRequests.get('listingsItems_2021-08-01#searchListingsItems')).toBe(searches + 1);
    expect(result).toMatchObject({ sku: afn.sku, status: 'accepted' });
    expect(result!.issues[0]!.code).toBe('fba_quantity_skipped');
    expect(sandbox.state.listings.get(listingKey(US, afn.sku))!.quantity).toBeUndefined();
  });

  it('trusts a given fulfillment channel: no searchListingsItems, and an AFN listing never gets a quantity', async () => {
    const fresh = connect();
    const pool = [...sandbox.state.listings.values()].filter((l) => l.marketplaceId === US && !l.conflicting);
    const afn = pool.filter((l) => l.channel === 'AFN')[2]!;
    const mfn = pool.filter((l) => l.channel === 'MFN')[60]!;
    const searches = sandbox.stats.validatedRequests.get('listingsItems_2021-08-01#searchListingsItems') ?? 0;
    const patches = sandbox.stats.validatedRequests.get('listingsItems_2021-08-01#patchListingsItem') ?? 0;
    const afnQty = afn.quantity;
    const results = await fresh.updateOffers([
      { marketplaceId: US, sku: afn.sku, quantity: 50, fulfillmentChannel: 'AFN' },
      { marketplaceId: US, sku: mfn.sku, quantity: 42, fulfillmentChannel: 'MFN' },
    ]);
    expect(sandbox.stats.validatedRequests.get('listingsItems_2021-08-01#searchListingsItems') ?? 0).toBe(searches);
    // The AFN update had nothing left to send: only the MFN one was patched.
    expect((sandbox.stats.validatedRequests.get('listingsItems_2021-08-01#patchListingsItem') ?? 0) - patches).toBe(1);
    expect(results.find((r) => r.sku === afn.sku)).toMatchObject({ status: 'accepted', issues: [{ code: 'fba_quantity_skipped' }] });
    expect(results.find((r) => r.sku === mfn.sku)).toMatchObject({ status: 'accepted', issues: [] });
    expect(sandbox.state.listings.get(listingKey(US, afn.sku))!.quantity).toBe(afnQty);
    expect(sandbox.state.listings.get(listingKey(US, mfn.sku))!.quantity).toBe(42);
  });

  it('sends many updates as one JSON_LISTINGS_FEED and maps each message’s issues back to its SKU', async () => {
    const all = [...sandbox.state.listings.values()].filter((l) => l.marketplaceId === US && l.channel === 'MFN');
    const clean = all.filter((l) => !l.conflicting).slice(10, 40);
    const conflicting = all.find((l) => l.conflicting)!;
    const updates: OfferUpdate[] = clean.map((l, i) => ({ marketplaceId: US, sku: l.sku, productType: l.productType, price: { amount: 20 + i, currency: 'USD' }, quantity: i }));
    updates.push({ marketplaceId: US, sku: conflicting.sku, price: { amount: 3, currency: 'USD' } });
    // A message missing a required value (currency) → 90220.
    updates.push({ marketplaceId: US, sku: clean[0]!.sku, price: { amount: 5, currency: '' } });
    const t0 = clock.now();
    const results = await amazon.updateOffers(updates);
    expect(clock.now() - t0).toBeGreaterThanOrEqual(80_000); // queue + processing, in virtual time
    expect(results).toHaveLength(updates.length);
    expect(results.slice(0, clean.length).every((r) => r.status === 'accepted')).toBe(true);
    expect(results[clean.length]).toMatchObject({ sku: conflicting.sku, status: 'invalid' });
    expect(results[clean.length]!.issues[0]!.code).toBe('8541');
    expect(results[clean.length + 1]!.status).toBe('invalid');
    expect(results[clean.length + 1]!.issues[0]).toMatchObject({ code: '90220', severity: 'ERROR' });
    expect(sandbox.state.listings.get(listingKey(US, clean[5]!.sku))).toMatchObject({ price: 25, quantity: 5 });

    // The uploaded feed and the processing report satisfy the official JSON Schemas.
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const schema = (f: string) => JSON.parse(readFileSync(path.join(CONTRACTS_DIR, 'amazon-sp-api', f), 'utf8')) as object;
    const feedValid = ajv.compile(schema('listings-feed-schema-v2.json'));
    const reportValid = ajv.compile(schema('listings-feed-processing-report-schema-v2.json'));
    const input = [...sandbox.state.documents.values()].filter((d) => d.kind === 'feed-input').at(-1)!;
    expect(feedValid(JSON.parse(Buffer.from(input.bytes!).toString('utf8'))), JSON.stringify(feedValid.errors)).toBe(true);
    const result = [...sandbox.state.documents.values()].filter((d) => d.kind === 'feed-result').at(-1)!;
    const bytes = result.compressed ? gunzipSync(result.bytes!) : result.bytes!;
    expect(reportValid(JSON.parse(Buffer.from(bytes).toString('utf8'))), JSON.stringify(reportValid.errors)).toBe(true);
  });
});

describe('orders down, tracking up', () => {
  it('pages through searchOrders with the pagination token and imports items', async () => {
    const since = new Date(clock.now() - 40 * 86400_000).toISOString();
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await amazon.listOrders({ marketplaceIds: [US], updatedAfter: since, cursor });
      seen.push(...page.items.map((o) => o.orderId));
      expect(page.items.every((o) => o.items.length > 0 && o.items.every((i) => i.sku && i.quantity > 0))).toBe(true);
      cursor = page.next;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(sandbox.state.orders.size);
    const statuses = new Set((await amazon.listOrders({ marketplaceIds: [US], updatedAfter: since })).items.map((o) => o.status));
    expect(statuses.size).toBeGreaterThanOrEqual(4);
  });

  it('gets one order and confirms its shipment (v0); the order reads back SHIPPED', async () => {
    const o = [...sandbox.state.orders.values()].find((x) => x.status === 'UNSHIPPED' && x.fulfilledBy === 'MERCHANT')!;
    const before = await amazon.getOrder(o.orderId);
    expect(before).toMatchObject({ orderId: o.orderId, status: 'UNSHIPPED', fulfillmentChannel: 'MFN', marketplaceId: US });
    expect(before.total?.currency).toBe('USD');
    expect(before.shipTo?.postalCode).toBe(o.recipient.postalCode);
    await amazon.confirmShipment({
      orderId: o.orderId,
      marketplaceId: US,
      carrierCode: 'UPS',
      trackingNumber: '1ZSKULINK0001',
      shipDate: new Date(clock.now()).toISOString(),
      items: before.items.map((i) => ({ orderItemId: i.orderItemId, quantity: i.quantity })),
    });
    expect((await amazon.getOrder(o.orderId)).status).toBe('SHIPPED');
    const again = await expectError(
      amazon.confirmShipment({ orderId: o.orderId, marketplaceId: US, carrierCode: 'UPS', trackingNumber: 'X', shipDate: new Date(clock.now()).toISOString(), items: [] }),
    );
    expect(again.code).toBe('http_400');
  });
});

describe('failures', () => {
  it('recovers from a 429 storm within the limits', async () => {
    const l = findListing((x) => x.marketplaceId === US);
    sandbox.faults.inject({ operation: 'getListingsItem', kind: '429-storm', count: 3 });
    const t0 = clock.now();
    expect((await amazon.getListingsItem(l.sku, US)).sku).toBe(l.sku);
    expect(sandbox.faults.served['429-storm']).toBe(3);
    // 3 backoffs (375 + 750 + 1500 ms with the fixed jitter) plus token waits.
    expect(clock.now() - t0).toBeGreaterThanOrEqual(2625);
    sandbox.faults.inject({ operation: 'getListingsItem', kind: '429-storm', count: 10 });
    const err = await expectError(amazon.getListingsItem(l.sku, US));
    expect(err.code).toBe('http_429');
    expect(err.details.retryable).toBe(true);
    sandbox.faults.clear();
  });

  it('retries a 500 and a timeout on reads', async () => {
    const o = [...sandbox.state.orders.values()][0]!;
    sandbox.faults.inject({ operation: 'getOrder', kind: '500', count: 2 });
    expect((await amazon.getOrder(o.orderId)).orderId).toBe(o.orderId);
    sandbox.faults.inject({ operation: 'getOrder', kind: 'timeout', count: 1 });
    expect((await amazon.getOrder(o.orderId)).orderId).toBe(o.orderId);
    expect(logs.some((e) => e.operation === 'getOrder' && e.outcome === 'retry' && /no answer/.test(e.message ?? ''))).toBe(true);
  });

  it('does not repeat a non-idempotent createFeed after a 500', async () => {
    sandbox.faults.inject({ operation: 'createFeed', kind: '500', count: 1 });
    const before = sandbox.state.feeds.size;
    const updates = Array.from({ length: 21 }, (_, i) => ({ marketplaceId: US, sku: `NOPE-${i}`, price: { amount: 1, currency: 'USD' } }));
    const err = await expectError(amazon.submitListingsFeed(US, updates));
    expect(err.code).toBe('http_500');
    expect(sandbox.state.feeds.size).toBe(before);
  });

  it('turns a malformed answer into unexpected_shape naming the operation and the field', async () => {
    const l = findListing((x) => x.marketplaceId === US);
    sandbox.faults.inject({ operation: 'getListingsItem', kind: 'malformed' });
    const err = await expectError(amazon.getListingsItem(l.sku, US));
    expect(err.code).toBe('unexpected_shape');
    expect(err.message).toMatch(/getListingsItem: unexpected answer shape at sku/);
    sandbox.faults.inject({ operation: 'searchOrders', kind: 'malformed' });
    const err2 = await expectError(amazon.listOrders({ marketplaceIds: [US], updatedAfter: '2026-01-01T00:00:00Z' }));
    expect(err2.message).toMatch(/searchOrders: unexpected answer shape at orders\[0\]\.orderId/);
  });

  it('refreshes an expired access token once and retries', async () => {
    const issued = sandbox.stats.lwaTokensIssued;
    sandbox.faults.inject({ operation: 'getReport', kind: 'expired-token' });
    const listings = await amazon.downloadListings(US);
    expect(listings.length).toBeGreaterThan(0);
    expect(sandbox.stats.lwaTokensIssued).toBe(issued + 1);
    expect(logs.some((e) => e.operation === 'getReport' && e.outcome === 'refresh')).toBe(true);
  });

  it('explains invalid_grant and invalid_client without leaking secrets', async () => {
    const revoked = connect('NA', { credentials: { ...SANDBOX_CREDENTIALS, refreshToken: 'Atzr|revoked-by-seller-123' } });
    const err = await expectError(revoked.getOrder('111-0000000-0000000'));
    expect(err.code).toBe('invalid_grant');
    expect(err.details.hint).toMatch(/Re-authorize Skulink in Seller Central/);
    expect(err.message).not.toContain('revoked-by-seller-123');
    const wrongApp = connect('NA', { credentials: { ...SANDBOX_CREDENTIALS, clientSecret: 'amzn1.oa2-cs.v1.wrong-secret-999' } });
    const err2 = await expectError(wrongApp.getOrder('111-0000000-0000000'));
    expect(err2.code).toBe('invalid_client');
  });

  it('answers a request that breaks the contract with 400 in the SP-API error shape', async () => {
    const token = await amazon.auth.accessToken();
    const res = await fetch(`${sandbox.url}/listings/2021-08-01/items/${SANDBOX_SELLER_ID}?pageSize=5`, { headers: { 'x-amz-access-token': token } });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: { code: string; message: string; details?: string }[] };
    expect(body.errors[0]!.code).toBe('InvalidInput');
    expect(body.errors[0]!.details).toMatch(/marketplaceIds/);
    sandbox.stats.rejectedRequests.pop();
  });
});

describe('contract bookkeeping and secrets', () => {
  it('every sandbox answer matched the official models and the connector sent no invalid request', () => {
    expect(sandbox.stats.violations).toEqual([]);
    expect(sandbox.stats.rejectedRequests).toEqual([]);
    const ops = new Set([...sandbox.stats.validatedResponses.keys()].map((k) => k.split('#')[1]));
    for (const op of ['getListingsItem', 'searchListingsItems', 'patchListingsItem', 'createFeedDocument', 'createFeed', 'getFeed', 'getFeedDocument', 'createReport', 'getReport', 'getReportDocument', 'searchOrders', 'getOrder', 'confirmShipment']) {
      expect(ops, op).toContain(op);
    }
  });

  it('no secret appears in any log line or error', () => {
    const text = JSON.stringify(logs) + errorsSeen.join('\n');
    expect(logs.length).toBeGreaterThan(50);
    for (const secret of [SANDBOX_CREDENTIALS.clientSecret, SANDBOX_CREDENTIALS.refreshToken, 'revoked-by-seller-123', 'wrong-secret-999', ...sandbox.state.tokens.keys()]) {
      expect(text).not.toContain(secret);
    }
  });
});

describe('rate limits in virtual time', () => {
  let fresh: SandboxHandle;
  afterAll(async () => {
    for (const [k] of fresh?.stats.validatedResponses ?? []) checked.add(k);
    await fresh?.close();
  });

  it('N getFeed calls take at least (N - burst) / rate seconds and never hit a 429', async () => {
    fresh = await startSandbox({ port: 0, listings: 30, orders: 10, seed: 3, clock });
    const c = createAmazonConnector({
      fetch: (i, init) => globalThis.fetch(i, init),
      clock,
      random: () => 0.5,
      credentials: { ...SANDBOX_CREDENTIALS },
      sellerId: SANDBOX_SELLER_ID,
      region: 'NA',
      environment: { kind: 'custom', baseUrl: fresh.url },
      lwaEndpoint: fresh.url,
      timeoutMs: 1500,
      maxRetries: 2,
      patchThreshold: 0,
      poll: { intervalMs: 1000 },
      log: (e) => logs.push(e),
    });
    // One feed to poll.
    const l = [...fresh.state.listings.values()].find((x) => x.marketplaceId === US && !x.conflicting)!;
    await c.submitListingsFeed(US, [{ marketplaceId: US, sku: l.sku, price: { amount: 9, currency: 'USD' } }]);
    const feedId = [...fresh.state.feeds.keys()][0]!;
    // Let the bucket refill fully, then measure.
    await clock.sleep(60_000);
    const N = 45;
    const t0 = clock.now();
    for (let i = 0; i < N; i++) await c.http.request('getFeed', { url: `/feeds/2021-06-30/feeds/${feedId}` });
    const elapsed = clock.now() - t0;
    const bound = ((N - 15) / 2) * 1000;
    expect(elapsed).toBeGreaterThanOrEqual(bound);
    expect(elapsed).toBeLessThan(bound + 1000);
    expect(fresh.stats.throttled.get('feeds_2021-06-30#getFeed') ?? 0).toBe(0);
  });

  it('the sandbox throttles a client that ignores the usage plan', async () => {
    const token = (await (await fetch(`${fresh.url}/auth/o2/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: SANDBOX_CREDENTIALS.refreshToken, client_id: SANDBOX_CREDENTIALS.clientId, client_secret: SANDBOX_CREDENTIALS.clientSecret }),
    }).then((r) => r.json())) as { access_token: string }).access_token;
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const r = await fetch(`${fresh.url}/listings/2021-08-01/items/${SANDBOX_SELLER_ID}?marketplaceIds=${US}`, { headers: { 'x-amz-access-token': token } });
      statuses.push(r.status);
      expect(r.headers.get('x-amzn-ratelimit-limit')).toBe('5');
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(3);
  });
});
