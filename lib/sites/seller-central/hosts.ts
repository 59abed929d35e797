/**
 * Every Seller Central host Skulink overlays, one per marketplace.
 * A manifest match pattern cannot wildcard the TLD, so each host is listed.
 */
export const SELLER_CENTRAL_HOSTS = [
  'sellercentral.amazon.com',
  'sellercentral.amazon.ca',
  'sellercentral.amazon.com.mx',
  'sellercentral.amazon.com.br',
  'sellercentral.amazon.co.uk',
  'sellercentral.amazon.de',
  'sellercentral.amazon.fr',
  'sellercentral.amazon.it',
  'sellercentral.amazon.es',
  'sellercentral.amazon.nl',
  'sellercentral.amazon.pl',
  'sellercentral.amazon.se',
  'sellercentral.amazon.com.tr',
  'sellercentral.amazon.ae',
  'sellercentral.amazon.sa',
  'sellercentral.amazon.in',
  'sellercentral.amazon.co.jp',
  'sellercentral.amazon.com.au',
  'sellercentral.amazon.sg',
  'sellercentral.amazon.co.za',
  'sellercentral-europe.amazon.com',
  'sellercentral-japan.amazon.com',
] as const;

/** Match patterns (https only) for the manifest and the content script. */
export const SELLER_CENTRAL_MATCHES = SELLER_CENTRAL_HOSTS.map((h) => `https://${h}/*`);

const HOST_SET: ReadonlySet<string> = new Set(SELLER_CENTRAL_HOSTS);

/** Whether a host name (port ignored, any case) is a Seller Central host Skulink overlays. */
export function isSellerCentralHost(host: string): boolean {
  return HOST_SET.has(host.toLowerCase().replace(/:\d+$/, ''));
}
