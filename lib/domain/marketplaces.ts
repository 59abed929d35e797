/**
 * Amazon marketplaces: id, country, Seller Central host, SP-API region, currency, decimal style.
 * Why one table: the overlay derives the marketplace from the page's host, the connectors
 * derive the regional endpoint from it, and prices parse by its decimal separator.
 */
export type SpApiRegion = 'NA' | 'EU' | 'FE';

export interface Marketplace {
  id: string;
  country: string;
  host: string;
  region: SpApiRegion;
  currency: string;
  /** The decimal separator Seller Central shows prices with. */
  decimal: '.' | ',';
  language: string;
}

export const MARKETPLACES: readonly Marketplace[] = [
  { id: 'ATVPDKIKX0DER', country: 'US', host: 'sellercentral.amazon.com', region: 'NA', currency: 'USD', decimal: '.', language: 'en' },
  { id: 'A2EUQ1WTGCTBG2', country: 'CA', host: 'sellercentral.amazon.ca', region: 'NA', currency: 'CAD', decimal: '.', language: 'en' },
  { id: 'A1AM78C64UM0Y8', country: 'MX', host: 'sellercentral.amazon.com.mx', region: 'NA', currency: 'MXN', decimal: '.', language: 'es' },
  { id: 'A2Q3Y263D00KWC', country: 'BR', host: 'sellercentral.amazon.com.br', region: 'NA', currency: 'BRL', decimal: ',', language: 'pt' },
  { id: 'A1F83G8C2ARO7P', country: 'GB', host: 'sellercentral.amazon.co.uk', region: 'EU', currency: 'GBP', decimal: '.', language: 'en' },
  { id: 'A1PA6795UKMFR9', country: 'DE', host: 'sellercentral.amazon.de', region: 'EU', currency: 'EUR', decimal: ',', language: 'de' },
  { id: 'A13V1IB3VIYZZH', country: 'FR', host: 'sellercentral.amazon.fr', region: 'EU', currency: 'EUR', decimal: ',', language: 'fr' },
  { id: 'APJ6JRA9NG5V4', country: 'IT', host: 'sellercentral.amazon.it', region: 'EU', currency: 'EUR', decimal: ',', language: 'it' },
  { id: 'A1RKKUPIHCS9HS', country: 'ES', host: 'sellercentral.amazon.es', region: 'EU', currency: 'EUR', decimal: ',', language: 'es' },
  { id: 'A1805IZSGTT6HS', country: 'NL', host: 'sellercentral.amazon.nl', region: 'EU', currency: 'EUR', decimal: ',', language: 'nl' },
  { id: 'A1C3SOZRARQ6R3', country: 'PL', host: 'sellercentral.amazon.pl', region: 'EU', currency: 'PLN', decimal: ',', language: 'pl' },
  { id: 'A2NODRKZP88ZB9', country: 'SE', host: 'sellercentral.amazon.se', region: 'EU', currency: 'SEK', decimal: ',', language: 'sv' },
  { id: 'A33AVAJ2PDY3EV', country: 'TR', host: 'sellercentral.amazon.com.tr', region: 'EU', currency: 'TRY', decimal: ',', language: 'tr' },
  { id: 'A2VIGQ35RCS4UG', country: 'AE', host: 'sellercentral.amazon.ae', region: 'EU', currency: 'AED', decimal: '.', language: 'en' },
  { id: 'A17E79C6D8DWNP', country: 'SA', host: 'sellercentral.amazon.sa', region: 'EU', currency: 'SAR', decimal: '.', language: 'ar' },
  { id: 'A21TJRUUN4KGV', country: 'IN', host: 'sellercentral.amazon.in', region: 'EU', currency: 'INR', decimal: '.', language: 'en' },
  { id: 'AE08WJ6YKNBMC', country: 'ZA', host: 'sellercentral.amazon.co.za', region: 'EU', currency: 'ZAR', decimal: '.', language: 'en' },
  { id: 'A1VC38T7YXB528', country: 'JP', host: 'sellercentral.amazon.co.jp', region: 'FE', currency: 'JPY', decimal: '.', language: 'ja' },
  { id: 'A39IBJ37TRP1C6', country: 'AU', host: 'sellercentral.amazon.com.au', region: 'FE', currency: 'AUD', decimal: '.', language: 'en' },
  { id: 'A19VAU5U5O7RUS', country: 'SG', host: 'sellercentral.amazon.sg', region: 'FE', currency: 'SGD', decimal: '.', language: 'en' },
] as const;

const byHost = new Map(MARKETPLACES.map((m) => [m.host, m]));
const byId = new Map(MARKETPLACES.map((m) => [m.id, m]));

/** Unified-account hosts: the marketplace is chosen on the page, not in the host; default to the region's first. */
const UNIFIED_HOSTS: Record<string, string> = {
  'sellercentral-europe.amazon.com': 'A1F83G8C2ARO7P',
  'sellercentral-japan.amazon.com': 'A1VC38T7YXB528',
};

/** The marketplace a Seller Central host belongs to, or undefined for a host that is not Seller Central. */
export function marketplaceForHost(host: string): Marketplace | undefined {
  const h = host.toLowerCase().replace(/:\d+$/, '');
  const unified = UNIFIED_HOSTS[h];
  if (unified) return byId.get(unified);
  return byHost.get(h);
}

/** The marketplace with this SP-API marketplace id. */
export function marketplaceById(id: string): Marketplace | undefined {
  return byId.get(id);
}
