/**
 * The SP-API sandbox's state and operation handlers: listings items, feeds, reports, orders
 * (2026-01-01 and v0 confirmShipment), documents. Handlers get parsed, already-validated input
 * and return a status and body; the server validates every answer against the official models.
 */
import { gzipSync } from 'fflate';
import type { ValidateFunction } from 'ajv';
import { marketplaceById } from '../../lib/domain/marketplaces';
import { encodeText } from './encoding';
import { JP, SANDBOX_SELLER_ID, type SandboxIssue, type SandboxListing, type SandboxOrder } from './seed';

/** A stored document (feed input, feed result, report). */
export interface SandboxDocument {
  id: string;
  kind: 'feed-input' | 'feed-result' | 'report';
  contentType: string;
  bytes?: Uint8Array;
  compressed: boolean;
}

export interface SandboxFeed {
  feedId: string;
  feedType: string;
  marketplaceIds: string[];
  inputFeedDocumentId: string;
  createdAt: number;
  status: 'IN_QUEUE' | 'IN_PROGRESS' | 'DONE' | 'FATAL' | 'CANCELLED';
  startedAt?: number;
  doneAt?: number;
  resultFeedDocumentId?: string;
}

export interface SandboxReport {
  reportId: string;
  reportType: string;
  marketplaceIds: string[];
  createdAt: number;
  status: 'IN_QUEUE' | 'IN_PROGRESS' | 'DONE' | 'FATAL' | 'CANCELLED';
  startedAt?: number;
  doneAt?: number;
  reportDocumentId?: string;
}

/** Everything the SP-API sandbox holds. Tests may read and change it. */
export interface SpApiState {
  sellerId: string;
  listings: Map<string, SandboxListing>;
  orders: Map<string, SandboxOrder>;
  feeds: Map<string, SandboxFeed>;
  reports: Map<string, SandboxReport>;
  documents: Map<string, SandboxDocument>;
  tokens: Map<string, { expiresAt: number; revoked: boolean }>;
  counter: number;
  /** Timings of asynchronous work, in the sandbox clock's milliseconds. */
  timing: { feedQueueMs: number; feedProcessMs: number; reportQueueMs: number; reportProcessMs: number };
}

/** A handler's answer. */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface HandlerContext {
  params: Record<string, string>;
  query: Record<string, string | string[]>;
  body: unknown;
  now: number;
  baseUrl: string;
}

/** Key of a listing in the state. */
export const listingKey = (marketplaceId: string, sku: string) => `${marketplaceId}\u0000${sku}`;

const spError = (status: number, code: string, message: string, details?: string): Reply => ({
  status,
  body: { errors: [details ? { code, message, details } : { code, message }] },
});

const arr = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : v.split(','));
const iso = (ms: number) => new Date(ms).toISOString();
const fmt = (n: number) => n.toFixed(2);

function nextId(state: SpApiState, prefix = ''): string {
  state.counter++;
  return `${prefix}${String(50000 + state.counter)}`;
}

function docId(state: SpApiState, region = 'na'): string {
  state.counter++;
  const hex = (state.counter * 2654435761).toString(16).padStart(8, '0');
  return `amzn1.tortuga.4.${region}.${hex}-sandbox-${state.counter}`;
}

const docUrl = (baseUrl: string, id: string) => `${baseUrl}/_doc/${encodeURIComponent(id)}?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=sandbox`;

function channelCode(l: SandboxListing): string {
  if (l.channel === 'MFN') return 'DEFAULT';
  return `AMAZON_${marketplaceById(l.marketplaceId)?.region ?? 'NA'}`;
}

function summaryStatus(l: SandboxListing): string[] {
  if (l.status === 'Active') return ['BUYABLE', 'DISCOVERABLE'];
  if (l.status === 'Inactive') return ['DISCOVERABLE'];
  return [];
}

