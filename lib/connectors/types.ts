/**
 * The interfaces the sync engine uses without knowing which service is behind them.
 * A marketplace (Amazon SP-API today) and a catalog system (BigCommerce, a CSV catalog, later
 * Shopify and ERPs) each implement one. Every method takes an AbortSignal and returns plain data.
 */
import type { Product } from '../domain/catalog';
import type { FulfillmentChannel } from '../domain/listing';

/** A listing as a marketplace reports it (listings down). */
export interface MarketplaceListing {
  marketplaceId: string;
  sku: string;
  asin?: string;
  title?: string;
  price?: number;
  currency?: string;
  quantity?: number;
  fulfillmentChannel: FulfillmentChannel;
  status?: string;
  /** The product id the marketplace holds and its type (EAN, UPC, ISBN, GTIN...). */
  productId?: string;
  productIdType?: string;
  /** Plain-text description (the report's item-description, tags removed, at most 4,000 characters). */
  description?: string;
}

/** One price and/or quantity change for a listing (price and stock up). */
export interface OfferUpdate {
  marketplaceId: string;
  sku: string;
  /** Needed by SP-API patches and feeds; 'PRODUCT' works for offer-only changes. */
  productType?: string;
  price?: { amount: number; currency: string };
  /** Omit for FBA listings: their quantity is Amazon's. */
  quantity?: number;
  /**
   * Who fulfils the listing, when the caller knows it (from the listings report). Given, the
   * connector trusts it (an AFN listing never gets a quantity); missing, the connector looks it up.
   */
  fulfillmentChannel?: 'MFN' | 'AFN';
  /**
   * A time-limited sale price sent next to the regular `price` (Amazon: purchasable_offer
   * discounted_price schedule). ISO dates; sent only with `price` (the offer attribute is replaced whole).
   */
  salePrice?: { amount: number; currency: string; start: string; end: string };
}

/** An issue a marketplace reported for one item, with its code as the API gave it. */
export interface ItemIssue {
  code: string;
  message: string;
  severity: 'ERROR' | 'WARNING' | 'INFO';
  attributeNames?: string[];
}

/** Result of sending updates: per SKU, accepted or its issues. */
export interface OfferUpdateResult {
  sku: string;
  marketplaceId: string;
  status: 'accepted' | 'invalid' | 'error';
  issues: ItemIssue[];
}

export interface OrderItem {
  orderItemId: string;
  sku: string;
  asin?: string;
  title?: string;
  quantity: number;
  unitPrice?: { amount: number; currency: string };
}

export type MarketplaceOrderStatus =
  | 'PENDING'
  | 'UNSHIPPED'
  | 'PARTIALLY_SHIPPED'
  | 'SHIPPED'
  | 'CANCELLED'
  | 'UNFULFILLABLE'
  | 'OTHER';

/** An order as the marketplace reports it (orders down). */
export interface MarketplaceOrder {
  /** Amazon order id, e.g. 123-1234567-1234567: the idempotency key for import. */
  orderId: string;
  marketplaceId: string;
  status: MarketplaceOrderStatus;
  fulfillmentChannel: FulfillmentChannel;
  createdAt: string;
  updatedAt: string;
  items: OrderItem[];
  total?: { amount: number; currency: string };
  shipTo?: { name?: string; city?: string; postalCode?: string; countryCode?: string; line1?: string; stateOrRegion?: string };
}

/** Tracking to confirm on the marketplace (shipment up). */
export interface ShipmentConfirmation {
  orderId: string;
  marketplaceId: string;
  carrierCode: string;
  trackingNumber: string;
  shipDate: string;
  items: { orderItemId: string; quantity: number }[];
}

export interface Page<T> {
  items: T[];
  /** Opaque cursor for the next page; undefined on the last page. Safe to persist in a checkpoint. */
  next?: string;
}

