import { describe, expect, it } from 'vitest';
import { buildListingsFeed, offerPatches, resultsFromProcessingReport } from './feed';

describe('JSON_LISTINGS_FEED', () => {
  const updates = [
    { marketplaceId: 'ATVPDKIKX0DER', sku: 'A', price: { amount: 9.99, currency: 'USD' }, quantity: 4 },
    { marketplaceId: 'ATVPDKIKX0DER', sku: 'B', quantity: 0 },
    { marketplaceId: 'ATVPDKIKX0DER', sku: 'C', price: { amount: 1, currency: 'USD' } },
  ];

  it('builds price and quantity patches', () => {
    expect(offerPatches(updates[0]!)).toEqual([
      { op: 'replace', path: '/attributes/purchasable_offer', value: [{ marketplace_id: 'ATVPDKIKX0DER', currency: 'USD', our_price: [{ schedule: [{ value_with_tax: 9.99 }] }] }] },
      { op: 'replace', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity: 4 }] },
    ]);
    const feed = buildListingsFeed('S1', updates);
    expect(feed.messages.map((m) => [m.messageId, m.sku, m.productType])).toEqual([[1, 'A', 'PRODUCT'], [2, 'B', 'PRODUCT'], [3, 'C', 'PRODUCT']]);
  });

  it('maps issues back to SKUs through messageId', () => {
    const results = resultsFromProcessingReport(updates, {
      header: { sellerId: 'S1', version: '2.0' },
      issues: [
        { messageId: 2, sku: 'B', code: '90220', message: "'x' is required but not supplied.", severity: 'ERROR', attributeName: 'x' },
        { messageId: 3, code: '18xxx', message: 'just a warning', severity: 'WARNING' },
      ],
      summary: { errors: 1, warnings: 1, messagesProcessed: 3, messagesAccepted: 2, messagesInvalid: 1 },
    });
    expect(results.map((r) => r.status)).toEqual(['accepted', 'invalid', 'accepted']);
    expect(results[1]!.issues[0]).toEqual({ code: '90220', message: "'x' is required but not supplied.", severity: 'ERROR', attributeNames: ['x'] });
    expect(results[2]!.issues).toHaveLength(1);
  });

  it('puts a sale price as the discounted_price schedule beside our_price, in patches and feed messages', () => {
    const u = { marketplaceId: 'ATVPDKIKX0DER', sku: 'S', price: { amount: 20, currency: 'USD' }, salePrice: { amount: 15, currency: 'USD', start: '2026-05-01T00:00:00.000Z', end: '2026-05-31T00:00:00.000Z' } };
    const offer = { marketplace_id: 'ATVPDKIKX0DER', currency: 'USD', our_price: [{ schedule: [{ value_with_tax: 20 }] }], discounted_price: [{ schedule: [{ value_with_tax: 15, start_at: '2026-05-01T00:00:00.000Z', end_at: '2026-05-31T00:00:00.000Z' }] }] };
    expect(offerPatches(u)).toEqual([{ op: 'replace', path: '/attributes/purchasable_offer', value: [offer] }]);
    expect(buildListingsFeed('S1', [u]).messages[0]!.patches).toEqual([{ op: 'replace', path: '/attributes/purchasable_offer', value: [offer] }]);
  });
});
