/**
 * The Amazon SP-API connector for one seller in one region: listings down (report), offers up
 * (patch for a few, JSON_LISTINGS_FEED for many), orders down (Orders 2026-01-01), tracking up
 * (v0 confirmShipment). All calls go through the shared HTTP layer with SP-API usage plans.
 */
import type { SpApiRegion } from '../../domain/marketplaces';
import type { FulfillmentChannel } from '../../domain/listing';
import type { Clock } from '../http/clock';
import { createHttpClient, type FetchLike, type HttpClient, type HttpLogEntry } from '../http/client';
import { SP_API_RATE_LIMITS } from '../http/rate-limits';
import type { RateLimit } from '../http/token-bucket';
import {
  ConnectorError,
  type ItemIssue,
  type MarketplaceConnector,
  type MarketplaceOrder,
  type MarketplaceOrderStatus,
  type OfferUpdate,
  type OfferUpdateResult,
  type Page,
  type ShipmentConfirmation,
} from '../types';
import { regionOfMarketplace, spApiBaseUrl, type SpApiEnvironment } from './endpoints';
import { buildListingsFeed, offerPatches, resultsFromProcessingReport } from './feed';
import { createLwaAuth, type LwaAuth, type LwaCredentials } from './lwa';
import { decodeReport, maybeGunzip, parseMerchantListingsReport } from './report';
import {
  CreateFeedDocumentResponse,
  CreateFeedResponse,
  CreateReportResponse,
  Feed,
  FeedDocument,
  GetOrderResponse,
  ListingsFeedProcessingReport,
  ListingsItem,
  ListingsSearchResults,
  ListingsSubmission,
  Report,
  ReportDocument,
  SearchOrdersResponse,
  type Order,
  type PatchOperation,
  type SpIssue,
} from './schemas';

/** Options of {@link createAmazonConnector}. */
export interface AmazonConnectorOptions {
  fetch: FetchLike;
  clock: Clock;
  random?: () => number;
  credentials: LwaCredentials;
  /** The merchant token (seller id), e.g. A1SANDBOXSELLER. */
  sellerId: string;
  region: SpApiRegion;
  /** Production (default), Amazon's sandbox, or a custom base URL. */
  environment?: SpApiEnvironment;
  /** LWA base URL; default https://api.amazon.com (the local sandbox serves it too). */
  lwaEndpoint?: string;
  timeoutMs?: number;
  maxRetries?: number;
  /** Up to this many updates go through patchListingsItem; more go through a feed. Default 20. */
  patchThreshold?: number;
  /** Polling of reports and feeds. */
  poll?: { intervalMs?: number; maxWaitMs?: number };
  /** Override usage plans (defaults: SP_API_RATE_LIMITS). */
  limits?: Readonly<Record<string, RateLimit>>;
  log?: (entry: HttpLogEntry) => void;
}

/** The MarketplaceConnector plus the single SP-API operations it is built from. */
export interface AmazonConnector extends MarketplaceConnector {
  readonly http: HttpClient;
  readonly auth: LwaAuth;
  getListingsItem(sku: string, marketplaceId: string, opts?: { includedData?: string[]; signal?: AbortSignal }): Promise<ListingsItem>;
  searchListingsItems(query: {
    marketplaceId: string;
    identifiers?: string[];
    identifiersType?: 'ASIN' | 'EAN' | 'FNSKU' | 'GTIN' | 'ISBN' | 'JAN' | 'MINSAN' | 'SKU' | 'UPC';
    includedData?: string[];
    pageSize?: number;
    pageToken?: string;
    signal?: AbortSignal;
  }): Promise<ListingsSearchResults>;
  patchListingsItem(sku: string, marketplaceId: string, productType: string, patches: PatchOperation[], signal?: AbortSignal): Promise<ListingsSubmission>;
  /** Send updates through JSON_LISTINGS_FEED (one marketplace) and wait for the processing report. */
  submitListingsFeed(marketplaceId: string, updates: OfferUpdate[], signal?: AbortSignal): Promise<OfferUpdateResult[]>;
  /** Create a report, wait for it, download and decode its document. */
  fetchReport(reportType: string, marketplaceId: string, signal?: AbortSignal): Promise<string>;
}

const TERMINAL = new Set(['DONE', 'FATAL', 'CANCELLED']);
const FEED_MAX_MESSAGES = 25_000;

function toIssue(i: SpIssue): ItemIssue {
  const out: ItemIssue = { code: i.code, message: i.message, severity: i.severity };
  if (i.attributeNames) out.attributeNames = i.attributeNames;
  return out;
}

