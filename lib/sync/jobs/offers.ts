/**
 * Job "offers": push price and stock of linked listings whose computed value changed since the
 * last accepted push. Many changes go in chunks (≤ 25,000 messages, ≤ 10 MiB, ≤ 5 feed submissions
 * per 5 minutes per region); a handful go one by one (the connector patches them).
 *
 * Crash safety: before a chunk is sent its values are recorded as `inflight` (intent); after the
 * connector answers, accepted values become `pushed` (done). The plan is recomputed on resume from
 * the current catalog state, so an in-flight chunk that never answered is simply sent again with
 * the values the final state requires (absolute values: sending twice is harmless).
 */
import type { OfferUpdate, OfferUpdateResult } from '../../connectors/types';
import type { Listing } from '../../domain/listing';
import type { RunContext } from '../context';
import { desiredOffer } from '../rules';
import { openReservations, withReservations } from '../stock';
import type { OfferRow, SyncSettings } from '../schemas';

/** One planned update and the listing it belongs to. */
export interface PlannedUpdate {
  listingId: string;
  productSku: string;
  update: OfferUpdate;
  /** Identity of the values sent (refusal memory). */
  key: string;
  /** Estimated size in a JSON_LISTINGS_FEED, bytes. */
  bytes: number;
}

const DAY = 24 * 3600 * 1000;
/** How long to wait before resending exactly the values the marketplace refused. */
export const REFUSED_RETRY_MS = DAY;

function sameMoney(a: { amount: number; currency: string } | undefined, b: { amount: number; currency: string } | undefined): boolean {
  return !!a && !!b && Math.abs(a.amount - b.amount) < 0.005 && a.currency === b.currency;
}

function sameSale(a: OfferUpdate['salePrice'], b: OfferUpdate['salePrice']): boolean {
  if (!a || !b) return !a && !b;
  return sameMoney(a, b) && Date.parse(a.start) === Date.parse(b.start) && Date.parse(a.end) === Date.parse(b.end);
}

/**
 * Compute the updates to send: for every linked listing of the account's marketplaces, the fields
 * whose desired value differs from what was last accepted (or, before any push, from what the
 * listings report showed).
 */
export async function planOfferUpdates(ctx: RunContext): Promise<{ plan: PlannedUpdate[]; unchanged: number; noProduct: number }> {
  const { db, tables, settings } = ctx;
  const marketplaces = new Set(settings.marketplaceIds);
  const links = (await db.links.toArray()).filter((k) => marketplaces.size === 0 || marketplaces.has(k.marketplaceId));
  const ids = links.map((k) => k.listingId);
  const [listings, products, offers] = await Promise.all([
    db.listings.bulkGet(ids),
    db.products.bulkGet(links.map((k) => k.productSku)),
    tables.offers.bulkGet(ids),
  ]);
  const now = ctx.now;
  const open = await openReservations(tables, now);
  const plan: PlannedUpdate[] = [];
  let unchanged = 0;
  let noProduct = 0;
  links.forEach((link, i) => {
    const listing: Listing | undefined = listings[i];
    const product = products[i];
    if (!product || !listing) {
      noProduct += 1;
      return;
    }
    const want = desiredOffer(withReservations(product, open), listing, settings, ctx.overrides[link.listingId], now);
    const offer: OfferRow | undefined = offers[i];
    const basePrice = offer?.pushed?.price ?? (listing.price !== undefined && want.price ? { amount: listing.price, currency: listing.currency ?? want.price.currency } : undefined);
    const baseQty = offer?.pushed && offer.pushed.quantity !== undefined ? offer.pushed.quantity : listing.quantity;
    const update: OfferUpdate = { marketplaceId: listing.marketplaceId, sku: listing.sku };
    // The sale price travels inside the price attribute: a change of either resends both.
    const saleChanged = !sameSale(want.salePrice, offer?.pushed?.salePrice);
    if (want.price && (!sameMoney(want.price, basePrice) || saleChanged)) {
      update.price = want.price;
      if (want.salePrice) update.salePrice = want.salePrice;
    }
    if (want.quantity !== undefined && want.quantity !== baseQty) update.quantity = want.quantity;
    if (!update.price && update.quantity === undefined) {
      unchanged += 1;
      return;
    }
    // The listings report told us who fulfils it: the connector needs no lookup before a quantity.
    if (listing.fulfillmentChannel === 'MFN' || listing.fulfillmentChannel === 'AFN') update.fulfillmentChannel = listing.fulfillmentChannel;
    const sale = update.salePrice;
    const key = JSON.stringify([update.price?.amount, update.price?.currency, update.quantity, ...(sale ? [sale.amount, sale.start, sale.end] : [])]);
    if (offer?.refused?.key === key && now - offer.refused.at < REFUSED_RETRY_MS) {
      unchanged += 1;
      return;
    }
    plan.push({ listingId: link.listingId, productSku: link.productSku, update, key, bytes: estimateFeedMessageBytes(update) });
  });
  return { plan, unchanged, noProduct };
}

