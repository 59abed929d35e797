/**
 * Row shapes of the sync-owned tables (jobs, checkpoints, orders, logs, offers) and the per-account
 * sync settings. Why here: lib/db types these tables loosely; the sync engine owns their meaning,
 * parses what it reads and casts only at its repository layer (repo.ts).
 */
import { z } from 'zod';
import { FulfillmentChannel } from '../domain/listing';

/** The jobs of the sync engine. `ordersNightly` is the full pass over the previous day. */
export const JobKind = z.enum(['catalog', 'listings', 'reconcile', 'offers', 'orders', 'ordersNightly', 'shipments']);
export type JobKind = z.infer<typeof JobKind>;

/** All job kinds, in the order a full sync runs them. */
export const JOB_KINDS: readonly JobKind[] = JobKind.options;

/** Per-account channels the seller switches on or off, as in ERPs. */
export const Channel = z.enum(['products', 'stock', 'price', 'orderDownload', 'orderUpdate']);
export type Channel = z.infer<typeof Channel>;

/** Languages the explanations are written for (en and es complete; others fall back to en). */
export const Language = z.enum(['en', 'es', 'it', 'pt', 'fr', 'de', 'hu']);
export type Language = z.infer<typeof Language>;

/** Quantity rule: catalog stock over chosen warehouses minus a buffer, capped; or a fixed value. */
export const StockRule = z.object({
  source: z.enum(['catalog', 'fixed']).default('catalog'),
  /** Warehouses summed; empty = all the product has. */
  warehouses: z.array(z.string()).default([]),
  buffer: z.number().int().nonnegative().default(0),
  /** Cap on the quantity sent; undefined = no cap. */
  max: z.number().int().nonnegative().optional(),
  fixed: z.number().int().nonnegative().optional(),
});
export type StockRule = z.infer<typeof StockRule>;

/** Price rounding: none, to a fixed ending (.99, .95, .90, .00), or to whole units. */
export const Rounding = z.enum(['none', '.99', '.95', '.90', '.00']);
export type Rounding = z.infer<typeof Rounding>;

/** Price rule: the catalog price, a fixed value, or a formula; plus the catalog's promotional price. */
export const PriceRule = z.object({
  source: z.enum(['catalog', 'fixed', 'formula']).default('catalog'),
  fixed: z.number().nonnegative().optional(),
  /** Formula: base × rate × (1 + percent/100) + add, then rounding. */
  percent: z.number().default(0),
  add: z.number().default(0),
  rounding: Rounding.default('none'),
  /** Currency rate per marketplace id (catalog currency → marketplace currency); 1 when missing. */
  currencyRates: z.record(z.string(), z.number().positive()).default({}),
  /** Use the catalog's promotional price: as Amazon's sale price when it has dates, else in place of the price while current. */
  usePromotion: z.boolean().default(true),
  /** Dates (ISO) of the seller's promotion, used when the product gives none (product.extra saleStart/saleEnd win). */
  saleStart: z.string().optional(),
  saleEnd: z.string().optional(),
  /** Never send a price below this (a guard against formula mistakes). */
  min: z.number().nonnegative().optional(),
});
export type PriceRule = z.infer<typeof PriceRule>;

/** A per-listing override of the account rules (any field left out keeps the account's). */
export const ListingOverride = z.object({
  stock: StockRule.partial().optional(),
  price: PriceRule.partial().optional(),
  /** Exclude the listing from price/stock pushes altogether. */
  skip: z.boolean().optional(),
});
export type ListingOverride = z.infer<typeof ListingOverride>;

