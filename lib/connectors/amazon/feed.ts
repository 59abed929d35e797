/**
 * JSON_LISTINGS_FEED: build the feed document for price/quantity changes and read the
 * processing report back into per-SKU results (issues mapped through messageId).
 */
import type { ItemIssue, OfferUpdate, OfferUpdateResult } from '../types';
import type { ListingsFeedProcessingReport, PatchOperation } from './schemas';

/** JSON Patch operations that set price and sale price (purchasable_offer) and/or MFN quantity (fulfillment_availability). */
export function offerPatches(update: OfferUpdate): PatchOperation[] {
  const patches: PatchOperation[] = [];
  if (update.price) {
    patches.push({
      op: 'replace',
      path: '/attributes/purchasable_offer',
      value: [
        {
          marketplace_id: update.marketplaceId,
          currency: update.price.currency,
          our_price: [{ schedule: [{ value_with_tax: update.price.amount }] }],
          // The sale price is a schedule beside our_price; without it a replace ends any sale.
          ...(update.salePrice
            ? { discounted_price: [{ schedule: [{ value_with_tax: update.salePrice.amount, start_at: update.salePrice.start, end_at: update.salePrice.end }] }] }
            : {}),
        },
      ],
    });
  }
  if (update.quantity !== undefined) {
    patches.push({
      op: 'replace',
      path: '/attributes/fulfillment_availability',
      value: [{ fulfillment_channel_code: 'DEFAULT', quantity: Math.max(0, Math.trunc(update.quantity)) }],
    });
  }
  return patches;
}

/** A JSON_LISTINGS_FEED document (listings-feed-schema-v2). */
export interface ListingsFeedDocument {
  header: { sellerId: string; version: '2.0'; issueLocale?: string };
  messages: {
    messageId: number;
    sku: string;
    operationType: 'PATCH';
    productType: string;
    patches: PatchOperation[];
  }[];
}

/** Build a feed of PATCH messages, messageId = index + 1 (used to map the report back). */
export function buildListingsFeed(sellerId: string, updates: readonly OfferUpdate[], issueLocale = 'en_US'): ListingsFeedDocument {
  return {
    header: { sellerId, version: '2.0', issueLocale },
    messages: updates.map((u, i) => ({
      messageId: i + 1,
      sku: u.sku,
      operationType: 'PATCH' as const,
      productType: u.productType ?? 'PRODUCT',
      patches: offerPatches(u),
    })),
  };
}

/**
 * Per-update results from a processing report: a message with an ERROR issue is 'invalid';
 * warnings travel with an 'accepted' result. Issues without messageId are matched by SKU.
 */
export function resultsFromProcessingReport(updates: readonly OfferUpdate[], report: ListingsFeedProcessingReport): OfferUpdateResult[] {
  const byMessage = new Map<number, ItemIssue[]>();
  const bySku = new Map<string, ItemIssue[]>();
  for (const issue of report.issues) {
    const item: ItemIssue = { code: issue.code, message: issue.message, severity: issue.severity };
    if (issue.attributeName) item.attributeNames = [issue.attributeName];
    if (issue.messageId !== undefined) byMessage.set(issue.messageId, [...(byMessage.get(issue.messageId) ?? []), item]);
    else if (issue.sku) bySku.set(issue.sku, [...(bySku.get(issue.sku) ?? []), item]);
  }
  return updates.map((u, i) => {
    const issues = [...(byMessage.get(i + 1) ?? []), ...(bySku.get(u.sku) ?? [])];
    return {
      sku: u.sku,
      marketplaceId: u.marketplaceId,
      status: issues.some((x) => x.severity === 'ERROR') ? 'invalid' : 'accepted',
      issues,
    };
  });
}
