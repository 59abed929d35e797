/**
 * Where SP-API and LWA live: one host per region, Amazon's sandbox hosts, or a custom base URL
 * (the local sandbox in tests/sandbox). The region of a marketplace comes from lib/domain.
 */
import { marketplaceById, type SpApiRegion } from '../../domain/marketplaces';
import { ConnectorError } from '../types';

/** Production SP-API hosts per region. */
export const SP_API_HOSTS: Readonly<Record<SpApiRegion, string>> = {
  NA: 'https://sellingpartnerapi-na.amazon.com',
  EU: 'https://sellingpartnerapi-eu.amazon.com',
  FE: 'https://sellingpartnerapi-fe.amazon.com',
};

/** Amazon's static sandbox hosts per region (`sandbox.` in front). */
export const SP_API_SANDBOX_HOSTS: Readonly<Record<SpApiRegion, string>> = {
  NA: 'https://sandbox.sellingpartnerapi-na.amazon.com',
  EU: 'https://sandbox.sellingpartnerapi-eu.amazon.com',
  FE: 'https://sandbox.sellingpartnerapi-fe.amazon.com',
};

/** The Login with Amazon token host (the same for every region). */
export const LWA_ENDPOINT = 'https://api.amazon.com';

/** Which SP-API to talk to: Amazon's production, Amazon's sandbox, or any base URL (local sandbox). */
export type SpApiEnvironment = { kind: 'production' } | { kind: 'sandbox' } | { kind: 'custom'; baseUrl: string };

/** The base URL for a region in an environment. */
export function spApiBaseUrl(region: SpApiRegion, env: SpApiEnvironment = { kind: 'production' }): string {
  if (env.kind === 'custom') return env.baseUrl.replace(/\/$/, '');
  return (env.kind === 'sandbox' ? SP_API_SANDBOX_HOSTS : SP_API_HOSTS)[region];
}

/** The region of a marketplace id; throws a ConnectorError for an unknown id. */
export function regionOfMarketplace(marketplaceId: string): SpApiRegion {
  const m = marketplaceById(marketplaceId);
  if (!m) {
    throw new ConnectorError('unknown_marketplace', `Unknown Amazon marketplace id ${marketplaceId}.`, {
      hint: 'Choose a marketplace from the list in the settings.',
    });
  }
  return m.region;
}