/** Per-account sync settings, stored as one settings row (`sync:<accountId>`). */
export const SyncSettings = z.object({
  version: z.literal(1).default(1),
  language: Language.default('en'),
  /** Marketplaces this account sells on (listings download, order search). */
  marketplaceIds: z.array(z.string()).default([]),
  channels: z
    .object({
      products: z.boolean().default(true),
      stock: z.boolean().default(true),
      price: z.boolean().default(true),
      orderDownload: z.boolean().default(true),
      orderUpdate: z.boolean().default(true),
    })
    .prefault({}),
  schedule: z
    .object({
      offersEveryMinutes: z.number().int().min(1).default(15),
      ordersEveryMinutes: z.number().int().min(1).default(15),
      /** Local hour (0–23) for the nightly orders pass and the daily catalog/listings download. */
      nightlyHour: z.number().int().min(0).max(23).default(3),
      shipmentsEveryMinutes: z.number().int().min(1).default(30),
    })
    .prefault({}),
  stock: StockRule.prefault({}),
  price: PriceRule.prefault({}),
  orders: z
    .object({
      /** FBA orders are imported only when the seller opts in. */
      importFba: z.boolean().default(false),
      /** Warehouse an imported order takes stock from; default: the first stock warehouse, else the product's first. */
      warehouse: z.string().optional(),
      /** Channel name written on the catalog order. */
      channelName: z.string().default('Amazon'),
      /** Minutes of overlap when asking for orders updated since the last run (clock skew, late updates). */
      overlapMinutes: z.number().int().nonnegative().default(10),
      /** How far back the first order download looks, in days. */
      firstRunDays: z.number().int().positive().default(2),
    })
    .prefault({}),
  feeds: z
    .object({
      /** At most this many updates go one by one (patchListingsItem); more go through a feed. */
      patchThreshold: z.number().int().nonnegative().default(20),
      maxMessages: z.number().int().positive().max(25000).default(25000),
      maxBytes: z.number().int().positive().max(10 * 1024 * 1024).default(10 * 1024 * 1024),
      /** JSON_LISTINGS_FEED: submissions allowed per window per region. */
      submissionsPerWindow: z.number().int().positive().default(5),
      windowMinutes: z.number().positive().default(5),
    })
    .prefault({}),
  /** When the seller last authorized the SP-API app (epoch ms); re-authorization is due yearly. */
  authorizedAt: z.number().optional(),
});
export type SyncSettings = z.infer<typeof SyncSettings>;
/** What callers may pass to update settings (every field optional, nested too). */
export type SyncSettingsInput = z.input<typeof SyncSettings>;

/** A lease: one run of a job at a time, across popup, alarms and restarts. */
export const Lease = z.object({ owner: z.string(), expiresAt: z.number() });
export type Lease = z.infer<typeof Lease>;

/** Counts a job reports (created/updated/sent/imported/failed...). */
export const Counts = z.record(z.string(), z.number());
export type Counts = z.infer<typeof Counts>;

/** The result of one run, shown in the popup. */
export const RunRecord = z.object({
  runId: z.string(),
  startedAt: z.number(),
  finishedAt: z.number().optional(),
  outcome: z.enum(['running', 'ok', 'partial', 'failed', 'skipped', 'interrupted']),
  counts: Counts.default({}),
  errors: z.number().int().default(0),
  /** First error of a failed run, for the popup line. */
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  /** Runs that resumed a checkpoint count how many times they were resumed. */
  resumed: z.number().int().default(0),
});
export type RunRecord = z.infer<typeof RunRecord>;

/** Progress of a running job (popup progress bar). */
export const Progress = z.object({ phase: z.string(), done: z.number(), total: z.number().optional() });
export type Progress = z.infer<typeof Progress>;

/** A row of the `jobs` table: id = `${accountId}:${kind}`. */
export const JobRow = z.object({
  id: z.string(),
  accountId: z.string(),
  kind: JobKind,
  lease: Lease.optional(),
  current: RunRecord.optional(),
  lastRun: RunRecord.optional(),
  lastSuccessAt: z.number().optional(),
  progress: Progress.optional(),
  /** Job-specific memory kept between runs (e.g. the orders window end of the last success). */
  memory: z.record(z.string(), z.unknown()).default({}),
});
export type JobRow = z.infer<typeof JobRow>;

/** A row of the `checkpoints` table: the cursor of a run in progress; deleted when the run ends. */
export const CheckpointRow = z.object({
  jobId: z.string(),
  runId: z.string(),
  step: z.string(),
  /** Step-specific cursor (JSON-safe). */
  cursor: z.record(z.string(), z.unknown()).default({}),
  counts: Counts.default({}),
  errors: z.number().int().default(0),
  updatedAt: z.number(),
  resumed: z.number().int().default(0),
});
export type CheckpointRow = z.infer<typeof CheckpointRow>;

/** Order status as the seller sees it (the order tabs of ERPs). */
export const OrderStatus = z.enum(['pending', 'imported', 'error', 'cancelled', 'deleted']);
export type OrderStatus = z.infer<typeof OrderStatus>;

/** Why an order is in error or cancelled: a code from explanations.ts plus its parameters. */
export const Reason = z.object({ code: z.string(), params: z.record(z.string(), z.string()).default({}) });
export type Reason = z.infer<typeof Reason>;

const Money = z.object({ amount: z.number(), currency: z.string() });
/** A sale price with its schedule (ISO dates), as sent to the marketplace. */
const SaleMoney = Money.extend({ start: z.string(), end: z.string() });

