import { z } from 'zod';

/** How a link came to be: the seller's click, an automatic identifier match, an accepted suggestion or a CSV mapping. */
export const LinkMethod = z.enum(['manual', 'auto-sku', 'auto-gtin', 'auto-asin', 'suggestion', 'import']);
export type LinkMethod = z.infer<typeof LinkMethod>;

/** A listing linked to the catalog product it sells. One link per listing. */
export const Link = z.object({
  listingId: z.string(),
  marketplaceId: z.string(),
  listingSku: z.string(),
  asin: z.string().optional(),
  productSku: z.string(),
  method: LinkMethod,
  createdAt: z.number(),
});
export type Link = z.infer<typeof Link>;

/** One entry of link history: who, what, when. `batchId` groups a bulk action so it can be undone. */
export const LinkEvent = z.object({
  id: z.number().optional(),
  at: z.number(),
  action: z.enum(['link', 'unlink', 'reject']),
  method: z.union([LinkMethod, z.enum(['unlink', 'unlink-all', 'undo', 'reject'])]),
  actor: z.enum(['seller', 'auto', 'import']),
  listingId: z.string(),
  productSku: z.string(),
  batchId: z.string().optional(),
});
export type LinkEvent = z.infer<typeof LinkEvent>;

/** What a listing row shows on the page. */
export const RowState = z.enum(['linked', 'unlinked', 'suggested', 'error']);
export type RowState = z.infer<typeof RowState>;

/** Result of a bulk auto-link. */
export const AutoLinkSummary = z.object({
  linked: z.number().int(),
  alreadyLinked: z.number().int(),
  noMatch: z.number().int(),
  ambiguous: z.number().int(),
  batchId: z.string().optional(),
});
export type AutoLinkSummary = z.infer<typeof AutoLinkSummary>;