/** The Listings Items 2021-08-01 `Item` for a listing, with the requested datasets. */
export function itemJson(l: SandboxListing, included: string[]): Record<string, unknown> {
  const inc = new Set(included.length ? included : ['summaries']);
  const item: Record<string, unknown> = { sku: l.sku };
  if (inc.has('summaries')) {
    const s: Record<string, unknown> = {
      marketplaceId: l.marketplaceId,
      asin: l.asin,
      productType: l.productType,
      conditionType: 'new_new',
      status: summaryStatus(l),
      itemName: l.title,
      createdDate: l.createdAt,
      lastUpdatedDate: l.updatedAt,
    };
    if (l.channel === 'AFN') s.fnSku = `X00${l.asin.slice(3)}`;
    item.summaries = [s];
  }
  if (inc.has('attributes')) {
    item.attributes = {
      item_name: [{ value: l.title, marketplace_id: l.marketplaceId }],
      externally_assigned_product_identifier: [{ type: l.productIdType === '3' ? 'upc' : 'ean', value: l.productId, marketplace_id: l.marketplaceId }],
      purchasable_offer: [
        {
          marketplace_id: l.marketplaceId,
          currency: l.currency,
          our_price: [{ schedule: [{ value_with_tax: l.price }] }],
          ...(l.salePrice ? { discounted_price: [{ schedule: [{ value_with_tax: l.salePrice.amount, start_at: l.salePrice.start, end_at: l.salePrice.end }] }] } : {}),
        },
      ],
      fulfillment_availability: [l.channel === 'MFN' ? { fulfillment_channel_code: 'DEFAULT', quantity: l.quantity ?? 0 } : { fulfillment_channel_code: channelCode(l) }],
    };
  }
  if (inc.has('issues')) item.issues = l.issues.map((i) => ({ ...i, marketplaceIds: [l.marketplaceId] }));
  if (inc.has('offers')) item.offers = [{ marketplaceId: l.marketplaceId, offerType: 'B2C', price: { currencyCode: l.currency, amount: fmt(l.price) } }];
  if (inc.has('fulfillmentAvailability')) {
    item.fulfillmentAvailability = [l.channel === 'MFN' ? { fulfillmentChannelCode: 'DEFAULT', quantity: l.quantity ?? 0 } : { fulfillmentChannelCode: channelCode(l) }];
  }
  if (inc.has('productTypes')) item.productTypes = [{ marketplaceId: l.marketplaceId, productType: l.productType }];
  if (inc.has('procurement')) item.procurement = [];
  if (inc.has('relationships')) item.relationships = [{ marketplaceId: l.marketplaceId, relationships: [] }];
  return item;
}

type Patch = { op: string; path: string; value?: Record<string, unknown>[] };

const required = (attr: string, categories = ['MISSING_ATTRIBUTE']): SandboxIssue => ({
  code: '90220',
  message: `'${attr}' is required but not supplied.`,
  severity: 'ERROR',
  attributeNames: [attr.split('.')[0]!],
  categories,
});

/**
 * Check patches against a listing and, when there is no ERROR and `apply` is set, apply them.
 * Price in purchasable_offer (currency + marketplace_id + our_price), MFN quantity in
 * fulfillment_availability; a SKU flagged conflicting always fails with 8541.
 */
export function checkAndApplyPatches(l: SandboxListing, marketplaceId: string, patches: Patch[], now: number, apply: boolean): SandboxIssue[] {
  const issues: SandboxIssue[] = [];
  let price: number | undefined;
  let quantity: number | undefined;
  /** The sale schedule sent with a price (null: none, which ends any sale). */
  let salePrice: SandboxListing['salePrice'] | null | undefined;
  if (l.conflicting) {
    issues.push({
      code: '8541',
      message: `The data provided for SKU '${l.sku}' conflicts with the Amazon catalog for ASIN ${l.asin} (product id ${l.productId}). Check the product id and the brand.`,
      severity: 'ERROR',
      attributeNames: ['externally_assigned_product_identifier'],
      categories: ['CONFLICTING_VALUE'],
    });
  }
  for (const p of patches) {
    if (p.path === '/attributes/purchasable_offer' && p.op !== 'delete') {
      const v = p.value?.[0] ?? {};
      if (typeof v.currency !== 'string' || v.currency === '') issues.push(required('purchasable_offer.currency'));
      if (typeof v.marketplace_id !== 'string') issues.push(required('purchasable_offer.marketplace_id'));
      else if (v.marketplace_id !== marketplaceId) {
        issues.push({ code: '99001', message: `purchasable_offer.marketplace_id ${String(v.marketplace_id)} is not the marketplace of this request (${marketplaceId}).`, severity: 'ERROR', attributeNames: ['purchasable_offer'], categories: ['INVALID_ATTRIBUTE'] });
      }
      if (typeof v.currency === 'string' && v.currency !== '' && v.currency !== l.currency) {
        issues.push({ code: '99001', message: `The currency ${v.currency} is not accepted in this marketplace (use ${l.currency}).`, severity: 'ERROR', attributeNames: ['purchasable_offer'], categories: ['INVALID_ATTRIBUTE'] });
      }
      const ourPrice = v.our_price as { schedule?: { value_with_tax?: unknown }[] }[] | undefined;
      const amount = ourPrice?.[0]?.schedule?.[0]?.value_with_tax;
      if (typeof amount !== 'number' || !(amount >= 0)) {
        issues.push({
          code: '99022',
          message: "The field 'prices' for the attribute 'purchasable_offer.our_price' does not have enough values. The required minimum is '1' value(s).",
          severity: 'ERROR',
          attributeNames: ['purchasable_offer'],
          categories: ['MISSING_ATTRIBUTE'],
        });
      } else price = amount;
      const sale = (v.discounted_price as { schedule?: { value_with_tax?: unknown; start_at?: unknown; end_at?: unknown }[] }[] | undefined)?.[0]?.schedule?.[0];
      if (sale === undefined) salePrice = null;
      else if (typeof sale.value_with_tax !== 'number' || !(sale.value_with_tax >= 0) || typeof sale.start_at !== 'string' || typeof sale.end_at !== 'string' || !(Date.parse(sale.start_at) < Date.parse(sale.end_at))) {
        issues.push({ code: '99001', message: 'purchasable_offer.discounted_price needs value_with_tax and a start_at before end_at.', severity: 'ERROR', attributeNames: ['purchasable_offer'], categories: ['INVALID_ATTRIBUTE'] });
      } else salePrice = { amount: sale.value_with_tax, start: sale.start_at, end: sale.end_at };
    } else if (p.path === '/attributes/fulfillment_availability' && p.op !== 'delete') {
      const v = p.value?.[0] ?? {};
      if (typeof v.fulfillment_channel_code !== 'string') issues.push(required('fulfillment_availability.fulfillment_channel_code'));
      else if (v.fulfillment_channel_code === 'DEFAULT') {
        if (!Number.isInteger(v.quantity) || (v.quantity as number) < 0) issues.push(required('fulfillment_availability.quantity'));
        else if (l.channel === 'AFN') {
          issues.push({ code: '90244', message: 'The quantity of a listing fulfilled by Amazon cannot be set by the seller.', severity: 'WARNING', attributeNames: ['fulfillment_availability'], categories: ['INVALID_ATTRIBUTE'] });
        } else quantity = v.quantity as number;
      }
    }
  }
  if (apply && !issues.some((i) => i.severity === 'ERROR')) {
    if (price !== undefined) l.price = price;
    if (salePrice !== undefined) l.salePrice = salePrice ?? undefined;
    if (quantity !== undefined) l.quantity = quantity;
    l.updatedAt = iso(now);
  }
  return issues;
}

