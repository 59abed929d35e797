/**
 * Price and quantity rules: what a linked listing should show on the marketplace, computed from
 * the catalog product, the account's rules and the listing's own override. Pure functions.
 */
import { totalStock, type Product } from '../domain/catalog';
import type { Listing } from '../domain/listing';
import { marketplaceById } from '../domain/marketplaces';
import { PriceRule, StockRule, type ListingOverride, type Rounding, type SyncSettings } from './schemas';

/** The values a listing should have; a field is undefined when nothing should be sent for it. */
export interface DesiredOffer {
  price?: { amount: number; currency: string };
  /** The promotion as the marketplace's sale price, when it has dates (see promotionWindow). */
  salePrice?: { amount: number; currency: string; start: string; end: string };
  quantity?: number;
}

/**
 * Quantity for a listing: undefined for FBA (Amazon's stock), 0 for an inactive product, the fixed
 * value, or catalog stock over the chosen warehouses minus the buffer, never below 0, capped at max.
 */
export function computeQuantity(product: Pick<Product, 'stock' | 'active'>, listing: Pick<Listing, 'fulfillmentChannel'>, rule: StockRule): number | undefined {
  if (listing.fulfillmentChannel === 'AFN') return undefined;
  if (!product.active) return 0;
  let q = rule.source === 'fixed' ? (rule.fixed ?? 0) : totalStock(product, rule.warehouses) - rule.buffer;
  q = Math.max(0, Math.floor(q));
  if (rule.max !== undefined) q = Math.min(q, rule.max);
  return q;
}

/** Round a price to an ending: '.99' gives x.99 at or below the value (never below 0.99 for positive values). */
export function roundPrice(value: number, rounding: Rounding): number {
  const cents = Math.round(value * 100) / 100;
  if (rounding === 'none') return cents;
  if (rounding === '.00') return Math.round(cents);
  const ending = Number(rounding);
  const whole = Math.floor(cents);
  let r = whole + ending;
  if (r > cents + 1e-9) r -= 1;
  if (r < ending) r = ending;
  return Math.round(r * 100) / 100;
}

/** The catalog's promotional price when it applies at `now` (product.extra: salePrice, saleStart, saleEnd, ISO dates). */
export function activePromotion(product: Pick<Product, 'extra'>, now: number): number | undefined {
  const raw = product.extra['salePrice'] ?? product.extra['sale_price'];
  if (raw === undefined || raw.trim() === '') return undefined;
  const price = Number(raw.replace(',', '.'));
  if (!Number.isFinite(price) || price <= 0) return undefined;
  const start = product.extra['saleStart'] ?? product.extra['sale_start'];
  const end = product.extra['saleEnd'] ?? product.extra['sale_end'];
  if (start && Date.parse(start) > now) return undefined;
  if (end && Date.parse(end) < now) return undefined;
  return price;
}

/**
 * The catalog's promotion with dates (product.extra saleStart/saleEnd, else the rule's), not yet
 * over at `now`: sent as a sale price schedule so the marketplace starts and ends it itself.
 */
export function promotionWindow(product: Pick<Product, 'extra'>, rule: Pick<PriceRule, 'saleStart' | 'saleEnd'>, now: number): { price: number; start: string; end: string } | undefined {
  const raw = product.extra['salePrice'] ?? product.extra['sale_price'];
  if (raw === undefined || raw.trim() === '') return undefined;
  const price = Number(raw.replace(',', '.'));
  if (!Number.isFinite(price) || price <= 0) return undefined;
  const start = Date.parse(product.extra['saleStart'] ?? product.extra['sale_start'] ?? rule.saleStart ?? '');
  const end = Date.parse(product.extra['saleEnd'] ?? product.extra['sale_end'] ?? rule.saleEnd ?? '');
  if (!Number.isFinite(start) || !Number.isFinite(end) || end <= start || end <= now) return undefined;
  return { price, start: new Date(start).toISOString(), end: new Date(end).toISOString() };
}

