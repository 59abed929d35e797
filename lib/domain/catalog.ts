import { z } from 'zod';

/** Where a catalog product came from. */
export const ProductOrigin = z.enum(['csv', 'amazon', 'bigcommerce', 'manual']);
export type ProductOrigin = z.infer<typeof ProductOrigin>;

/**
 * A product of the seller's catalog (ERP, shop or CSV). Keyed by the catalog SKU:
 * importing again updates by SKU and never duplicates.
 */
export const Product = z.object({
  sku: z.string().min(1).max(200),
  title: z.string().max(2000),
  brand: z.string().max(200).optional(),
  /** GTIN in canonical 14-digit form (UPC-A, EAN-13 and GTIN-8 all padded), when known and valid. */
  gtin: z.string().regex(/^\d{14}$/).optional(),
  /** The identifier as the catalog wrote it (EAN/UPC/ISBN). */
  gtinRaw: z.string().max(40).optional(),
  asin: z.string().optional(),
  mpn: z.string().max(200).optional(),
  price: z.number().nonnegative().optional(),
  currency: z.string().length(3).optional(),
  /** Stock by warehouse / location name. */
  stock: z.record(z.string(), z.number().int()),
  /** Any other columns the seller mapped, kept as text. */
  extra: z.record(z.string(), z.string()),
  active: z.boolean(),
  origin: ProductOrigin,
  /** Id in the external catalog system, where there is one (BigCommerce product/variant id). */
  externalId: z.string().optional(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type Product = z.infer<typeof Product>;

/** Total stock of a product over the given warehouses (all when none are given). */
export function totalStock(p: Pick<Product, 'stock'>, warehouses?: readonly string[]): number {
  const names = warehouses && warehouses.length ? warehouses : Object.keys(p.stock);
  return names.reduce((sum, w) => sum + (p.stock[w] ?? 0), 0);
}
