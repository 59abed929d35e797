/**
 * The host permissions an account needs, as match patterns for browser.permissions.request.
 * Why: API hosts are optional host permissions, asked for only when the seller adds an account;
 * wxt.config.ts declares the same patterns in `optional_host_permissions`.
 */
import { LWA_ENDPOINT, SP_API_HOSTS, SP_API_SANDBOX_HOSTS } from '../connectors/amazon/endpoints';
import type { Account } from './schema';

/** The BigCommerce REST API host. */
export const BIGCOMMERCE_API = 'https://api.bigcommerce.com';

/** SP-API report and feed documents are downloaded from / uploaded to presigned S3 URLs. */
export const AMAZON_DOCUMENTS_PATTERN = 'https://*.amazonaws.com/*';

/**
 * Every pattern accounts can ask for, for `optional_host_permissions` in wxt.config.ts: the SP-API
 * hosts (production and sandbox) of every region, LWA, S3 documents, BigCommerce, and the local
 * sandbox hosts. A custom base URL elsewhere is refused by the browser unless listed here.
 */
export const OPTIONAL_HOST_PATTERNS: readonly string[] = [
  `${LWA_ENDPOINT}/*`,
  ...Object.values(SP_API_HOSTS).map((h) => `${h}/*`),
  ...Object.values(SP_API_SANDBOX_HOSTS).map((h) => `${h}/*`),
  `${BIGCOMMERCE_API}/*`,
  'http://127.0.0.1/*',
  'http://localhost/*',
  AMAZON_DOCUMENTS_PATTERN,
];

/**
 * The match pattern covering a URL's origin. Ports are left out: Chrome's patterns match every
 * port of a host and Firefox's do not accept one (so http://127.0.0.1:8787 → http://127.0.0.1/*).
 */
export function originPattern(url: string): string {
  const u = new URL(url);
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error(`Not an http(s) URL: ${u.protocol}`);
  return `${u.protocol}//${u.hostname}/*`;
}

/**
 * Every origin an account's API calls go to, as match patterns, without duplicates.
 * A custom SP-API base URL (the local sandbox) also serves LWA tokens and documents, so it is the only origin.
 */
export function accountOrigins(account: Account): string[] {
  const out: string[] = [];
  if (account.kind === 'amazon') {
    const ep = account.endpoint;
    if (ep.kind === 'custom') out.push(originPattern(ep.baseUrl));
    else {
      out.push(originPattern((ep.kind === 'sandbox' ? SP_API_SANDBOX_HOSTS : SP_API_HOSTS)[account.region]));
      out.push(originPattern(LWA_ENDPOINT));
      out.push(AMAZON_DOCUMENTS_PATTERN);
    }
  } else {
    out.push(originPattern(account.baseUrl ?? BIGCOMMERCE_API));
  }
  return [...new Set(out)];
}

/** The origins of several accounts (for "check access" of the whole list). */
export function allAccountOrigins(accounts: readonly Account[]): string[] {
  return [...new Set(accounts.flatMap(accountOrigins))];
}
