/**
 * Job "listings": download every listing of each marketplace of the account into `listings`
 * (one marketplace per step: the connector's report download is one network call).
 */
import type { MarketplaceListing } from '../../connectors/types';
import { listingId, type Listing } from '../../domain/listing';
import type { RunContext } from '../context';

/** Canonical GTIN-14 of a marketplace product id when it is an EAN/UPC/GTIN/ISBN-13 of valid length. */
export function gtinOf(productId: string | undefined, productIdType: string | undefined): string | undefined {
  if (!productId) return undefined;
  const type = (productIdType ?? '').toUpperCase();
  if (type && !['EAN', 'UPC', 'GTIN', 'ISBN', '1', '2', '3', '4'].includes(type)) return undefined;
  const digits = productId.trim();
  if (!/^\d{8}$|^\d{12,14}$/.test(digits)) return undefined;
  return digits.padStart(14, '0');
}

/** A downloaded listing as a local Listing row, keeping when we first saw it. */
export function toListing(l: MarketplaceListing, existing: Listing | undefined, now: number): Listing {
  return {
    id: listingId(l.marketplaceId, l.sku),
    marketplaceId: l.marketplaceId,
    sku: l.sku,
    asin: l.asin,
    title: l.title,
    description: l.description,
    price: l.price,
    currency: l.currency,
    quantity: l.quantity,
    fulfillmentChannel: l.fulfillmentChannel,
    status: l.status,
    gtin: gtinOf(l.productId, l.productIdType) ?? existing?.gtin,
    source: 'report',
    firstSeenAt: existing?.firstSeenAt ?? now,
    lastSeenAt: now,
  };
}

/** Run (or resume) the listings download. */
export async function runListingsJob(ctx: RunContext): Promise<void> {
  const { db } = ctx;
  const ids = ctx.settings.marketplaceIds;
  let index = (ctx.cp.cursor['index'] as number | undefined) ?? 0;
  while (index < ids.length) {
    ctx.checkAbort();
    const marketplaceId = ids[index]!;
    const listings = await ctx.deps.marketplace.downloadListings(marketplaceId, ctx.signal);
    index += 1;
    await ctx.commit('marketplaces', { index }, {
      tables: [db.listings],
      progress: { phase: 'listings', done: index, total: ids.length },
      work: async () => {
        const now = ctx.now;
        const existing = await db.listings.bulkGet(listings.map((l) => listingId(l.marketplaceId, l.sku)));
        const rows = listings.map((l, i) => {
          ctx.count(existing[i] ? 'updated' : 'created');
          return toListing(l, existing[i], now);
        });
        await db.listings.bulkPut(rows);
      },
    });
  }
}
