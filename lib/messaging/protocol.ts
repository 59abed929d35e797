import { z } from 'zod';
import { AutoLinkSummary, FulfillmentChannel, RowState } from '../domain';
import { ordersProtocol } from './protocol-orders';
import { syncProtocol } from './protocol-sync';

/** A listing row as a content script read it from the page. The marketplace is never sent: it comes from the sender's URL. */
export const PageRow = z.object({
  sku: z.string().min(1).max(200),
  asin: z.string().max(20).optional(),
  title: z.string().max(2000).optional(),
  price: z.number().nonnegative().finite().optional(),
  quantity: z.number().int().optional(),
  fulfillmentChannel: FulfillmentChannel.default('UNKNOWN'),
  status: z.string().max(100).optional(),
});
export type PageRow = z.infer<typeof PageRow>;

export const ProductSummary = z.object({
  sku: z.string(),
  title: z.string(),
  brand: z.string().optional(),
  price: z.number().optional(),
  gtin: z.string().optional(),
  origin: z.string().optional(),
});
export type ProductSummary = z.infer<typeof ProductSummary>;

export const ReasonView = z.object({ code: z.string(), text: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() });
export type ReasonView = z.infer<typeof ReasonView>;

export const SuggestionView = z.object({
  product: ProductSummary,
  score: z.number(),
  confidence: z.number(),
  confident: z.boolean(),
  /** 'sku' | 'gtin' | 'asin' when an exact identifier matched; absent for ranked suggestions. */
  exact: z.enum(['sku', 'gtin', 'asin']).optional(),
  reasons: z.array(ReasonView),
});
export type SuggestionView = z.infer<typeof SuggestionView>;

/** What one row of the page shows. */
export const RowView = z.object({
  sku: z.string(),
  state: RowState,
  product: ProductSummary.optional(),
  top: SuggestionView.optional(),
  error: z.string().optional(),
});
export type RowView = z.infer<typeof RowView>;

const Sku = z.string().min(1).max(200);

/** An error a person can act on, returned as a value. */
export const ErrorView = z.object({ code: z.string(), message: z.string(), productSku: z.string().optional() });
export type ErrorView = z.infer<typeof ErrorView>;

export const CatalogStats = z.object({
  products: z.number(),
  listings: z.number(),
  linked: z.number(),
  unlinked: z.number(),
  lastImport: z.object({ at: z.number(), fileName: z.string(), rows: z.number(), rejected: z.number() }).optional(),
});
export type CatalogStats = z.infer<typeof CatalogStats>;

/**
 * Every message: name -> request and response schemas, and who may send it.
 * `page` messages come from content scripts on Seller Central; `extension` ones only from the
 * extension's own pages (popup, options). The router enforces both and takes the marketplace
 * from the sender's URL, never from the payload.
 */
export const protocol = {
  'rows.seen': {
    from: 'page',
    request: z.object({ rows: z.array(PageRow).max(5000) }),
    response: z.object({ rows: z.array(RowView) }),
  },
  'rows.refine': {
    from: 'page',
    request: z.object({ skus: z.array(Sku).max(500) }),
    response: z.object({ rows: z.array(RowView) }),
  },
  'prefs.get': {
    from: 'page',
    request: z.object({}),
    response: z.object({ language: z.enum(['auto', 'en', 'es']) }),
  },
  'links.map': {
    from: 'page',
    request: z.object({}),
    response: z.object({ linked: z.array(z.tuple([z.string(), z.string(), z.string()])) }),
  },
  'link.create': {
    from: 'page',
    request: z.object({ sku: Sku, productSku: Sku, via: z.enum(['manual', 'suggestion', 'search']) }),
    response: z.object({ row: RowView }),
  },
  'link.remove': {
    from: 'page',
    request: z.object({ sku: Sku }),
    response: z.object({ row: RowView }),
  },
  'suggest.list': {
    from: 'page',
    request: z.object({ sku: Sku, k: z.number().int().min(1).max(20).default(5) }),
    response: z.object({ suggestions: z.array(SuggestionView) }),
  },
  'suggest.reject': {
    from: 'page',
    request: z.object({ sku: Sku, productSku: Sku }),
    response: z.object({ row: RowView }),
  },
  'catalog.search': {
    from: 'page',
    request: z.object({ query: z.string().max(200), k: z.number().int().min(1).max(50).default(10) }),
    response: z.object({ results: z.array(SuggestionView) }),
  },
  'catalog.addFromListing': {
    from: 'page',
    request: z.object({ sku: Sku }),
    response: z.union([z.object({ ok: z.literal(true), row: RowView }), z.object({ ok: z.literal(false), error: ErrorView })]),
  },
  'autolink.run': {
    from: 'page',
    request: z.object({ skus: z.array(Sku).max(5000).optional() }),
    response: AutoLinkSummary,
  },
  'links.unlinkAll': {
    from: 'page',
    request: z.object({ skus: z.array(Sku).max(5000).optional() }),
    response: z.object({ batchId: z.string(), count: z.number() }),
  },
  'links.undo': {
    from: 'page',
    request: z.object({ batchId: z.string().max(100) }),
    response: z.object({ count: z.number() }),
  },
  'stats.get': {
    from: 'extension',
    request: z.object({}),
    response: CatalogStats,
  },
  ...ordersProtocol,
  ...syncProtocol,
} as const;

export type Protocol = typeof protocol;
export type MessageName = keyof Protocol;
export type RequestOf<N extends MessageName> = z.input<Protocol[N]['request']>;
export type ParsedRequestOf<N extends MessageName> = z.output<Protocol[N]['request']>;
export type ResponseOf<N extends MessageName> = z.output<Protocol[N]['response']>;

/** The envelope on the wire. */
export const Envelope = z.object({ type: z.string(), data: z.unknown() });

/** What the router answers: a value or an error; never throws across the boundary. */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