function channelFromItem(item: ListingsItem): FulfillmentChannel | undefined {
  const codes = item.fulfillmentAvailability?.map((f) => f.fulfillmentChannelCode) ?? [];
  if (codes.length === 0) return undefined;
  return codes.includes('DEFAULT') ? 'MFN' : 'AFN';
}

function orderStatus(s: string | undefined): MarketplaceOrderStatus {
  switch (s) {
    case 'PENDING':
    case 'PENDING_AVAILABILITY':
      return 'PENDING';
    case 'UNSHIPPED':
    case 'PARTIALLY_SHIPPED':
    case 'SHIPPED':
    case 'CANCELLED':
    case 'UNFULFILLABLE':
      return s;
    default:
      return 'OTHER';
  }
}

const money = (m: { amount: string; currencyCode: string } | undefined) =>
  m && Number.isFinite(Number(m.amount)) ? { amount: Number(m.amount), currency: m.currencyCode } : undefined;

/** Map an Orders 2026-01-01 order to the connector's order. */
export function mapOrder(o: Order, fallbackMarketplaceId = ''): MarketplaceOrder {
  const out: MarketplaceOrder = {
    orderId: o.orderId,
    marketplaceId: o.salesChannel.marketplaceId ?? fallbackMarketplaceId,
    status: orderStatus(o.fulfillment?.fulfillmentStatus),
    fulfillmentChannel: o.fulfillment?.fulfilledBy === 'AMAZON' ? 'AFN' : o.fulfillment?.fulfilledBy === 'MERCHANT' ? 'MFN' : 'UNKNOWN',
    createdAt: o.createdTime,
    updatedAt: o.lastUpdatedTime,
    items: o.orderItems.map((it) => {
      const item: MarketplaceOrder['items'][number] = {
        orderItemId: it.orderItemId,
        sku: it.product.sellerSku ?? '',
        quantity: it.quantityOrdered,
      };
      if (it.product.asin) item.asin = it.product.asin;
      if (it.product.title) item.title = it.product.title;
      const unit = money(it.product.price?.unitPrice);
      if (unit) item.unitPrice = unit;
      return item;
    }),
  };
  const total = money(o.proceeds?.grandTotal);
  if (total) out.total = total;
  const a = o.recipient?.deliveryAddress;
  if (a) {
    out.shipTo = {};
    if (a.name) out.shipTo.name = a.name;
    if (a.addressLine1) out.shipTo.line1 = a.addressLine1;
    if (a.city) out.shipTo.city = a.city;
    if (a.stateOrRegion) out.shipTo.stateOrRegion = a.stateOrRegion;
    if (a.postalCode) out.shipTo.postalCode = a.postalCode;
    if (a.countryCode) out.shipTo.countryCode = a.countryCode;
  }
  return out;
}