/** Apply a price rule's formula, rounding and minimum to a base price (catalog currency). */
function priceFrom(base: number, marketplaceId: string, rule: PriceRule): number | undefined {
  const rate = rule.currencyRates[marketplaceId] ?? 1;
  let amount = rule.source === 'formula' ? base * rate * (1 + rule.percent / 100) + rule.add : base * rate;
  amount = roundPrice(amount, rule.rounding);
  if (!Number.isFinite(amount) || amount < 0) return undefined;
  if (rule.min !== undefined && amount < rule.min) amount = rule.min;
  return Math.round(amount * 100) / 100;
}

/**
 * The sale price for a listing: the dated promotion through the same formula as the price.
 * Undefined for fixed prices, with promotions off, or when the promotion has no dates.
 */
export function computeSalePrice(product: Pick<Product, 'extra'>, listing: Pick<Listing, 'marketplaceId' | 'currency'>, rule: PriceRule, now: number): DesiredOffer['salePrice'] {
  if (rule.source === 'fixed' || !rule.usePromotion) return undefined;
  const currency = marketplaceById(listing.marketplaceId)?.currency ?? listing.currency;
  const window = promotionWindow(product, rule, now);
  if (!currency || !window) return undefined;
  const amount = priceFrom(window.price, listing.marketplaceId, rule);
  return amount === undefined ? undefined : { amount, currency, start: window.start, end: window.end };
}

/**
 * Price for a listing on its marketplace: catalog price (or the active promotion when it has no
 * dates; a dated one goes as the sale price instead), a fixed value,
 * or base × currency rate × (1 + percent/100) + add, rounded. Undefined when there is no base price.
 */
export function computePrice(product: Pick<Product, 'price' | 'extra'>, listing: Pick<Listing, 'marketplaceId' | 'currency'>, rule: PriceRule, now: number): DesiredOffer['price'] {
  const currency = marketplaceById(listing.marketplaceId)?.currency ?? listing.currency;
  if (!currency) return undefined;
  let amount: number | undefined;
  if (rule.source === 'fixed') {
    amount = rule.fixed;
  } else {
    // A dated promotion is the marketplace's sale price (computeSalePrice), not a new regular price.
    const promo = rule.usePromotion && !promotionWindow(product, rule, now) ? activePromotion(product, now) : undefined;
    const base = promo ?? product.price;
    if (base === undefined) return undefined;
    const rate = rule.currencyRates[listing.marketplaceId] ?? 1;
    amount = rule.source === 'formula' ? base * rate * (1 + rule.percent / 100) + rule.add : base * rate;
    amount = roundPrice(amount, rule.rounding);
  }
  if (amount === undefined || !Number.isFinite(amount) || amount < 0) return undefined;
  if (rule.min !== undefined && amount < rule.min) amount = rule.min;
  return { amount: Math.round(amount * 100) / 100, currency };
}

/** Account rules with a listing's override applied (override fields win). */
export function effectiveRules(settings: SyncSettings, override?: ListingOverride): { stock: StockRule; price: PriceRule } {
  return {
    stock: override?.stock ? StockRule.parse({ ...settings.stock, ...override.stock }) : settings.stock,
    price: override?.price ? PriceRule.parse({ ...settings.price, ...override.price }) : settings.price,
  };
}

/** Everything a listing should show, honouring the stock and price channels. */
export function desiredOffer(
  product: Product,
  listing: Pick<Listing, 'marketplaceId' | 'currency' | 'fulfillmentChannel'>,
  settings: SyncSettings,
  override: ListingOverride | undefined,
  now: number,
): DesiredOffer {
  if (override?.skip) return {};
  const rules = effectiveRules(settings, override);
  return {
    quantity: settings.channels.stock ? computeQuantity(product, listing, rules.stock) : undefined,
    price: settings.channels.price ? computePrice(product, listing, rules.price, now) : undefined,
    salePrice: settings.channels.price ? computeSalePrice(product, listing, rules.price, now) : undefined,
  };
}