/** The marketplace order as downloaded (a parsed copy of connectors' MarketplaceOrder). */
export const OrderSnapshot = z.object({
  orderId: z.string(),
  marketplaceId: z.string(),
  status: z.enum(['PENDING', 'UNSHIPPED', 'PARTIALLY_SHIPPED', 'SHIPPED', 'CANCELLED', 'UNFULFILLABLE', 'OTHER']),
  fulfillmentChannel: FulfillmentChannel,
  createdAt: z.string(),
  updatedAt: z.string(),
  items: z.array(
    z.object({
      orderItemId: z.string(),
      sku: z.string(),
      asin: z.string().optional(),
      title: z.string().optional(),
      quantity: z.number(),
      unitPrice: Money.optional(),
    }),
  ),
  total: Money.optional(),
  shipTo: z
    .object({
      name: z.string().optional(),
      city: z.string().optional(),
      postalCode: z.string().optional(),
      countryCode: z.string().optional(),
      line1: z.string().optional(),
      stateOrRegion: z.string().optional(),
    })
    .optional(),
});
export type OrderSnapshot = z.infer<typeof OrderSnapshot>;

/** Tracking to confirm on Amazon for an imported order (filled by `recordShipment`). */
export const ShipmentState = z.object({
  carrierCode: z.string(),
  trackingNumber: z.string(),
  shipDate: z.string(),
  state: z.enum(['pending', 'sent', 'error']),
  /** Set just before confirmShipment is called; cleared with the result. */
  intentAt: z.number().optional(),
  sentAt: z.number().optional(),
  reason: Reason.optional(),
});
export type ShipmentState = z.infer<typeof ShipmentState>;

/** A package pulled from the catalog system (listShipments), confirmed on Amazon once. */
export const PackageState = ShipmentState.extend({
  /** The catalog system's shipment id: the idempotency key (never recorded or sent twice). */
  key: z.string(),
  /** Amazon order items in the package, mapped from the catalog SKUs. */
  items: z.array(z.object({ orderItemId: z.string(), quantity: z.number() })),
});
export type PackageState = z.infer<typeof PackageState>;

/** A row of the `orders` table, keyed by the Amazon order id (the idempotency key). */
export const OrderRow = z.object({
  orderId: z.string(),
  accountId: z.string(),
  marketplaceId: z.string(),
  status: OrderStatus,
  reason: Reason.optional(),
  order: OrderSnapshot,
  /** Amazon's last-updated time (ms), for "newer than what we have" checks. */
  updatedAt: z.number(),
  firstSeenAt: z.number(),
  importedAt: z.number().optional(),
  catalogOrderId: z.string().optional(),
  /** Written before createOrder; a row with an intent and no catalogOrderId is resolved by findOrder. */
  intent: z.object({ runId: z.string(), at: z.number() }).optional(),
  /** Import attempts that ended in error (for the seller and for backoff). */
  attempts: z.number().int().default(0),
  /** Stock the order takes, per product and warehouse; `reflected` once a catalog snapshot includes it (see stock.ts). */
  reserved: z.array(z.object({ productSku: z.string(), warehouse: z.string(), quantity: z.number(), reflected: z.boolean().optional() })).default([]),
  /** Status before the seller deleted it from view. */
  deletedFrom: OrderStatus.optional(),
  shipment: ShipmentState.optional(),
  /** Packages pulled from the catalog system's shipments (rows written before this field have none). */
  packages: z.array(PackageState).optional(),
});
export type OrderRow = z.infer<typeof OrderRow>;

/** What a listing was last sent and what is in flight (price/stock change detection). */
export const OfferRow = z.object({
  listingId: z.string(),
  marketplaceId: z.string(),
  sku: z.string(),
  productSku: z.string(),
  /** Last values the marketplace accepted. */
  pushed: z.object({ price: Money.optional(), salePrice: SaleMoney.optional(), quantity: z.number().optional(), at: z.number() }).optional(),
  /** Values in an update that has not answered yet. */
  inflight: z.object({ price: Money.optional(), salePrice: SaleMoney.optional(), quantity: z.number().optional(), runId: z.string(), at: z.number() }).optional(),
  /** Values the marketplace refused, so the same values are not resent every 15 minutes. */
  refused: z.object({ key: z.string(), at: z.number() }).optional(),
  /** Total updates sent for this listing (a counter for diagnostics and the benchmark). */
  sends: z.number().int().default(0),
});
export type OfferRow = z.infer<typeof OfferRow>;

/** What a log entry is about. */
export const SubjectType = z.enum(['listing', 'product', 'order', 'job', 'account']);
export type SubjectType = z.infer<typeof SubjectType>;

/** A row of the `logs` table. Text is resolved in the seller's language when written. */
export const LogRow = z.object({
  id: z.number().optional(),
  at: z.number(),
  level: z.enum(['error', 'warning', 'info']),
  accountId: z.string(),
  jobId: z.string().optional(),
  runId: z.string().optional(),
  subjectType: SubjectType,
  subjectId: z.string(),
  /** The API's code as given (e.g. '90220', 'http_429', 'invalid_grant') or one of ours. */
  code: z.string(),
  /** The API's own message, kept verbatim. */
  message: z.string(),
  title: z.string(),
  explanation: z.string(),
  fix: z.string(),
  language: Language,
});
export type LogRow = z.infer<typeof LogRow>;
