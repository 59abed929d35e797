import { describe, expect, it } from 'vitest';
import { mapProduct, parseExternalId, stockFromInventory, toCreateOrderBody, toCreateProductBody } from './mapping';
import { BcProduct } from './schemas';

const simple = BcProduct.parse({ id: 7, name: 'Cast Iron Skillet', sku: 'SKL-7', price: 39.5, upc: '036000291452', gtin: '', mpn: 'OAK123', brand_id: 4, is_visible: true, inventory_tracking: 'product', variants: [{ id: 70, product_id: 7, sku: 'SKL-7', price: null, option_values: [] }] });
const withOptions = BcProduct.parse({
  id: 8,
  name: 'Yoga Mat',
  sku: 'YGM-8',
  price: 20,
  gtin: '',
  upc: '',
  mpn: 'M8',
  variants: [
    { id: 81, product_id: 8, sku: 'YGM-8-BLA', price: null, calculated_price: 20, gtin: '4006381333931', upc: '', mpn: '', option_values: [{ label: 'Black', option_display_name: 'Color' }] },
    { id: 82, product_id: 8, sku: 'YGM-8-RED', price: 22, gtin: '4006381333932', upc: '', mpn: 'M8-R', option_values: [{ label: 'Red', option_display_name: 'Color' }] },
    { id: 83, product_id: 8, sku: '', price: 22, option_values: [{ label: 'Sand', option_display_name: 'Color' }] },
  ],
});

describe('BigCommerce mapping', () => {
  it('maps a product without options to one SKU with a canonical GTIN from its UPC', () => {
    const stock = stockFromInventory([{ identity: { sku: 'skl-7' }, locations: [{ location_id: 1, location_code: 'MAIN', available_to_sell: 4, total_inventory_onhand: 6 }, { location_id: 2, available_to_sell: 1 }] }]);
    const { products, skipped } = mapProduct(simple, stock, { currency: 'USD' });
    expect(skipped).toEqual([]);
    expect(products).toEqual([
      {
        sku: 'SKL-7',
        title: 'Cast Iron Skillet',
        price: 39.5,
        currency: 'USD',
        mpn: 'OAK123',
        gtin: '00036000291452',
        gtinRaw: '036000291452',
        stock: { MAIN: 4, '2': 1 },
        extra: { bigcommerce_product_id: '7', bigcommerce_brand_id: '4', inventory_tracking: 'product', upc: '036000291452' },
        active: true,
        origin: 'bigcommerce',
        externalId: 'p7',
      },
    ]);
  });

  it('maps each option variant to its own SKU, price and barcode; keeps bad barcodes raw only; skips SKU-less variants', () => {
    const { products, skipped } = mapProduct(withOptions, new Map());
    expect(products.map((p) => [p.sku, p.externalId, p.title, p.price, p.gtin, p.gtinRaw, p.mpn])).toEqual([
      ['YGM-8-BLA', 'p8/v81', 'Yoga Mat (Black)', 20, '04006381333931', '4006381333931', 'M8'],
      ['YGM-8-RED', 'p8/v82', 'Yoga Mat (Red)', 22, undefined, '4006381333932', 'M8-R'],
    ]);
    expect(products[0]!.extra.options).toBe('Color: Black');
    expect(skipped).toEqual(['p8/v83']);
    expect(parseExternalId('p8/v82')).toEqual({ productId: 8, variantId: 82 });
    expect(parseExternalId('p8')).toEqual({ productId: 8, variantId: undefined });
    expect(parseExternalId('8/82')).toBeUndefined();
  });

  it('builds createProduct bodies with the required fields and the barcode in the right field', () => {
    expect(toCreateProductBody({ sku: 'A', title: 'Mug', price: 5, gtin: '00036000291452', brand: 'Kiln' })).toEqual({ name: 'Mug', type: 'physical', sku: 'A', weight: 0, price: 5, inventory_tracking: 'product', is_visible: false, brand_name: 'Kiln', upc: '036000291452' });
    expect(toCreateProductBody({ sku: 'B', title: 'Tea', gtin: '04006381333931' })).toMatchObject({ gtin: '4006381333931', price: 0 });
    expect(toCreateProductBody({ sku: 'B', title: 'Tea', gtin: '04006381333931' })).not.toHaveProperty('upc');
  });

  it('builds a createOrder body keyed by the marketplace order id', () => {
    const body = toCreateOrderBody(
      { externalOrderId: '111-1', channel: 'Amazon', createdAt: '2026-01-15T09:30:00Z', lines: [{ productSku: 'A', quantity: 2, unitPrice: { amount: 9.5, currency: 'EUR' } }, { productSku: 'Z', quantity: 1 }], shipTo: { name: 'Jane Doe', postalCode: '10115', countryCode: 'DE' } },
      new Map([['A', { productId: 8, variantId: 81 }], ['Z', undefined]]),
      { statusId: 9 },
    );
    expect(body).toMatchObject({
      status_id: 9,
      external_order_id: '111-1',
      date_created: 'Thu, 15 Jan 2026 09:30:00 +0000',
      default_currency_code: 'EUR',
      billing_address: { first_name: 'Jane', last_name: 'Doe', zip: '10115', country_iso2: 'DE' },
      products: [{ product_id: 8, variant_id: 81, quantity: 2, price_inc_tax: 9.5, price_ex_tax: 9.5 }, { name: 'Z', sku: 'Z', quantity: 1, price_inc_tax: 0, price_ex_tax: 0 }],
    });
    expect(body.staff_notes).toContain('111-1');
    expect(body.shipping_addresses).toHaveLength(1);
  });
});
