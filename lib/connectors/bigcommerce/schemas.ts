/**
 * The BigCommerce answers the connector reads, as zod schemas (only the fields it uses).
 * Written from the official files in shared/contracts/bigcommerce: products_catalog.v3.yml
 * (product_Full), product-variants_catalog.v3.yml (productVariant_Full), inventory.v3.yml
 * (ItemResponse, SimpleTransactionResponse) and orders.v2.oas2.yml (order_Resp).
 * Fields the spec marks nullable, or that stores leave out, are optional here.
 */
import { z } from 'zod';

/** v3 `meta.pagination` (pagination_Full / Meta.pagination). */
export const BcPagination = z.object({
  total: z.number().int().nonnegative(),
  count: z.number().int().nonnegative(),
  per_page: z.number().int().positive(),
  current_page: z.number().int().positive(),
  total_pages: z.number().int().nonnegative(),
});
export type BcPagination = z.infer<typeof BcPagination>;

const optionalText = z.string().nullable().optional();

/** One option value of a variant (`Color: Black`); empty for a product's base variant. */
export const BcOptionValue = z.object({
  id: z.number().int().optional(),
  option_id: z.number().int().optional(),
  label: z.string(),
  option_display_name: z.string().optional(),
});

/** productVariant_Full: a variant with its own SKU, price and identifiers. */
export const BcVariant = z.object({
  id: z.number().int(),
  product_id: z.number().int(),
  sku: z.string(),
  price: z.number().nullable().optional(),
  calculated_price: z.number().optional(),
  sale_price: z.number().nullable().optional(),
  upc: optionalText,
  gtin: optionalText,
  mpn: optionalText,
  inventory_level: z.number().int().optional(),
  option_values: z.array(BcOptionValue).optional().default([]),
});
export type BcVariant = z.infer<typeof BcVariant>;

/** product_Full, with `variants` when requested with `include=variants`. */
export const BcProduct = z.object({
  id: z.number().int(),
  name: z.string(),
  type: z.string().optional(),
  sku: z.string().optional().default(''),
  price: z.number(),
  calculated_price: z.number().optional(),
  sale_price: z.number().nullable().optional(),
  upc: optionalText,
  gtin: optionalText,
  mpn: optionalText,
  brand_id: z.number().int().nullable().optional(),
  is_visible: z.boolean().optional(),
  inventory_tracking: z.enum(['none', 'product', 'variant']).optional(),
  inventory_level: z.number().int().optional(),
  base_variant_id: z.number().int().nullable().optional(),
  variants: z.array(BcVariant).optional(),
});
export type BcProduct = z.infer<typeof BcProduct>;

/** getProducts: a page of products. */
export const BcProductPage = z.object({ data: z.array(BcProduct), meta: z.object({ pagination: BcPagination }) });

/** createProduct / getProduct: one product. */
export const BcProductResponse = z.object({ data: BcProduct });

/** getVariants: a page of variants. */
export const BcVariantPage = z.object({ data: z.array(BcVariant), meta: z.object({ pagination: BcPagination }) });

/** ItemResponse: one inventory item with its stock per location. */
export const BcInventoryItem = z.object({
  identity: z.object({
    sku: z.string().optional(),
    variant_id: z.number().int().optional(),
    product_id: z.number().int().optional(),
  }),
  locations: z.array(
    z.object({
      location_id: z.number().int(),
      location_code: z.string().optional(),
      location_name: z.string().optional(),
      available_to_sell: z.number().int().optional(),
      total_inventory_onhand: z.number().int().optional(),
    }),
  ),
});
export type BcInventoryItem = z.infer<typeof BcInventoryItem>;

/** get-inventory-items: a page of inventory items. */
export const BcInventoryPage = z.object({ data: z.array(BcInventoryItem), meta: z.object({ pagination: BcPagination }) });

/** SimpleTransactionResponse of the adjustment endpoints. */
export const BcTransaction = z.object({ transaction_id: z.string().optional() });

/** order_Resp (the fields the connector reads). */
export const BcOrder = z.object({
  id: z.number().int(),
  status_id: z.number().int().optional(),
  external_order_id: z.string().nullable().optional(),
  external_source: z.string().nullable().optional(),
  staff_notes: z.string().nullable().optional(),
  date_modified: z.string().optional(),
});
export type BcOrder = z.infer<typeof BcOrder>;

/** getOrders: a list of orders; absent when the API answers 204 No Content (nothing matched). */
export const BcOrderList = z.array(BcOrder).optional();

/** orderShipment (getOrderShipments): one package with its tracking and order lines. */
export const BcShipment = z.object({
  id: z.number().int(),
  order_id: z.number().int(),
  date_created: z.string().optional(),
  tracking_number: z.string().optional().default(''),
  shipping_provider: z.string().optional().default(''),
  tracking_carrier: z.string().optional().default(''),
  shipping_provider_display_name: z.string().optional(),
  items: z.array(z.object({ order_product_id: z.number().int(), product_id: z.number().int().optional(), quantity: z.number().int() })).default([]),
});
export type BcShipment = z.infer<typeof BcShipment>;

/** getOrderShipments: absent when the API answers 204 No Content (no shipments). */
export const BcShipmentList = z.array(BcShipment).optional();

/** orderProducts (getOrderProducts): the line a shipment item points to, with its SKU. */
export const BcOrderProduct = z.object({
  id: z.number().int(),
  order_id: z.number().int().optional(),
  product_id: z.number().int().optional(),
  variant_id: z.number().int().nullable().optional(),
  sku: z.string().optional().default(''),
  quantity: z.number().int().optional(),
});

/** getOrderProducts: absent on 204 No Content. */
export const BcOrderProductList = z.array(BcOrderProduct).optional();
