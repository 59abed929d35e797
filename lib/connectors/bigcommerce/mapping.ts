/**
 * Pure mapping between BigCommerce shapes and ours: products/variants to CatalogProducts,
 * our product to a createProduct body, a marketplace order to an Orders v2 createOrder body.
 */
import { canonicalGtin } from '../../matching/identifiers';
import type { CatalogOrderInput, CatalogProduct, CatalogShipment } from '../types';
import type { BcInventoryItem, BcOrder, BcProduct, BcShipment, BcVariant } from './schemas';

/** Stock per SKU (lower-cased), then per warehouse name. */
export type StockBySku = Map<string, Record<string, number>>;

/** A BigCommerce inventory location as the connector names it. */
export interface BcLocation {
  id: number;
  code?: string;
  name?: string;
}

/** The warehouse key used in `CatalogProduct.stock`: the location code, else its id. */
export function warehouseKey(location: BcLocation): string {
  return location.code || String(location.id);
}

/** Id of a product or a variant in our `externalId`: `p123` or `p123/v456`. */
export function externalIdOf(productId: number, variantId?: number): string {
  return variantId === undefined ? `p${productId}` : `p${productId}/v${variantId}`;
}

/** Parse `p123` / `p123/v456` back into ids; undefined when it is not ours. */
export function parseExternalId(id: string): { productId: number; variantId?: number } | undefined {
  const m = /^p(\d+)(?:\/v(\d+))?$/.exec(id);
  if (!m) return undefined;
  return { productId: Number(m[1]), variantId: m[2] === undefined ? undefined : Number(m[2]) };
}

/** True when a product has option variants (each a SKU of its own); a base variant does not count. */
export function hasOptionVariants(product: BcProduct): boolean {
  return (product.variants ?? []).some((v) => v.option_values.length > 0);
}

function identifiers(gtin: string | null | undefined, upc: string | null | undefined): Pick<CatalogProduct, 'gtin' | 'gtinRaw'> {
  // BigCommerce keeps EAN/GTIN in `gtin` and UPC in `upc`; either may be the product's barcode.
  for (const raw of [gtin, upc]) {
    const text = raw?.trim();
    if (!text) continue;
    const canonical = canonicalGtin(text);
    if (canonical) return { gtin: canonical, gtinRaw: text.slice(0, 40) };
  }
  const raw = (gtin?.trim() || upc?.trim()) ?? '';
  return raw ? { gtinRaw: raw.slice(0, 40) } : {};
}

function text(value: string | null | undefined): string | undefined {
  const t = value?.trim();
  return t ? t : undefined;
}

function extraFor(product: BcProduct, variant?: BcVariant): Record<string, string> {
  const extra: Record<string, string> = { bigcommerce_product_id: String(product.id) };
  if (variant) extra.bigcommerce_variant_id = String(variant.id);
  if (product.brand_id) extra.bigcommerce_brand_id = String(product.brand_id);
  if (product.inventory_tracking) extra.inventory_tracking = product.inventory_tracking;
  // BigCommerce's sale price (0 or null: none); the sync rules send it as Amazon's sale price.
  const sale = variant?.sale_price || product.sale_price;
  if (sale && sale > 0) extra.salePrice = String(sale);
  const upc = text(variant?.upc) ?? text(product.upc);
  if (upc) extra.upc = upc;
  if (variant && variant.option_values.length > 0) {
    extra.options = variant.option_values.map((o) => `${o.option_display_name ?? 'Option'}: ${o.label}`).join('; ');
  }
  return extra;
}

/**
 * One CatalogProduct per sellable SKU: a product with option variants gives one per variant
 * (`p123/v456`), a product without gives one (`p123`). Items without a SKU are left out (they
 * cannot be linked to a listing) and returned in `skipped`.
 */