const REPORT_COLUMNS = [
  'item-name', 'item-description', 'listing-id', 'seller-sku', 'price', 'quantity', 'open-date', 'image-url', 'item-is-marketplace',
  'product-id-type', 'zshop-shipping-fee', 'item-note', 'item-condition', 'zshop-category1', 'zshop-browse-path', 'zshop-storefront-feature',
  'asin1', 'asin2', 'asin3', 'will-ship-internationally', 'expedited-shipping', 'zshop-boldface', 'product-id', 'bid-for-featured-placement',
  'add-delete', 'pending-quantity', 'fulfillment-channel', 'merchant-shipping-group', 'status',
] as const;
const JP_COLUMN_NAMES: Record<string, string> = {
  'item-name': '商品名', 'listing-id': '出品ID', 'seller-sku': '出品者SKU', price: '価格', quantity: '数量', 'product-id-type': '商品IDタイプ',
  'product-id': '商品ID', asin1: 'ASIN 1', 'fulfillment-channel': 'フルフィルメント・チャンネル', status: 'ステータス',
};

/** The GET_MERCHANT_LISTINGS_ALL_DATA file of a marketplace: bytes in Amazon's encoding and its content-type. */
export function buildListingsReport(state: SpApiState, marketplaceId: string): { bytes: Uint8Array; contentType: string } {
  const country = marketplaceById(marketplaceId)?.country;
  const rows = [...state.listings.values()].filter((l) => l.marketplaceId === marketplaceId);
  const header = REPORT_COLUMNS.map((c) => (country === 'JP' ? (JP_COLUMN_NAMES[c] ?? c) : c)).join('\t');
  const clean = (s: string) => s.replace(/[\t\r\n]/g, ' ');
  const lines = rows.map((l, i) => {
    const values: Record<string, string> = {
      'item-name': clean(l.title),
      'listing-id': `0${(1_000_000 + i).toString(36).toUpperCase()}SBX`,
      'seller-sku': l.sku,
      price: country === 'JP' ? String(Math.round(l.price)) : fmt(l.price),
      quantity: l.channel === 'MFN' ? String(l.quantity ?? 0) : '',
      'open-date': l.createdAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC'),
      'item-is-marketplace': 'y',
      'product-id-type': l.productIdType,
      'item-condition': '11',
      asin1: l.asin,
      'product-id': l.productId,
      'fulfillment-channel': channelCode(l),
      status: l.status,
    };
    return REPORT_COLUMNS.map((c) => values[c] ?? '').join('\t');
  });
  const text = [header, ...lines].join('\n') + '\n';
  if (country === 'JP' || marketplaceId === JP) return { bytes: encodeText(text, 'shift_jis'), contentType: 'text/tab-separated-values;charset=Shift_JIS' };
  if (country && ['DE', 'FR', 'IT', 'ES', 'GB', 'NL'].includes(country)) {
    // Like Amazon's EU files: windows-1252 without a charset in the content-type.
    return { bytes: encodeText(text, 'windows-1252'), contentType: 'text/tab-separated-values' };
  }
  return { bytes: encodeText(text, 'utf-8'), contentType: 'text/tab-separated-values;charset=UTF-8' };
}

