import { describe, expect, it } from 'vitest';
import type { Product } from '../domain/catalog';
import { activePromotion, computePrice, computeQuantity, computeSalePrice, desiredOffer, roundPrice } from './rules';
import { PriceRule, StockRule, SyncSettings } from './schemas';

const product = (p: Partial<Product> = {}): Product => ({
  sku: 'P1', title: 'T', stock: { main: 10, north: 5, south: 3 }, extra: {}, active: true, origin: 'bigcommerce', createdAt: 0, updatedAt: 0, price: 20, ...p,
});
const US = 'ATVPDKIKX0DER';
const DE = 'A1PA6795UKMFR9';
const now = Date.UTC(2026, 5, 1);

describe('computeQuantity', () => {
  it('sums the chosen warehouses, subtracts the buffer and caps', () => {
    expect(computeQuantity(product(), { fulfillmentChannel: 'MFN' }, StockRule.parse({ warehouses: ['main', 'north'], buffer: 2 }))).toBe(13);
    expect(computeQuantity(product(), { fulfillmentChannel: 'MFN' }, StockRule.parse({ buffer: 2, max: 7 }))).toBe(7);
    expect(computeQuantity(product(), { fulfillmentChannel: 'MFN' }, StockRule.parse({}))).toBe(18);
  });
  it('never goes below 0, gives 0 for inactive products and nothing for FBA', () => {
    expect(computeQuantity(product(), { fulfillmentChannel: 'MFN' }, StockRule.parse({ warehouses: ['south'], buffer: 5 }))).toBe(0);
    expect(computeQuantity(product({ active: false }), { fulfillmentChannel: 'MFN' }, StockRule.parse({}))).toBe(0);
    expect(computeQuantity(product(), { fulfillmentChannel: 'AFN' }, StockRule.parse({}))).toBeUndefined();
    expect(computeQuantity(product(), { fulfillmentChannel: 'MFN' }, StockRule.parse({ source: 'fixed', fixed: 4 }))).toBe(4);
  });
});

describe('prices', () => {
  it('rounds to .99 endings at or below the value', () => {
    expect(roundPrice(23.4, '.99')).toBe(22.99);
    expect(roundPrice(23.99, '.99')).toBe(23.99);
    expect(roundPrice(0.5, '.99')).toBe(0.99);
    expect(roundPrice(23.4, '.00')).toBe(23);
    expect(roundPrice(23.456, 'none')).toBe(23.46);
  });
  it('applies the formula with a currency rate per marketplace and the marketplace currency', () => {
    const rule = PriceRule.parse({ source: 'formula', percent: 10, add: 1, rounding: '.99', currencyRates: { [DE]: 0.9 } });
    // 20 × 0.9 × 1.1 + 1 = 20.8 → 19.99
    expect(computePrice(product(), { marketplaceId: DE }, rule, now)).toEqual({ amount: 19.99, currency: 'EUR' });
    expect(computePrice(product(), { marketplaceId: US }, rule, now)).toEqual({ amount: 22.99, currency: 'USD' });
    expect(computePrice(product({ price: undefined }), { marketplaceId: US }, rule, now)).toBeUndefined();
    expect(computePrice(product(), { marketplaceId: US }, PriceRule.parse({ source: 'fixed', fixed: 9.5 }), now)).toEqual({ amount: 9.5, currency: 'USD' });
  });
  it('uses the promotional price only between its dates', () => {
    const p = product({ extra: { salePrice: '15', saleStart: '2026-05-01', saleEnd: '2026-05-31' } });
    expect(activePromotion(p, Date.UTC(2026, 4, 10))).toBe(15);
    expect(activePromotion(p, now)).toBeUndefined();
    // Without dates the promotion replaces the price (nothing tells the marketplace when it ends).
    const undated = product({ extra: { salePrice: '15' } });
    expect(computePrice(undated, { marketplaceId: US }, PriceRule.parse({}), Date.UTC(2026, 4, 10))?.amount).toBe(15);
    expect(computePrice(undated, { marketplaceId: US }, PriceRule.parse({ usePromotion: false }), Date.UTC(2026, 4, 10))?.amount).toBe(20);
    expect(computeSalePrice(undated, { marketplaceId: US }, PriceRule.parse({}), Date.UTC(2026, 4, 10))).toBeUndefined();
  });
  it('sends a dated promotion as the sale price beside the regular price, through the same formula, until it ends', () => {
    const p = product({ extra: { salePrice: '15', saleStart: '2026-05-01', saleEnd: '2026-05-31' } });
    const before = Date.UTC(2026, 3, 20);
    expect(computePrice(p, { marketplaceId: US }, PriceRule.parse({}), before)).toEqual({ amount: 20, currency: 'USD' });
    expect(computeSalePrice(p, { marketplaceId: US }, PriceRule.parse({}), before)).toEqual({ amount: 15, currency: 'USD', start: '2026-05-01T00:00:00.000Z', end: '2026-05-31T00:00:00.000Z' });
    expect(computePrice(p, { marketplaceId: US }, PriceRule.parse({}), Date.UTC(2026, 4, 10))).toEqual({ amount: 20, currency: 'USD' });
    expect(computeSalePrice(p, { marketplaceId: US }, PriceRule.parse({ source: 'formula', percent: 10, rounding: '.99' }), before)?.amount).toBe(15.99);
    expect(computeSalePrice(p, { marketplaceId: US }, PriceRule.parse({}), now)).toBeUndefined(); // over
    expect(computeSalePrice(p, { marketplaceId: US }, PriceRule.parse({ usePromotion: false }), before)).toBeUndefined();
    // BigCommerce gives a sale price without dates: the seller's rule dates apply.
    const bc = product({ extra: { salePrice: '12.5' } });
    const rule = PriceRule.parse({ saleStart: '2026-06-10T00:00:00Z', saleEnd: '2026-06-20T00:00:00Z' });
    expect(computePrice(bc, { marketplaceId: US }, rule, now)?.amount).toBe(20);
    expect(computeSalePrice(bc, { marketplaceId: US }, rule, now)).toMatchObject({ amount: 12.5, start: '2026-06-10T00:00:00.000Z', end: '2026-06-20T00:00:00.000Z' });
  });
});

describe('desiredOffer', () => {
  it('honours channel toggles and per-listing overrides', () => {
    const s = SyncSettings.parse({ channels: { price: false } });
    expect(desiredOffer(product(), { marketplaceId: US, fulfillmentChannel: 'MFN' }, s, undefined, now)).toEqual({ quantity: 18, price: undefined });
    const s2 = SyncSettings.parse({});
    expect(desiredOffer(product(), { marketplaceId: US, fulfillmentChannel: 'MFN' }, s2, { stock: { source: 'fixed', fixed: 2 } }, now)).toEqual({ quantity: 2, price: { amount: 20, currency: 'USD' } });
    expect(desiredOffer(product(), { marketplaceId: US, fulfillmentChannel: 'MFN' }, s2, { skip: true }, now)).toEqual({});
  });
});