/** A marketplace account (Amazon SP-API for one seller in one region). */
export interface MarketplaceConnector {
  readonly kind: 'amazon';
  /** All listings of one marketplace (may take minutes: reports are asynchronous). */
  downloadListings(marketplaceId: string, signal?: AbortSignal): Promise<MarketplaceListing[]>;
  /** Price and quantity up. Few updates go item by item, many go through a bulk feed. */
  updateOffers(updates: OfferUpdate[], signal?: AbortSignal): Promise<OfferUpdateResult[]>;
  /** Orders created or updated since `since` (ISO), one page at a time. */
  listOrders(query: { marketplaceIds: string[]; updatedAfter: string; cursor?: string }, signal?: AbortSignal): Promise<Page<MarketplaceOrder>>;
  getOrder(orderId: string, signal?: AbortSignal): Promise<MarketplaceOrder>;
  confirmShipment(shipment: ShipmentConfirmation, signal?: AbortSignal): Promise<void>;
}

/** A product as a catalog system reports it: the domain Product without local bookkeeping. */
export type CatalogProduct = Omit<Product, 'createdAt' | 'updatedAt'>;

export interface CatalogOrderLine {
  productSku: string;
  quantity: number;
  unitPrice?: { amount: number; currency: string };
  title?: string;
}

/** An order to create in the catalog system from a marketplace order. */
export interface CatalogOrderInput {
  /** The marketplace order id, stored in the catalog order so a retry can find it. */
  externalOrderId: string;
  channel: string;
  lines: CatalogOrderLine[];
  shipTo?: MarketplaceOrder['shipTo'];
  createdAt: string;
}

/** A shipment (one package with tracking) of a catalog order created from a marketplace order (tracking up). */
export interface CatalogShipment {
  /** Stable identity of this package in the catalog system (idempotency key of its confirmation). */
  id: string;
  /** The catalog system's order id. */
  catalogOrderId: string;
  /** The marketplace order id the catalog order was created with (`CatalogOrderInput.externalOrderId`). */
  externalOrderId: string;
  /** Carrier as the marketplace names it (e.g. `UPS`, `USPS`, `FedEx`, `Royal Mail`). */
  carrierCode: string;
  trackingNumber: string;
  /** ISO date-time the package shipped. */
  shipDate: string;
  /** Catalog SKUs in the package and how many of each. */
  items: { sku: string; quantity: number }[];
}

/** A catalog system (BigCommerce, a CSV catalog, later Shopify and ERPs). */
export interface CatalogConnector {
  readonly kind: 'bigcommerce' | 'csv';
  /** Products (and variants, as products with their own SKU), one page at a time. */
  listProducts(query: { cursor?: string; pageSize?: number }, signal?: AbortSignal): Promise<Page<CatalogProduct>>;
  /** Create a product ("Add to catalog"); returns it with its external id. */
  createProduct(product: Pick<CatalogProduct, 'sku' | 'title' | 'price' | 'gtin' | 'brand'>, signal?: AbortSignal): Promise<CatalogProduct>;
  /** Set (absolute) or adjust (relative) stock of SKUs at a warehouse / location. */
  changeStock(changes: { sku: string; warehouse?: string; quantity: number; mode: 'set' | 'adjust' }[], signal?: AbortSignal): Promise<void>;
  /** Find an order created earlier for this marketplace order id (idempotency after a crash). */
  findOrder(externalOrderId: string, signal?: AbortSignal): Promise<{ id: string } | undefined>;
  createOrder(order: CatalogOrderInput, signal?: AbortSignal): Promise<{ id: string }>;
  /**
   * Shipments of orders this app created, on orders changed since `since` (ISO), one page at a
   * time. Optional: without it, tracking is only what the seller records by hand.
   */
  listShipments?(query: { since: string; cursor?: string }, signal?: AbortSignal): Promise<Page<CatalogShipment>>;
}

/** An error a person can act on, raised by connectors at the boundary. */
export class ConnectorError extends Error {
  constructor(
    /** Stable code: 'http_429', 'invalid_grant', 'unexpected_shape', 'timeout', an API error code... */
    readonly code: string,
    message: string,
    readonly details: { operation?: string; status?: number; hint?: string; retryable?: boolean } = {},
  ) {
    super(message);
    this.name = 'ConnectorError';
  }
}
