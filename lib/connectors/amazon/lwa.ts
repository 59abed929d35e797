/**
 * Login with Amazon: trade the seller's refresh token for a one-hour access token.
 * Cached and renewed a minute before expiry; concurrent callers share one request
 * (single flight), so a burst of sync work never asks LWA for many tokens at once.
 */
import { z } from 'zod';
import type { Clock } from '../http/clock';
import { createHttpClient, describeErrorBody, type AuthProvider, type FetchLike } from '../http/client';
import { redactText } from '../http/redact';
import { ConnectorError } from '../types';

/** The app's LWA credentials and the seller's refresh token. */
export const LwaCredentials = z.object({
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  refreshToken: z.string().min(1),
});
export type LwaCredentials = z.infer<typeof LwaCredentials>;

const TokenResponse = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.number().positive(),
  refresh_token: z.string().optional(),
});

/** Access-token source for SP-API calls (also an AuthProvider for the HTTP client). */
export interface LwaAuth extends AuthProvider {
  /** A valid access token, from cache or from LWA. `force` ignores the cache. */
  accessToken(opts?: { force?: boolean; signal?: AbortSignal }): Promise<string>;
  /** Values to scrub from errors and logs (current token, refresh token, client secret). */
  secrets(): string[];
}

/** Renew this long before the token's stated expiry. */
export const LWA_RENEW_BEFORE_MS = 60_000;

/**
 * Create the LWA token source. `invalid_grant` (revoked or expired authorization) and
 * `invalid_client` become ConnectorErrors a seller can act on.
 */
export function createLwaAuth(opts: {
  fetch: FetchLike;
  clock: Clock;
  credentials: LwaCredentials;
  /** Base of the token endpoint, default https://api.amazon.com (path /auth/o2/token is added). */
  endpoint?: string;
  timeoutMs?: number;
}): LwaAuth {
  const credentials = LwaCredentials.parse(opts.credentials);
  const endpoint = (opts.endpoint ?? 'https://api.amazon.com').replace(/\/$/, '');
  let cached: { token: string; expiresAt: number } | undefined;
  let inflight: Promise<string> | undefined;
  const secrets = () => [credentials.clientSecret, credentials.refreshToken, cached?.token].filter((s): s is string => !!s);
  const http = createHttpClient({
    fetch: opts.fetch,
    clock: opts.clock,
    timeoutMs: opts.timeoutMs ?? 15_000,
    maxRetries: 3,
    secrets,
  });

  async function fetchToken(signal?: AbortSignal): Promise<string> {
    const body = new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: credentials.refreshToken,
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
    });
    const response = await http.raw('lwaToken', {
      method: 'POST',
      url: `${endpoint}/auth/o2/token`,
      body: body.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' },
      // Refreshing a token has no side effect: safe to retry after a timeout.
      idempotent: true,
      acceptStatuses: [400, 401],
      signal,
    });
    const text = await response.text();
    if (!response.ok) {
      const { code, message } = describeErrorBody(text);
      const safe = redactText(message ?? '', secrets());
      if (code === 'invalid_grant') {
        throw new ConnectorError('invalid_grant', `Amazon no longer accepts Skulink's authorization for this seller account (${safe || 'invalid_grant'}).`, {
          operation: 'lwaToken',
          status: response.status,
          hint: 'Re-authorize Skulink in Seller Central (Apps and Services > Manage Your Apps), then reconnect the account in Skulink.',
        });
      }
      if (code === 'invalid_client' || code === 'unauthorized_client') {
        throw new ConnectorError(code, `Amazon rejected the app credentials (${safe || code}).`, {
          operation: 'lwaToken',
          status: response.status,
          hint: 'Check the LWA client id and client secret of the Skulink app registration.',
        });
      }
      throw new ConnectorError(code ?? `http_${response.status}`, `Login with Amazon failed with HTTP ${response.status} (${safe}).`, {
        operation: 'lwaToken',
        status: response.status,
      });
    }
    let parsed: z.infer<typeof TokenResponse>;
    try {
      parsed = TokenResponse.parse(JSON.parse(text));
    } catch {
      throw new ConnectorError('unexpected_shape', 'lwaToken: the token answer has no access_token/expires_in', { operation: 'lwaToken' });
    }
    cached = { token: parsed.access_token, expiresAt: opts.clock.now() + parsed.expires_in * 1000 };
    return parsed.access_token;
  }

  async function accessToken(o: { force?: boolean; signal?: AbortSignal } = {}): Promise<string> {
    if (!o.force && cached && opts.clock.now() < cached.expiresAt - LWA_RENEW_BEFORE_MS) return cached.token;
    if (inflight) return inflight;
    if (o.force) cached = undefined;
    inflight = fetchToken(o.signal).finally(() => {
      inflight = undefined;
    });
    return inflight;
  }

  return {
    accessToken,
    secrets,
    async headers({ refresh, signal }) {
      return { 'x-amz-access-token': await accessToken({ force: refresh, signal }) };
    },
    isExpired(status, bodyText) {
      return (status === 401 || status === 403) && /expired|invalid access token|token.*(?:not valid|invalid)/i.test(bodyText);
    },
  };
}