function orderJson(o: SandboxOrder, included: Set<string>): Record<string, unknown> {
  const name = marketplaceById(o.marketplaceId)?.host.replace('sellercentral.', '').replace(/^amazon/, 'Amazon') ?? 'Amazon';
  const out: Record<string, unknown> = {
    orderId: o.orderId,
    createdTime: o.createdTime,
    lastUpdatedTime: o.lastUpdatedTime,
    salesChannel: { channelName: name, marketplaceId: o.marketplaceId, marketplaceName: name },
    orderItems: o.items.map((it) => {
      const shipped = o.packages.flatMap((p) => p.items).filter((p) => p.orderItemId === it.orderItemId).reduce((a, p) => a + p.quantity, 0);
      const item: Record<string, unknown> = {
        orderItemId: it.orderItemId,
        quantityOrdered: it.quantity,
        product: { asin: it.asin, title: it.title, sellerSku: it.sku, condition: { conditionType: 'New' }, price: { unitPrice: { amount: fmt(it.unitPrice), currencyCode: o.currency } } },
      };
      if (included.has('FULFILLMENT')) item.fulfillment = { quantityFulfilled: Math.min(shipped, it.quantity), quantityUnfulfilled: Math.max(0, it.quantity - shipped) };
      if (included.has('PROCEEDS')) item.proceeds = { proceedsTotal: { amount: fmt(it.unitPrice * it.quantity), currencyCode: o.currency } };
      return item;
    }),
  };
  if (included.has('FULFILLMENT')) out.fulfillment = { fulfillmentStatus: o.status, fulfilledBy: o.fulfilledBy, fulfillmentServiceLevel: 'STANDARD' };
  if (included.has('RECIPIENT') && o.status !== 'PENDING') out.recipient = { deliveryAddress: { ...o.recipient, addressType: 'RESIDENTIAL' } };
  if (included.has('PROCEEDS')) {
    out.proceeds = { grandTotal: { amount: fmt(o.items.reduce((a, it) => a + it.unitPrice * it.quantity, 0)), currencyCode: o.currency } };
  }
  if (included.has('PACKAGES')) {
    out.packages = o.packages.map((p) => ({
      packageReferenceId: p.packageReferenceId,
      createdTime: p.shipTime,
      packageStatus: { status: 'SHIPPED' },
      carrier: p.carrier,
      shipTime: p.shipTime,
      trackingNumber: p.trackingNumber,
      packageItems: p.items,
    }));
  }
  return out;
}