export function mapProduct(
  product: BcProduct,
  stock: StockBySku,
  opts: { currency?: string } = {},
): { products: CatalogProduct[]; skipped: string[] } {
  const products: CatalogProduct[] = [];
  const skipped: string[] = [];
  const active = product.is_visible ?? true;
  const base = { origin: 'bigcommerce' as const, active, currency: opts.currency };
  if (!hasOptionVariants(product)) {
    const sku = text(product.sku) ?? text(product.variants?.[0]?.sku);
    if (!sku) {
      skipped.push(externalIdOf(product.id));
      return { products, skipped };
    }
    products.push(
      clean({
        ...base,
        sku,
        title: product.name,
        price: product.price,
        mpn: text(product.mpn),
        ...identifiers(product.gtin, product.upc),
        stock: stock.get(sku.toLowerCase()) ?? {},
        extra: extraFor(product),
        externalId: externalIdOf(product.id),
      }),
    );
    return { products, skipped };
  }
  for (const variant of product.variants ?? []) {
    const sku = text(variant.sku);
    if (!sku) {
      skipped.push(externalIdOf(product.id, variant.id));
      continue;
    }
    const options = variant.option_values.map((o) => o.label).join(' / ');
    products.push(
      clean({
        ...base,
        sku,
        title: options ? `${product.name} (${options})` : product.name,
        // A variant without its own price sells at the product's price.
        price: variant.price ?? variant.calculated_price ?? product.price,
        mpn: text(variant.mpn) ?? text(product.mpn),
        ...identifiers(variant.gtin, variant.upc),
        stock: stock.get(sku.toLowerCase()) ?? {},
        extra: extraFor(product, variant),
        externalId: externalIdOf(product.id, variant.id),
      }),
    );
  }
  return { products, skipped };
}

function clean(p: CatalogProduct): CatalogProduct {
  // Leave out undefined keys so results compare and serialize cleanly.
  return Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)) as CatalogProduct;
}

/** Fold inventory items into stock per SKU and warehouse; also report the locations seen. */
export function stockFromInventory(items: readonly BcInventoryItem[], into: StockBySku = new Map(), locations: Map<number, BcLocation> = new Map()): StockBySku {
  for (const item of items) {
    const sku = item.identity.sku?.toLowerCase();
    if (!sku) continue;
    const perWarehouse = into.get(sku) ?? {};
    for (const loc of item.locations) {
      const location: BcLocation = { id: loc.location_id, code: loc.location_code, name: loc.location_name };
      if (!locations.has(location.id)) locations.set(location.id, location);
      // What Amazon may sell is on hand minus safety stock.
      perWarehouse[warehouseKey(location)] = loc.available_to_sell ?? loc.total_inventory_onhand ?? 0;
    }
    into.set(sku, perWarehouse);
  }
  return into;
}

/** The createProduct body for "Add to catalog" (name, type, weight, price and sku are required by us). */
export function toCreateProductBody(
  product: Pick<CatalogProduct, 'sku' | 'title' | 'price' | 'gtin' | 'brand'>,
  opts: { weight?: number; visible?: boolean } = {},
): Record<string, unknown> {
  const body: Record<string, unknown> = {
    name: product.title.slice(0, 250),
    type: 'physical',
    sku: product.sku,
    weight: opts.weight ?? 0,
    price: product.price ?? 0,
    // Stock is tracked per product so absolute adjustments by SKU apply at once.
    inventory_tracking: 'product',
    is_visible: opts.visible ?? false,
  };
  if (product.brand) body.brand_name = product.brand;
  if (product.gtin) {
    // Our GTIN is 14 digits; a UPC-A (two leading zeros) goes to `upc`, the rest to `gtin` as EAN-13.
    if (product.gtin.startsWith('00')) body.upc = product.gtin.slice(2);
    else body.gtin = product.gtin.startsWith('0') ? product.gtin.slice(1) : product.gtin;
  }
  return body;
}

/** How an order line is sent: a catalog product (ids) or a custom line (name, sku, price). */
export type OrderLineTarget = { productId: number; variantId?: number } | undefined;

/** RFC 2822 date as Orders v2 writes it ("Wed, 10 Jan 2018 21:05:30 +0000"). */
export function toRfc2822(iso: string): string | undefined {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? new Date(ms).toUTCString().replace('GMT', '+0000') : undefined;
}

/** Defaults for orders created from marketplace orders. */
export interface OrderDefaults {
  /** Order status id; 11 is "Awaiting Fulfillment" (paid, to ship). */
  statusId?: number;
  /** `external_source`: the system that created the order. */
  externalSource?: string;
  /** E-mail on the billing address (marketplaces hide the buyer's). */
  email?: string;
}

/**
 * The Orders v2 createOrder body. The marketplace order id goes to `external_order_id` (which
 * getOrders can filter on, so a retry finds it) and, for people, to `staff_notes`.
 */