/** Approximate bytes of one JSON_LISTINGS_FEED PATCH message for this update. */
export function estimateFeedMessageBytes(u: OfferUpdate): number {
  // messageId, sku, operationType, productType, patches with purchasable_offer / fulfillment_availability.
  // Measured on the connector's buildListingsFeed: ~90 bytes of envelope, the SKU (JSON-escaped),
  // ~175 for purchasable_offer and ~125 for fulfillment_availability; rounded up.
  let n = 100 + u.sku.length * 1.2;
  if (u.price) n += 180;
  if (u.salePrice) n += 130;
  if (u.quantity !== undefined) n += 130;
  return Math.ceil(n);
}

/** Split updates into chunks of at most `maxMessages` messages and `maxBytes` bytes (with a header margin). */
export function chunkUpdates<T extends { bytes: number }>(items: readonly T[], feeds: SyncSettings['feeds']): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  const limit = feeds.maxBytes - 4096;
  for (const it of items) {
    if (current.length > 0 && (current.length >= feeds.maxMessages || bytes + it.bytes > limit)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(it);
    bytes += it.bytes;
  }
  if (current.length) chunks.push(current);
  return chunks;
}

/** Wait until a feed submission is allowed (persisted sliding window), returning the waiting time. */
async function waitForFeedSlot(ctx: RunContext): Promise<number> {
  const { feeds } = ctx.settings;
  const windowMs = feeds.windowMinutes * 60_000;
  const row = await ctx.tables.feedLog.get(`feeds:${ctx.accountId}`);
  const recent = (row?.times ?? []).filter((t) => t > ctx.now - windowMs).sort((a, b) => a - b);
  if (recent.length < feeds.submissionsPerWindow) return 0;
  const wait = recent[recent.length - feeds.submissionsPerWindow]! + windowMs - ctx.now + 1;
  if (wait > 0) await ctx.deps.clock.sleep(wait, ctx.signal);
  return Math.max(0, wait);
}

/** Feed processing may take hours: the lease covers that before a bulk call. */
const BULK_LEASE_MS = 4 * 3600 * 1000;

/** Run (or resume) the price and stock push. */
export async function runOffersJob(ctx: RunContext): Promise<void> {
  const { tables, settings } = ctx;
  if (!settings.channels.stock && !settings.channels.price) return;
  const { plan, unchanged, noProduct } = await planOfferUpdates(ctx);
  if (!ctx.cp.cursor['planned']) {
    ctx.count('unchanged', unchanged);
    ctx.count('noProduct', noProduct);
  }
  const chunks = chunkUpdates(plan, settings.feeds);
  let sentSoFar = (ctx.cp.cursor['sent'] as number | undefined) ?? 0;
  const total = sentSoFar + plan.length;
  // Feeds take minutes to process whatever their size: up to `submissionsPerWindow` chunks are
  // in flight together (their intents are all written first, then they are sent side by side).
  const waveSize = Math.max(1, settings.feeds.submissionsPerWindow);
  for (let w = 0; w < chunks.length; w += waveSize) {
    const wave = chunks.slice(w, w + waveSize);
    for (const chunk of wave) {
      ctx.checkAbort();
      const bulk = chunk.length > settings.feeds.patchThreshold;
      if (bulk) ctx.count('feedWaitMs', await waitForFeedSlot(ctx));
      await writeIntent(ctx, chunk, bulk, { planned: true, sent: sentSoFar }, { phase: 'offers', done: sentSoFar, total });
    }
    const settled = await Promise.allSettled(wave.map((chunk) => ctx.deps.marketplace.updateOffers(chunk.map((c) => c.update), ctx.signal)));
    let failure: unknown;
    for (let i = 0; i < wave.length; i++) {
      const chunk = wave[i]!;
      const outcome = settled[i]!;
      if (outcome.status === 'rejected') {
        failure ??= outcome.reason;
        continue;
      }
      sentSoFar += chunk.length;
      // Done: accepted values become the baseline; refusals are logged against their listing.
      await ctx.commit('push', { planned: true, sent: sentSoFar }, {
        tables: [tables.offers],
        progress: { phase: 'offers', done: sentSoFar, total },
        work: async () => applyResults(ctx, chunk, outcome.value),
      });
      ctx.count(chunk.length > settings.feeds.patchThreshold ? 'feeds' : 'patchBatches');
    }
    if (failure !== undefined) throw failure;
  }
}

