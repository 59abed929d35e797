/**
 * Default SP-API usage plans (requests per second / burst), read from the "Usage Plan" tables of
 * the official models (see /work/shared/docs/AMAZON-FACTS.md). The client and the sandbox both use
 * this table, so the sandbox throttles exactly where Amazon would.
 */
import type { RateLimit } from './token-bucket';

/** Published rate and burst per SP-API operation id. */
export const SP_API_RATE_LIMITS: Readonly<Record<string, RateLimit>> = {
  getListingsItem: { rate: 5, burst: 10 },
  patchListingsItem: { rate: 5, burst: 5 },
  deleteListingsItem: { rate: 5, burst: 5 },
  putListingsItem: { rate: 5, burst: 10 },
  searchListingsItems: { rate: 5, burst: 5 },
  createFeed: { rate: 0.0083, burst: 15 },
  createFeedDocument: { rate: 0.5, burst: 15 },
  getFeed: { rate: 2, burst: 15 },
  getFeeds: { rate: 0.0222, burst: 10 },
  getFeedDocument: { rate: 0.0222, burst: 10 },
  createReport: { rate: 0.0167, burst: 15 },
  getReport: { rate: 2, burst: 15 },
  getReports: { rate: 0.0222, burst: 10 },
  getReportDocument: { rate: 0.0167, burst: 15 },
  searchOrders: { rate: 0.0056, burst: 20 },
  getOrder: { rate: 0.5, burst: 30 },
  confirmShipment: { rate: 2, burst: 10 },
  searchCatalogItems: { rate: 2, burst: 2 },
  getCatalogItem: { rate: 2, burst: 2 },
};