function encodeToken(data: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(data)).toString('base64url');
}
function decodeToken(token: string): Record<string, unknown> | undefined {
  try {
    const v = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as unknown;
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Advance feeds and reports whose time has come (called on every read). */
export function advanceWork(state: SpApiState, now: number, validators: { feed: ValidateFunction; message: ValidateFunction; report: ValidateFunction }, onViolation: (what: string, message: string) => void): void {
  const t = state.timing;
  for (const f of state.feeds.values()) {
    if (f.status === 'IN_QUEUE' && now - f.createdAt >= t.feedQueueMs) {
      f.status = 'IN_PROGRESS';
      f.startedAt = f.createdAt + t.feedQueueMs;
    }
    if (f.status === 'IN_PROGRESS' && now - f.createdAt >= t.feedQueueMs + t.feedProcessMs) processFeed(state, f, now, validators, onViolation);
  }
  for (const r of state.reports.values()) {
    if (r.status === 'IN_QUEUE' && now - r.createdAt >= t.reportQueueMs) {
      r.status = 'IN_PROGRESS';
      r.startedAt = r.createdAt + t.reportQueueMs;
    }
    if (r.status === 'IN_PROGRESS' && now - r.createdAt >= t.reportQueueMs + t.reportProcessMs) {
      const marketplaceId = r.marketplaceIds[0]!;
      const { bytes, contentType } = buildListingsReport(state, marketplaceId);
      const id = docId(state, marketplaceById(marketplaceId)?.region.toLowerCase());
      // Every other report document is GZIP-compressed, as Amazon does for larger files.
      const gzip = [...state.documents.values()].filter((d) => d.kind === 'report').length % 2 === 1;
      state.documents.set(id, { id, kind: 'report', contentType, bytes: gzip ? gzipSync(bytes) : bytes, compressed: gzip });
      r.reportDocumentId = id;
      r.status = 'DONE';
      r.doneAt = now;
    }
  }
}

function processFeed(
  state: SpApiState,
  f: SandboxFeed,
  now: number,
  v: { feed: ValidateFunction; message: ValidateFunction; report: ValidateFunction },
  onViolation: (what: string, message: string) => void,
): void {
  f.doneAt = now;
  const input = state.documents.get(f.inputFeedDocumentId);
  let doc: { header?: { sellerId?: string }; messages?: Record<string, unknown>[] } | undefined;
  try {
    doc = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(input?.bytes ?? new Uint8Array())) as typeof doc;
  } catch {
    doc = undefined;
  }
  if (!doc || typeof doc !== 'object' || !Array.isArray(doc.messages) || typeof doc.header !== 'object') {
    f.status = 'FATAL';
    return;
  }
  v.feed(doc);
  const marketplaceId = f.marketplaceIds[0]!;
  const issues: Record<string, unknown>[] = [];
  let accepted = 0;
  let invalid = 0;
  for (const m of doc.messages) {
    const messageId = typeof m.messageId === 'number' ? m.messageId : 0;
    const sku = typeof m.sku === 'string' ? m.sku : '';
    const add = (list: SandboxIssue[]) =>
      list.forEach((i) => issues.push({ messageId, sku, code: i.code, severity: i.severity, message: i.message, ...(i.attributeNames?.[0] ? { attributeName: i.attributeNames[0] } : {}) }));
    if (!v.message(m)) {
      const errs = (v.message.errors ?? []).map((e) =>
        e.keyword === 'required' ? required(String((e.params as { missingProperty: string }).missingProperty)) : { code: '90220', message: `${e.instancePath || 'message'} ${e.message ?? 'is invalid'}.`, severity: 'ERROR' as const, categories: ['INVALID_ATTRIBUTE'] },
      );
      add(errs.slice(0, 3));
      invalid++;
      continue;
    }
    const listing = state.listings.get(listingKey(marketplaceId, sku));
    if (!listing) {
      add([{ code: '4000004', message: `SKU '${sku}' does not exist in marketplace ${marketplaceId}; a PATCH needs an existing listing.`, severity: 'ERROR', categories: ['INVALID_ATTRIBUTE'] }]);
      invalid++;
      continue;
    }
    const list = m.operationType === 'PATCH' ? checkAndApplyPatches(listing, marketplaceId, (m.patches as Patch[]) ?? [], now, true) : [];
    add(list);
    if (list.some((i) => i.severity === 'ERROR')) invalid++;
    else accepted++;
  }
  const report = {
    header: { sellerId: state.sellerId, version: '2.0', feedId: f.feedId },
    issues,
    summary: {
      errors: issues.filter((i) => i.severity === 'ERROR').length,
      warnings: issues.filter((i) => i.severity === 'WARNING').length,
      messagesProcessed: doc.messages.length,
      messagesAccepted: accepted,
      messagesInvalid: invalid,
    },
  };
  if (!v.report(report)) onViolation('processing report', JSON.stringify(v.report.errors?.slice(0, 3)));
  const id = docId(state);
  const bytes = new TextEncoder().encode(JSON.stringify(report));
  const gzip = [...state.documents.values()].filter((d) => d.kind === 'feed-result').length % 2 === 1;
  state.documents.set(id, { id, kind: 'feed-result', contentType: 'application/json', bytes: gzip ? gzipSync(bytes) : bytes, compressed: gzip });
  f.resultFeedDocumentId = id;
  f.status = 'DONE';
}

/** Handlers by operationId. */
export function createSpApiHandlers(state: SpApiState): Record<string, (ctx: HandlerContext) => Reply> {
  const checkSeller = (ctx: HandlerContext): Reply | undefined => (ctx.params.sellerId === state.sellerId ? undefined : spError(403, 'Unauthorized', 'Access to requested resource is denied.', `The seller id ${ctx.params.sellerId} does not match the authorized seller.`));
  const oneMarketplace = (ctx: HandlerContext): { error: Reply } | { id: string } => {
    const ids = arr(ctx.query.marketplaceIds);
    if (ids.length !== 1) return { error: spError(400, 'InvalidInput', 'Exactly one marketplaceId is supported by this operation.') };
    if (!marketplaceById(ids[0]!)) return { error: spError(400, 'InvalidInput', `Invalid marketplaceId ${ids[0]}.`) };
    return { id: ids[0]! };
  };

  return {
    getListingsItem(ctx) {
      const bad = checkSeller(ctx);
      if (bad) return bad;
      const m = oneMarketplace(ctx);
      if ('error' in m) return m.error;
      const l = state.listings.get(listingKey(m.id, ctx.params.sku!));
      if (!l) return spError(404, 'NOT_FOUND', `SKU '${ctx.params.sku}' not found in marketplace ${m.id}`);
      return { status: 200, body: itemJson(l, arr(ctx.query.includedData)) };
    },

    searchListingsItems(ctx) {
      const bad = checkSeller(ctx);
      if (bad) return bad;
      const m = oneMarketplace(ctx);
      if ('error' in m) return m.error;
      const identifiers = arr(ctx.query.identifiers);
      const type = ctx.query.identifiersType as string | undefined;
      if (identifiers.length > 20) return spError(400, 'InvalidInput', 'Up to 20 identifiers are allowed.');
      if (identifiers.length > 0 && !type) return spError(400, 'InvalidInput', 'identifiersType is required with identifiers.');
      const pageSize = Number(ctx.query.pageSize ?? 10);
      if (!(pageSize >= 1 && pageSize <= 20)) return spError(400, 'InvalidInput', 'pageSize must be between 1 and 20.');
      let rows = [...state.listings.values()].filter((l) => l.marketplaceId === m.id);
      if (identifiers.length > 0) {
        const set = new Set(identifiers);
        rows = rows.filter((l) => (type === 'SKU' ? set.has(l.sku) : type === 'ASIN' ? set.has(l.asin) : set.has(l.productId) || set.has(l.productId.padStart(13, '0'))));
      }
      rows.sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
      rows = rows.slice(0, 1000);
      let offset = 0;
      if (ctx.query.pageToken) {
        const t = decodeToken(String(ctx.query.pageToken));
        if (!t || typeof t.o !== 'number') return spError(400, 'InvalidInput', 'Invalid pageToken.');
        offset = t.o;
      }
      const page = rows.slice(offset, offset + pageSize);
      const body: Record<string, unknown> = { numberOfResults: rows.length, items: page.map((l) => itemJson(l, arr(ctx.query.includedData))) };
      const pagination: Record<string, string> = {};
      if (offset + pageSize < rows.length) pagination.nextToken = encodeToken({ o: offset + pageSize });
      if (offset > 0) pagination.previousToken = encodeToken({ o: Math.max(0, offset - pageSize) });
      if (Object.keys(pagination).length) body.pagination = pagination;
      return { status: 200, body };
    },

    patchListingsItem(ctx) {
      const bad = checkSeller(ctx);
      if (bad) return bad;
      const m = oneMarketplace(ctx);
      if ('error' in m) return m.error;
      const body = ctx.body as { productType: string; patches: Patch[] };
      const submissionId = `sbx-${nextId(state)}`;
      const l = state.listings.get(listingKey(m.id, ctx.params.sku!));
      if (!l) {
        return { status: 200, body: { sku: ctx.params.sku, status: 'INVALID', submissionId, issues: [{ code: '4000004', message: `SKU '${ctx.params.sku}' does not exist; create it with putListingsItem first.`, severity: 'ERROR', categories: ['INVALID_ATTRIBUTE'] }] } };
      }
      const preview = ctx.query.mode === 'VALIDATION_PREVIEW';
      const issues = checkAndApplyPatches(l, m.id, body.patches, ctx.now, !preview);
      const failed = issues.some((i) => i.severity === 'ERROR');
      return { status: 200, body: { sku: l.sku, status: failed ? 'INVALID' : preview ? 'VALID' : 'ACCEPTED', submissionId, issues } };
    },

    putListingsItem(ctx) {
      const bad = checkSeller(ctx);
      if (bad) return bad;
      const m = oneMarketplace(ctx);
      if ('error' in m) return m.error;
      const body = ctx.body as { productType: string; attributes: Record<string, { value?: unknown }[] | undefined> };
      const submissionId = `sbx-${nextId(state)}`;
      const sku = ctx.params.sku!;
      const existing = state.listings.get(listingKey(m.id, sku));
      const issues: SandboxIssue[] = [];
      const title = body.attributes.item_name?.[0]?.value;
      if (typeof title !== 'string') issues.push(required('item_name'));
      const offer = (body.attributes.purchasable_offer?.[0] ?? {}) as Record<string, unknown>;
      const amount = (offer.our_price as { schedule?: { value_with_tax?: unknown }[] }[] | undefined)?.[0]?.schedule?.[0]?.value_with_tax;
      if (!existing && typeof amount !== 'number') issues.push(required('purchasable_offer'));
      if (existing?.conflicting) issues.push({ code: '8541', message: `The data provided for SKU '${sku}' conflicts with the Amazon catalog for ASIN ${existing.asin}.`, severity: 'ERROR', categories: ['CONFLICTING_VALUE'] });
      if (issues.length || ctx.query.mode === 'VALIDATION_PREVIEW') {
        return { status: 200, body: { sku, status: issues.length ? 'INVALID' : 'VALID', submissionId, issues } };
      }
      const qty = (body.attributes.fulfillment_availability?.[0] as Record<string, unknown> | undefined)?.quantity;
      const mp = marketplaceById(m.id)!;
      const listing: SandboxListing = existing ?? {
        marketplaceId: m.id,
        sku,
        asin: `B0SBX${String(state.counter).padStart(5, '0')}`.slice(0, 10),
        title: String(title),
        productType: body.productType,
        price: 0,
        currency: mp.currency,
        channel: 'MFN',
        status: 'Active',
        productId: '',
        productIdType: '4',
        createdAt: iso(ctx.now),
        updatedAt: iso(ctx.now),
        conflicting: false,
        issues: [],
        quantity: 0,
      };
      listing.title = String(title);
      listing.productType = body.productType;
      if (typeof amount === 'number') listing.price = amount;
      if (Number.isInteger(qty)) listing.quantity = qty as number;
      listing.updatedAt = iso(ctx.now);
      state.listings.set(listingKey(m.id, sku), listing);
      return { status: 200, body: { sku, status: 'ACCEPTED', submissionId, issues: [] } };
    },

    deleteListingsItem(ctx) {
      const bad = checkSeller(ctx);
      if (bad) return bad;
      const m = oneMarketplace(ctx);
      if ('error' in m) return m.error;
      const key = listingKey(m.id, ctx.params.sku!);
      const existed = state.listings.delete(key);
      return {
        status: 200,
        body: { sku: ctx.params.sku, status: existed ? 'ACCEPTED' : 'INVALID', submissionId: `sbx-${nextId(state)}`, issues: existed ? [] : [{ code: '4000004', message: 'SKU does not exist.', severity: 'ERROR', categories: [] }] },
      };
    },

    createFeedDocument(ctx) {
      const body = ctx.body as { contentType: string };
      const id = docId(state);
      state.documents.set(id, { id, kind: 'feed-input', contentType: body.contentType, compressed: false });
      return { status: 201, body: { feedDocumentId: id, url: docUrl(ctx.baseUrl, id) } };
    },

    createFeed(ctx) {
      const body = ctx.body as { feedType: string; marketplaceIds: string[]; inputFeedDocumentId: string };
      if (body.feedType !== 'JSON_LISTINGS_FEED') return spError(400, 'InvalidInput', `Feed type ${body.feedType} is not supported by the sandbox (JSON_LISTINGS_FEED only; XML and flat-file listings feeds were retired in 2025).`);
      if (body.marketplaceIds.length !== 1 || !marketplaceById(body.marketplaceIds[0]!)) return spError(400, 'InvalidInput', 'Exactly one valid marketplaceId is required.');
      const doc = state.documents.get(body.inputFeedDocumentId);
      if (!doc || doc.kind !== 'feed-input') return spError(400, 'InvalidInput', `Unknown inputFeedDocumentId ${body.inputFeedDocumentId}.`);
      if (!doc.bytes) return spError(400, 'InvalidInput', 'The feed document was not uploaded.');
      const feedId = nextId(state);
      state.feeds.set(feedId, { feedId, feedType: body.feedType, marketplaceIds: body.marketplaceIds, inputFeedDocumentId: doc.id, createdAt: ctx.now, status: 'IN_QUEUE' });
      return { status: 202, body: { feedId } };
    },

    getFeed(ctx) {
      const f = state.feeds.get(ctx.params.feedId!);
      if (!f) return spError(404, 'NotFound', `Feed ${ctx.params.feedId} not found.`);
      const body: Record<string, unknown> = { feedId: f.feedId, feedType: f.feedType, marketplaceIds: f.marketplaceIds, createdTime: iso(f.createdAt), processingStatus: f.status };
      if (f.startedAt !== undefined) body.processingStartTime = iso(f.startedAt);
      if (f.doneAt !== undefined) body.processingEndTime = iso(f.doneAt);
      if (f.resultFeedDocumentId) body.resultFeedDocumentId = f.resultFeedDocumentId;
      return { status: 200, body };
    },

    getFeedDocument(ctx) {
      const d = state.documents.get(ctx.params.feedDocumentId!);
      if (!d || d.kind === 'report') return spError(404, 'NotFound', `Feed document ${ctx.params.feedDocumentId} not found.`);
      const body: Record<string, unknown> = { feedDocumentId: d.id, url: docUrl(ctx.baseUrl, d.id) };
      if (d.compressed) body.compressionAlgorithm = 'GZIP';
      return { status: 200, body };
    },

    createReport(ctx) {
      const body = ctx.body as { reportType: string; marketplaceIds: string[] };
      if (body.reportType !== 'GET_MERCHANT_LISTINGS_ALL_DATA') return spError(400, 'InvalidInput', `Report type ${body.reportType} is not supported by the sandbox.`);
      if (body.marketplaceIds.length !== 1 || !marketplaceById(body.marketplaceIds[0]!)) return spError(400, 'InvalidInput', 'Exactly one valid marketplaceId is required for this report type.');
      const reportId = nextId(state);
      state.reports.set(reportId, { reportId, reportType: body.reportType, marketplaceIds: body.marketplaceIds, createdAt: ctx.now, status: 'IN_QUEUE' });
      return { status: 202, body: { reportId } };
    },

    getReport(ctx) {
      const r = state.reports.get(ctx.params.reportId!);
      if (!r) return spError(404, 'NotFound', `Report ${ctx.params.reportId} not found.`);
      const body: Record<string, unknown> = { reportId: r.reportId, reportType: r.reportType, marketplaceIds: r.marketplaceIds, createdTime: iso(r.createdAt), processingStatus: r.status };
      if (r.startedAt !== undefined) body.processingStartTime = iso(r.startedAt);
      if (r.doneAt !== undefined) body.processingEndTime = iso(r.doneAt);
      if (r.reportDocumentId) body.reportDocumentId = r.reportDocumentId;
      return { status: 200, body };
    },

    getReportDocument(ctx) {
      const d = state.documents.get(ctx.params.reportDocumentId!);
      if (!d || d.kind !== 'report') return spError(404, 'NotFound', `Report document ${ctx.params.reportDocumentId} not found.`);
      const body: Record<string, unknown> = { reportDocumentId: d.id, url: docUrl(ctx.baseUrl, d.id) };
      if (d.compressed) body.compressionAlgorithm = 'GZIP';
      return { status: 200, body };
    },

    searchOrders(ctx) {
      const q = ctx.query;
      const createdAfter = q.createdAfter as string | undefined;
      const updatedAfter = q.lastUpdatedAfter as string | undefined;
      const token = q.paginationToken ? decodeToken(String(q.paginationToken)) : undefined;
      if (q.paginationToken && (!token || typeof token.o !== 'number')) return spError(400, 'InvalidInput', 'Invalid paginationToken.');
      if (!token && (createdAfter === undefined) === (updatedAfter === undefined)) return spError(400, 'InvalidInput', 'Exactly one of createdAfter and lastUpdatedAfter is required.');
      const f = (token?.f as Record<string, unknown> | undefined) ?? { createdAfter, updatedAfter, createdBefore: q.createdBefore, updatedBefore: q.lastUpdatedBefore, m: arr(q.marketplaceIds), s: arr(q.fulfillmentStatuses), b: arr(q.fulfilledBy) };
      const size = Number(q.maxResultsPerPage ?? 100);
      if (!(size >= 1 && size <= 100)) return spError(400, 'InvalidInput', 'maxResultsPerPage must be between 1 and 100.');
      const t = (v: unknown) => (typeof v === 'string' ? Date.parse(v) : undefined);
      const ca = t(f.createdAfter), cb = t(f.createdBefore), ua = t(f.updatedAfter), ub = t(f.updatedBefore);
      const ms = f.m as string[], ss = f.s as string[], bs = f.b as string[];
      const rows = [...state.orders.values()]
        .filter((o) => (ca === undefined || Date.parse(o.createdTime) >= ca) && (cb === undefined || Date.parse(o.createdTime) <= cb))
        .filter((o) => (ua === undefined || Date.parse(o.lastUpdatedTime) >= ua) && (ub === undefined || Date.parse(o.lastUpdatedTime) <= ub))
        .filter((o) => (!ms.length || ms.includes(o.marketplaceId)) && (!ss.length || ss.includes(o.status)) && (!bs.length || bs.includes(o.fulfilledBy)))
        .sort((a, b) => a.lastUpdatedTime.localeCompare(b.lastUpdatedTime) || a.orderId.localeCompare(b.orderId));
      const offset = (token?.o as number | undefined) ?? 0;
      const included = new Set(arr(q.includedData));
      const body: Record<string, unknown> = { orders: rows.slice(offset, offset + size).map((o) => orderJson(o, included)) };
      if (offset + size < rows.length) body.pagination = { nextToken: encodeToken({ o: offset + size, f }) };
      if (f.createdAfter !== undefined) body.createdBefore = iso(ctx.now - 120_000);
      else body.lastUpdatedBefore = iso(ctx.now - 120_000);
      return { status: 200, body };
    },

    getOrder(ctx) {
      const o = state.orders.get(ctx.params.orderId!);
      if (!o) return spError(404, 'NotFound', `Order ${ctx.params.orderId} not found.`);
      return { status: 200, body: { order: orderJson(o, new Set(arr(ctx.query.includedData))) } };
    },

    confirmShipment(ctx) {
      const o = state.orders.get(ctx.params.orderId!);
      if (!o) return spError(404, 'NotFound', `Order ${ctx.params.orderId} not found.`);
      const body = ctx.body as { marketplaceId: string; packageDetail: { packageReferenceId: string; carrierCode: string; trackingNumber: string; shipDate: string; orderItems: { orderItemId: string; quantity: number }[] } };
      if (body.marketplaceId !== o.marketplaceId) return spError(400, 'InvalidInput', `The order belongs to marketplace ${o.marketplaceId}.`);
      if (o.fulfilledBy !== 'MERCHANT') return spError(400, 'InvalidInput', 'The order is fulfilled by Amazon; shipments cannot be confirmed.');
      if (o.status !== 'UNSHIPPED' && o.status !== 'PARTIALLY_SHIPPED') return spError(400, 'InvalidInput', `The order is ${o.status}; only UNSHIPPED or PARTIALLY_SHIPPED orders can be confirmed.`);
      for (const it of body.packageDetail.orderItems) {
        if (!o.items.some((x) => x.orderItemId === it.orderItemId)) return spError(400, 'InvalidInput', `Unknown orderItemId ${it.orderItemId}.`);
      }
      o.packages.push({
        packageReferenceId: body.packageDetail.packageReferenceId,
        carrier: body.packageDetail.carrierCode,
        trackingNumber: body.packageDetail.trackingNumber,
        shipTime: body.packageDetail.shipDate,
        items: body.packageDetail.orderItems,
      });
      const shipped = (id: string) => o.packages.flatMap((p) => p.items).filter((p) => p.orderItemId === id).reduce((a, p) => a + p.quantity, 0);
      o.status = o.items.every((it) => shipped(it.orderItemId) >= it.quantity) ? 'SHIPPED' : 'PARTIALLY_SHIPPED';
      o.lastUpdatedTime = iso(ctx.now);
      return { status: 204 };
    },
  };
}

/** A fresh state for the sandbox seller. */
export function createSpApiState(listings: SandboxListing[], orders: SandboxOrder[]): SpApiState {
  return {
    sellerId: SANDBOX_SELLER_ID,
    listings: new Map(listings.map((l) => [listingKey(l.marketplaceId, l.sku), l])),
    orders: new Map(orders.map((o) => [o.orderId, o])),
    feeds: new Map(),
    reports: new Map(),
    documents: new Map(),
    tokens: new Map(),
    counter: 0,
    timing: { feedQueueMs: 20_000, feedProcessMs: 60_000, reportQueueMs: 10_000, reportProcessMs: 30_000 },
  };
}
