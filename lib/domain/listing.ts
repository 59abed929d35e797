import { z } from 'zod';

export const FulfillmentChannel = z.enum(['MFN', 'AFN', 'UNKNOWN']);
export type FulfillmentChannel = z.infer<typeof FulfillmentChannel>;

/** A marketplace listing (one seller SKU on one marketplace). */
export const Listing = z.object({
  /** `${marketplaceId}:${sku}`: the same SKU on two marketplaces is two listings. */
  id: z.string(),
  marketplaceId: z.string(),
  sku: z.string().min(1).max(200),
  asin: z.string().optional(),
  title: z.string().max(2000).optional(),
  /** The listing's description as the listings report gives it (tags removed); the matcher reads it. */
  description: z.string().max(4000).optional(),
  price: z.number().nonnegative().optional(),
  currency: z.string().optional(),
  quantity: z.number().int().optional(),
  fulfillmentChannel: FulfillmentChannel,
  status: z.string().max(100).optional(),
  /** Canonical GTIN-14 when the marketplace told us the product id. */
  gtin: z.string().optional(),
  /** Where we learnt of it: a Seller Central page, a listings report, the Listings API, a mapping CSV the seller imported. */
  source: z.enum(['page', 'report', 'api', 'import']),
  firstSeenAt: z.number(),
  lastSeenAt: z.number(),
});
export type Listing = z.infer<typeof Listing>;

export function listingId(marketplaceId: string, sku: string): string {
  return `${marketplaceId}:${sku}`;
}