export function toCreateOrderBody(order: CatalogOrderInput, targets: ReadonlyMap<string, OrderLineTarget>, defaults: OrderDefaults = {}): Record<string, unknown> {
  const ship = order.shipTo;
  const [firstName, ...rest] = (ship?.name ?? '').trim().split(/\s+/);
  const address: Record<string, string> = {
    first_name: firstName || order.channel,
    last_name: rest.join(' ') || 'Customer',
    street_1: ship?.line1 ?? '',
    city: ship?.city ?? '',
    state: ship?.stateOrRegion ?? '',
    zip: ship?.postalCode ?? '',
    country_iso2: ship?.countryCode ?? '',
  };
  if (defaults.email) address.email = defaults.email;
  const products = order.lines.map((line) => {
    const target = targets.get(line.productSku);
    const price = line.unitPrice?.amount;
    if (target) {
      const out: Record<string, unknown> = { product_id: target.productId, quantity: line.quantity };
      if (target.variantId !== undefined) out.variant_id = target.variantId;
      if (price !== undefined) {
        out.price_inc_tax = price;
        out.price_ex_tax = price;
      }
      return out;
    }
    // Not in the catalog: a custom line keeps the order complete and the SKU visible.
    return {
      name: (line.title ?? line.productSku).slice(0, 250) || line.productSku,
      sku: line.productSku,
      quantity: line.quantity,
      price_inc_tax: price ?? 0,
      price_ex_tax: price ?? 0,
    };
  });
  const body: Record<string, unknown> = {
    status_id: defaults.statusId ?? 11,
    billing_address: address,
    products,
    external_order_id: order.externalOrderId,
    external_source: defaults.externalSource ?? 'Skulink',
    staff_notes: `${order.channel} order ${order.externalOrderId} (imported by Skulink)`,
    payment_method: order.channel,
  };
  if (ship) body.shipping_addresses = [{ ...address }];
  const created = toRfc2822(order.createdAt);
  if (created) body.date_created = created;
  const currency = order.lines.find((l) => l.unitPrice)?.unitPrice?.currency;
  if (currency) body.default_currency_code = currency;
  return body;
}

/** BigCommerce `shipping_provider` codes and the carrier names Amazon's confirmShipment knows them by. */
const AMAZON_CARRIERS: ReadonlyMap<string, string> = new Map(Object.entries({
  usps: 'USPS',
  endicia: 'USPS',
  ups: 'UPS',
  upsready: 'UPS',
  upsonline: 'UPS',
  fedex: 'FedEx',
  royalmail: 'Royal Mail',
  auspost: 'Australia Post',
  canadapost: 'Canada Post',
  dhl: 'DHL',
}));

/** Amazon's carrier name for a BigCommerce shipment: known provider codes, else the tracking carrier or the display name, else `Other`. */
export function amazonCarrierCode(shipment: Pick<BcShipment, 'shipping_provider' | 'tracking_carrier' | 'shipping_provider_display_name'>): string {
  for (const raw of [shipment.shipping_provider, shipment.tracking_carrier]) {
    const key = raw.trim().toLowerCase().replace(/[\s_-]/g, '');
    const known = AMAZON_CARRIERS.get(key);
    if (known) return known;
  }
  const named = shipment.tracking_carrier.trim() || shipment.shipping_provider_display_name?.trim() || '';
  return named || 'Other';
}

/** ISO date from an Orders v2 date (RFC 2822); undefined when unreadable. */
export function fromRfc2822(date: string | undefined): string | undefined {
  if (!date) return undefined;
  const ms = Date.parse(date);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

/**
 * Our shipment from a BigCommerce shipment of an order we created: items by SKU through the
 * order's products (`order_product_id` → sku), quantities of one SKU added up.
 */
export function toCatalogShipment(order: Pick<BcOrder, 'id' | 'external_order_id'>, shipment: BcShipment, skuByOrderProduct: ReadonlyMap<number, string>, fallbackDate: string): CatalogShipment {
  const bySku = new Map<string, number>();
  for (const item of shipment.items) {
    const sku = skuByOrderProduct.get(item.order_product_id);
    if (!sku || item.quantity <= 0) continue;
    bySku.set(sku, (bySku.get(sku) ?? 0) + item.quantity);
  }
  return {
    id: `${order.id}/${shipment.id}`,
    catalogOrderId: String(order.id),
    externalOrderId: order.external_order_id ?? '',
    carrierCode: amazonCarrierCode(shipment),
    trackingNumber: shipment.tracking_number.trim(),
    shipDate: fromRfc2822(shipment.date_created) ?? fallbackDate,
    items: [...bySku].map(([sku, quantity]) => ({ sku, quantity })),
  };
}
