import { describe, expect, it } from 'vitest';
import { MARKETPLACES } from '../../domain/marketplaces';
import { ConnectorError } from '../types';
import { regionOfMarketplace, spApiBaseUrl } from './endpoints';

describe('SP-API endpoints', () => {
  it('maps every marketplace to its regional production and sandbox host', () => {
    for (const m of MARKETPLACES) {
      const region = regionOfMarketplace(m.id);
      expect(spApiBaseUrl(region)).toBe(`https://sellingpartnerapi-${region.toLowerCase()}.amazon.com`);
      expect(spApiBaseUrl(region, { kind: 'sandbox' })).toBe(`https://sandbox.sellingpartnerapi-${region.toLowerCase()}.amazon.com`);
    }
    expect(regionOfMarketplace('A1VC38T7YXB528')).toBe('FE');
    expect(regionOfMarketplace('A1F83G8C2ARO7P')).toBe('EU');
    expect(regionOfMarketplace('A2Q3Y263D00KWC')).toBe('NA');
  });

  it('uses a custom base URL as given and rejects unknown marketplaces', () => {
    expect(spApiBaseUrl('EU', { kind: 'custom', baseUrl: 'http://127.0.0.1:8787/' })).toBe('http://127.0.0.1:8787');
    expect(() => regionOfMarketplace('XXX')).toThrow(ConnectorError);
  });
});