/** Create the Amazon connector (see file comment). */
export function createAmazonConnector(opts: AmazonConnectorOptions): AmazonConnector {
  const clock = opts.clock;
  const base = spApiBaseUrl(opts.region, opts.environment);
  const sellerId = encodeURIComponent(opts.sellerId);
  const threshold = opts.patchThreshold ?? 20;
  const pollInterval = opts.poll?.intervalMs ?? 15_000;
  const pollMaxWait = opts.poll?.maxWaitMs ?? 4 * 3600_000;
  const auth = createLwaAuth({ fetch: opts.fetch, clock, credentials: opts.credentials, endpoint: opts.lwaEndpoint, timeoutMs: opts.timeoutMs });
  const http = createHttpClient({
    fetch: opts.fetch,
    clock,
    random: opts.random,
    limits: opts.limits ?? SP_API_RATE_LIMITS,
    baseUrl: base,
    timeoutMs: opts.timeoutMs ?? 30_000,
    maxRetries: opts.maxRetries ?? 5,
    auth,
    secrets: auth.secrets,
    log: opts.log,
    defaultHeaders: { accept: 'application/json', 'user-agent': 'Skulink/0.1 (Language=TypeScript)' },
  });
  /** Fulfillment channel per `${marketplaceId}:${sku}`, learnt from reports and listings reads. */
  const channels = new Map<string, FulfillmentChannel>();

  const checkRegion = (marketplaceId: string) => {
    const region = regionOfMarketplace(marketplaceId);
    if (region !== opts.region) {
      throw new ConnectorError('wrong_region', `Marketplace ${marketplaceId} is in region ${region}, this connection is for ${opts.region}.`, {
        hint: 'Connect the seller account for that region.',
      });
    }
  };

  async function poll<T extends { processingStatus: string }>(what: string, get: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const started = clock.now();
    let interval = Math.min(pollInterval, 2_000);
    for (;;) {
      const current = await get();
      if (TERMINAL.has(current.processingStatus)) return current;
      if (clock.now() - started > pollMaxWait) {
        throw new ConnectorError('timeout', `${what} still ${current.processingStatus} after ${Math.round((clock.now() - started) / 60000)} minutes`, {
          retryable: true,
          hint: 'Amazon is slow to process; Skulink will check again later.',
        });
      }
      await clock.sleep(interval, signal);
      interval = Math.min(pollInterval, interval * 2);
    }
  }

  async function download(operation: string, doc: { url: string; compressionAlgorithm?: 'GZIP' }, signal?: AbortSignal) {
    const res = await http.raw(operation, { url: doc.url, auth: false, rateLimited: false, signal, headers: { accept: '*/*' } });
    const bytes = maybeGunzip(new Uint8Array(await res.arrayBuffer()), doc.compressionAlgorithm);
    return { bytes, contentType: res.headers.get('content-type') };
  }

  async function getListingsItem(sku: string, marketplaceId: string, o: { includedData?: string[]; signal?: AbortSignal } = {}) {
    const item = await http.request('getListingsItem', {
      url: `/listings/2021-08-01/items/${sellerId}/${encodeURIComponent(sku)}`,
      searchParams: { marketplaceIds: [marketplaceId], includedData: o.includedData ?? ['summaries', 'offers', 'fulfillmentAvailability', 'issues'] },
      schema: ListingsItem,
      signal: o.signal,
    });
    const ch = channelFromItem(item);
    if (ch) channels.set(`${marketplaceId}:${sku}`, ch);
    return item;
  }

  const searchListingsItems: AmazonConnector['searchListingsItems'] = async (q) => {
    const result = await http.request('searchListingsItems', {
      url: `/listings/2021-08-01/items/${sellerId}`,
      searchParams: {
        marketplaceIds: [q.marketplaceId],
        identifiers: q.identifiers,
        identifiersType: q.identifiers ? (q.identifiersType ?? 'SKU') : undefined,
        includedData: q.includedData ?? ['summaries', 'offers', 'fulfillmentAvailability', 'issues'],
        pageSize: q.pageSize ?? 20,
        pageToken: q.pageToken,
      },
      schema: ListingsSearchResults,
      signal: q.signal,
    });
    for (const item of result.items) {
      const ch = channelFromItem(item);
      if (ch) channels.set(`${q.marketplaceId}:${item.sku}`, ch);
    }
    return result;
  };

  async function patchListingsItem(sku: string, marketplaceId: string, productType: string, patches: PatchOperation[], signal?: AbortSignal) {
    return http.request('patchListingsItem', {
      method: 'PATCH',
      url: `/listings/2021-08-01/items/${sellerId}/${encodeURIComponent(sku)}`,
      searchParams: { marketplaceIds: [marketplaceId], includedData: ['issues'] },
      json: { productType, patches },
      schema: ListingsSubmission,
      // Absolute values (replace): repeating the same patch is harmless.
      idempotent: true,
      signal,
    });
  }

  async function fetchReport(reportType: string, marketplaceId: string, signal?: AbortSignal): Promise<string> {
    checkRegion(marketplaceId);
    const { reportId } = await http.request('createReport', {
      method: 'POST',
      url: '/reports/2021-06-30/reports',
      json: { reportType, marketplaceIds: [marketplaceId] },
      schema: CreateReportResponse,
      signal,
    });
    const report = await poll(
      `report ${reportId}`,
      () => http.request('getReport', { url: `/reports/2021-06-30/reports/${encodeURIComponent(reportId)}`, schema: Report, signal }),
      signal,
    );
    if (report.processingStatus !== 'DONE' || !report.reportDocumentId) {
      throw new ConnectorError(`report_${report.processingStatus.toLowerCase()}`, `Amazon could not produce the ${reportType} report (${report.processingStatus}).`, {
        operation: 'getReport',
        retryable: report.processingStatus === 'FATAL',
        hint: 'Try again later; if it keeps failing, check the marketplace is active for this seller.',
      });
    }
    const doc = await http.request('getReportDocument', {
      url: `/reports/2021-06-30/documents/${encodeURIComponent(report.reportDocumentId)}`,
      schema: ReportDocument,
      signal,
    });
    const { bytes, contentType } = await download('downloadReportDocument', doc, signal);
    return decodeReport(bytes, { contentType, marketplaceId });
  }

  async function submitListingsFeed(marketplaceId: string, updates: OfferUpdate[], signal?: AbortSignal): Promise<OfferUpdateResult[]> {
    checkRegion(marketplaceId);
    const results: OfferUpdateResult[] = [];
    for (let start = 0; start < updates.length; start += FEED_MAX_MESSAGES) {
      const chunk = updates.slice(start, start + FEED_MAX_MESSAGES);
      const document = buildListingsFeed(opts.sellerId, chunk);
      const contentType = 'application/json; charset=UTF-8';
      const created = await http.request('createFeedDocument', {
        method: 'POST',
        url: '/feeds/2021-06-30/documents',
        json: { contentType },
        schema: CreateFeedDocumentResponse,
        signal,
      });
      await http.raw('uploadFeedDocument', {
        method: 'PUT',
        url: created.url,
        body: JSON.stringify(document),
        headers: { 'content-type': contentType },
        auth: false,
        rateLimited: false,
        signal,
      });
      const { feedId } = await http.request('createFeed', {
        method: 'POST',
        url: '/feeds/2021-06-30/feeds',
        json: { feedType: 'JSON_LISTINGS_FEED', marketplaceIds: [marketplaceId], inputFeedDocumentId: created.feedDocumentId },
        schema: CreateFeedResponse,
        signal,
      });
      const feed = await poll(
        `feed ${feedId}`,
        () => http.request('getFeed', { url: `/feeds/2021-06-30/feeds/${encodeURIComponent(feedId)}`, schema: Feed, signal }),
        signal,
      );
      if (feed.processingStatus !== 'DONE' || !feed.resultFeedDocumentId) {
        const message = `Amazon did not process feed ${feedId} (${feed.processingStatus}).`;
        results.push(...chunk.map((u) => ({ sku: u.sku, marketplaceId: u.marketplaceId, status: 'error' as const, issues: [{ code: `feed_${feed.processingStatus.toLowerCase()}`, message, severity: 'ERROR' as const }] })));
        continue;
      }
      const doc = await http.request('getFeedDocument', {
        url: `/feeds/2021-06-30/documents/${encodeURIComponent(feed.resultFeedDocumentId)}`,
        schema: FeedDocument,
        signal,
      });
      const { bytes } = await download('downloadFeedDocument', doc, signal);
      let json: unknown;
      try {
        json = JSON.parse(new TextDecoder('utf-8').decode(bytes));
      } catch {
        throw new ConnectorError('unexpected_shape', `getFeedDocument: processing report of feed ${feedId} is not JSON (at (body))`, { operation: 'getFeedDocument' });
      }
      const parsed = ListingsFeedProcessingReport.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new ConnectorError('unexpected_shape', `getFeedDocument: processing report shape at ${issue.path.join('.') || '(root)'}: ${issue.message}`, {
          operation: 'getFeedDocument',
        });
      }
      results.push(...resultsFromProcessingReport(chunk, parsed.data));
    }
    return results;
  }

  /** Learn unknown fulfillment channels of SKUs that carry a quantity and no channel (20 SKUs per search). */
  async function learnChannels(updates: OfferUpdate[], signal?: AbortSignal) {
    const unknown = new Map<string, string[]>();
    for (const u of updates) {
      // A channel given by the caller (the listings report it came from) needs no lookup.
      if (u.fulfillmentChannel) channels.set(`${u.marketplaceId}:${u.sku}`, u.fulfillmentChannel);
      if (u.quantity === undefined || channels.has(`${u.marketplaceId}:${u.sku}`)) continue;
      unknown.set(u.marketplaceId, [...(unknown.get(u.marketplaceId) ?? []), u.sku]);
    }
    for (const [marketplaceId, skus] of unknown) {
      for (let i = 0; i < skus.length; i += 20) {
        await searchListingsItems({ marketplaceId, identifiers: skus.slice(i, i + 20), identifiersType: 'SKU', includedData: ['fulfillmentAvailability'], signal });
      }
    }
  }

  async function patchOne(u: OfferUpdate, signal?: AbortSignal): Promise<OfferUpdateResult> {
    try {
      const res = await patchListingsItem(u.sku, u.marketplaceId, u.productType ?? 'PRODUCT', offerPatches(u), signal);
      const issues = (res.issues ?? []).map(toIssue);
      const invalid = res.status === 'INVALID' || issues.some((i) => i.severity === 'ERROR');
      return { sku: u.sku, marketplaceId: u.marketplaceId, status: invalid ? 'invalid' : 'accepted', issues };
    } catch (error) {
      // Credentials problems stop the whole batch: every other item would fail the same way.
      if (!(error instanceof ConnectorError) || ['invalid_grant', 'invalid_client', 'http_401', 'http_403'].includes(error.code)) throw error;
      return { sku: u.sku, marketplaceId: u.marketplaceId, status: 'error', issues: [{ code: error.code, message: error.message, severity: 'ERROR' }] };
    }
  }

  const connector: AmazonConnector = {
    kind: 'amazon',
    http,
    auth,
    getListingsItem,
    searchListingsItems,
    patchListingsItem,
    submitListingsFeed,
    fetchReport,

    async downloadListings(marketplaceId, signal) {
      const text = await fetchReport('GET_MERCHANT_LISTINGS_ALL_DATA', marketplaceId, signal);
      const listings = parseMerchantListingsReport(text, marketplaceId);
      for (const l of listings) channels.set(`${marketplaceId}:${l.sku}`, l.fulfillmentChannel);
      return listings;
    },

    async updateOffers(updates, signal) {
      for (const u of updates) checkRegion(u.marketplaceId);
      await learnChannels(updates, signal);
      const notes = new Map<OfferUpdate, ItemIssue>();
      const toSend: OfferUpdate[] = [];
      const skipped: OfferUpdateResult[] = [];
      for (const u of updates) {
        let update = u;
        if (u.quantity !== undefined && (u.fulfillmentChannel ?? channels.get(`${u.marketplaceId}:${u.sku}`)) === 'AFN') {
          const { quantity: _dropped, ...rest } = u;
          update = rest;
          const note: ItemIssue = { code: 'fba_quantity_skipped', message: 'Amazon manages the quantity of FBA listings; the quantity was not sent.', severity: 'WARNING' };
          if (!update.price) {
            skipped.push({ sku: u.sku, marketplaceId: u.marketplaceId, status: 'accepted', issues: [note] });
            continue;
          }
          notes.set(update, note);
        }
        toSend.push(update);
      }
      let sent: OfferUpdateResult[] = [];
      if (toSend.length <= threshold) {
        for (const u of toSend) sent.push(await patchOne(u, signal));
      } else {
        const byMarketplace = new Map<string, OfferUpdate[]>();
        for (const u of toSend) byMarketplace.set(u.marketplaceId, [...(byMarketplace.get(u.marketplaceId) ?? []), u]);
        const out = new Map<OfferUpdate, OfferUpdateResult>();
        for (const [marketplaceId, group] of byMarketplace) {
          const res = await submitListingsFeed(marketplaceId, group, signal);
          group.forEach((u, i) => out.set(u, res[i]!));
        }
        sent = toSend.map((u) => out.get(u)!);
      }
      toSend.forEach((u, i) => {
        const note = notes.get(u);
        if (note) sent[i]!.issues.push(note);
      });
      return [...sent, ...skipped];
    },

    async listOrders(query, signal) {
      for (const m of query.marketplaceIds) checkRegion(m);
      const res = await http.request('searchOrders', {
        url: '/orders/2026-01-01/orders',
        searchParams: {
          marketplaceIds: query.marketplaceIds,
          lastUpdatedAfter: query.updatedAfter,
          maxResultsPerPage: 100,
          includedData: ['RECIPIENT', 'PROCEEDS', 'FULFILLMENT'],
          paginationToken: query.cursor,
        },
        schema: SearchOrdersResponse,
        signal,
      });
      const page: Page<MarketplaceOrder> = { items: res.orders.map((o) => mapOrder(o, query.marketplaceIds[0])) };
      if (res.pagination?.nextToken) page.next = res.pagination.nextToken;
      return page;
    },

    async getOrder(orderId, signal) {
      const res = await http.request('getOrder', {
        url: `/orders/2026-01-01/orders/${encodeURIComponent(orderId)}`,
        searchParams: { includedData: ['RECIPIENT', 'PROCEEDS', 'FULFILLMENT'] },
        schema: GetOrderResponse,
        signal,
      });
      return mapOrder(res.order);
    },

    async confirmShipment(shipment: ShipmentConfirmation, signal) {
      checkRegion(shipment.marketplaceId);
      await http.request('confirmShipment', {
        method: 'POST',
        url: `/orders/v0/orders/${encodeURIComponent(shipment.orderId)}/shipmentConfirmation`,
        json: {
          marketplaceId: shipment.marketplaceId,
          packageDetail: {
            packageReferenceId: '1',
            carrierCode: shipment.carrierCode,
            trackingNumber: shipment.trackingNumber,
            shipDate: shipment.shipDate,
            orderItems: shipment.items.map((i) => ({ orderItemId: i.orderItemId, quantity: i.quantity })),
          },
        },
        signal,
      });
    },
  };
  return connector;
}