/** Record what a chunk is about to send (and the feed submission time, for the 5-per-5-minutes rule). */
async function writeIntent(ctx: RunContext, chunk: PlannedUpdate[], bulk: boolean, cursor: Record<string, unknown>, progress: { phase: string; done: number; total: number }): Promise<void> {
  const { tables, settings } = ctx;
  const runId = ctx.runId;
  await ctx.commit('push', cursor, {
    tables: [tables.offers],
    leaseMs: BULK_LEASE_MS,
    progress,
    work: async () => {
      const at = ctx.now;
      const existing = await tables.offers.bulkGet(chunk.map((c) => c.listingId));
      await tables.offers.bulkPut(
        chunk.map((c, i) => ({
          sends: 0,
          ...existing[i],
          listingId: c.listingId,
          marketplaceId: c.update.marketplaceId,
          sku: c.update.sku,
          productSku: c.productSku,
          inflight: { price: c.update.price, salePrice: c.update.salePrice, quantity: c.update.quantity, runId, at },
        })),
      );
      if (bulk) {
        const key = `feeds:${ctx.accountId}`;
        const row = await tables.feedLog.get(key);
        const windowMs = settings.feeds.windowMinutes * 60_000;
        await tables.feedLog.put({ jobId: key, times: [...(row?.times ?? []).filter((t) => t > at - windowMs), at] });
      }
    },
  });
}

async function applyResults(ctx: RunContext, chunk: PlannedUpdate[], results: OfferUpdateResult[]): Promise<void> {
  const { tables } = ctx;
  const byKey = new Map(results.map((r) => [`${r.marketplaceId}:${r.sku}`, r]));
  const existing = await tables.offers.bulkGet(chunk.map((c) => c.listingId));
  const at = ctx.now;
  const rows: OfferRow[] = chunk.map((c, i) => {
    const row = existing[i]!;
    const result = byKey.get(c.listingId);
    const next: OfferRow = { ...row, inflight: undefined, sends: (row.sends ?? 0) + 1 };
    if (result?.status === 'accepted') {
      next.pushed = {
        price: c.update.price ?? row.pushed?.price,
        // A price sent without a sale price ended the sale.
        salePrice: c.update.price ? c.update.salePrice : row.pushed?.salePrice,
        quantity: c.update.quantity ?? row.pushed?.quantity,
        at,
      };
      next.refused = undefined;
      ctx.count('accepted');
      if (c.update.price) ctx.count('prices');
      if (c.update.quantity !== undefined) ctx.count('quantities');
      for (const issue of result.issues) {
        if (issue.severity === 'ERROR') continue;
        ctx.log({ level: 'warning', subjectType: 'listing', subjectId: c.listingId, code: issue.code, message: issue.message, params: { attribute: issue.attributeNames?.join(', ') ?? '', sku: c.update.sku } });
      }
    } else {
      ctx.count(result ? 'refused' : 'unanswered');
      next.refused = result?.status === 'invalid' ? { key: c.key, at } : undefined;
      const issues = result?.issues.length ? result.issues : [{ code: 'offer_error', message: result ? `status ${result.status}` : 'no result for this SKU', severity: 'ERROR' as const }];
      for (const issue of issues) {
        ctx.log({
          level: issue.severity === 'ERROR' ? 'error' : 'warning',
          subjectType: 'listing',
          subjectId: c.listingId,
          code: issue.code,
          message: issue.message,
          params: { attribute: issue.attributeNames?.join(', ') ?? '', sku: c.update.sku },
        });
      }
    }
    return next;
  });
  await tables.offers.bulkPut(rows);
}
