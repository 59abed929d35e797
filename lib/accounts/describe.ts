/**
 * Safe views of accounts for display and logs: secrets show only their last four characters.
 * Why: a credential must never reach the screen, a log or an error report in full.
 */
import { marketplaceById } from '../domain/marketplaces';
import type { Account } from './schema';

/** The mask shown instead of a secret's hidden characters. */
export const MASK = '••••';

/**
 * "•••• wxyz": the last four characters of a secret. Secrets shorter than 12 characters show
 * nothing but the mask, so a short secret is never half revealed.
 */
export function maskSecret(secret: string | undefined): string {
  if (!secret) return '';
  const s = secret.trim();
  return s.length < 12 ? MASK : `${MASK} ${s.slice(-4)}`;
}

/** An account with every secret masked: what the options page renders and what may be logged. */
export type AccountDescription =
  | {
      kind: 'amazon';
      id: string;
      name: string;
      region: string;
      marketplaces: string[];
      sellerId: string;
      clientId: string;
      clientSecret: string;
      refreshToken: string;
      endpoint: string;
      authorizedOn?: string;
    }
  | { kind: 'bigcommerce'; id: string; name: string; storeHash: string; accessToken: string; endpoint: string };

/**
 * Describe an account without its secrets (masked to "•••• last 4"). Built field by field from an
 * allow-list, so a secret field added later stays out until someone decides how to show it.
 */
export function describeAccount(a: Account): AccountDescription {
  if (a.kind === 'amazon') {
    return {
      kind: 'amazon',
      id: a.id,
      name: a.name,
      region: a.region,
      marketplaces: a.marketplaceIds.map((id) => marketplaceById(id)?.country ?? id),
      sellerId: a.sellerId,
      clientId: a.clientId,
      clientSecret: maskSecret(a.clientSecret),
      refreshToken: maskSecret(a.refreshToken),
      endpoint: a.endpoint.kind === 'custom' ? a.endpoint.baseUrl : a.endpoint.kind,
      ...(a.authorizedOn ? { authorizedOn: a.authorizedOn } : {}),
    };
  }
  return {
    kind: 'bigcommerce',
    id: a.id,
    name: a.name,
    storeHash: a.storeHash,
    accessToken: maskSecret(a.accessToken),
    endpoint: a.baseUrl ?? 'production',
  };
}

/** A one-line label for logs and messages, e.g. "amazon EU · Shop (A2EXAMPLE1234)". */
export function accountLabel(a: Account): string {
  return a.kind === 'amazon' ? `amazon ${a.region} · ${a.name} (${a.sellerId})` : `bigcommerce · ${a.name} (${a.storeHash})`;
}

const DAY = 86_400_000;

/** The date (YYYY-MM-DD) the SP-API authorization must be renewed by: one year after it was given. */
export function reauthorizationDueOn(a: Account): string | undefined {
  if (a.kind !== 'amazon' || !a.authorizedOn) return undefined;
  const d = new Date(`${a.authorizedOn}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + 1);
  return d.toISOString().slice(0, 10);
}

/** 'due' on or after the renewal date, 'soon' within 30 days of it, 'ok' before, 'unknown' without a date. */
export function reauthorizationState(a: Account, now: number): 'ok' | 'soon' | 'due' | 'unknown' {
  const due = reauthorizationDueOn(a);
  if (!due) return 'unknown';
  const left = Date.parse(`${due}T00:00:00Z`) - now;
  if (left <= 0) return 'due';
  return left <= 30 * DAY ? 'soon' : 'ok';
}
