/**
 * Rate limiters the HTTP client consults before each attempt and informs after each response.
 * Two kinds: per-operation token buckets (SP-API usage plans, updated from
 * `x-amzn-RateLimit-Limit`) and a quota-window limiter driven by response headers (BigCommerce's
 * `X-Rate-Limit-Requests-Left` / `X-Rate-Limit-Time-Reset-Ms`). A connector may plug its own.
 */
import type { Clock } from './clock';
import { TokenBucket, type RateLimit } from './token-bucket';

/** The hook the HTTP client calls around each attempt of an operation. */
export interface RateLimiter {
  /** Wait until a request for `operation` may go out. */
  acquire(operation: string, signal?: AbortSignal): Promise<void>;
  /** See each response (any status) to learn the applied limit or the remaining quota. */
  observe(operation: string, response: Response): void;
  /** How long to wait before retrying after this 429, when the limiter knows (else backoff is used). */
  retryAfterMs?(operation: string, response: Response): number | undefined;
}

/** A limiter that never waits. */
export const noRateLimit: RateLimiter = {
  acquire: async () => {},
  observe: () => {},
};

/** Token-bucket limiter with its buckets exposed for tests and diagnostics. */
export interface TokenBucketLimiter extends RateLimiter {
  /** The bucket of an operation, or undefined when the operation has no published limit. */
  bucket(operation: string): TokenBucket | undefined;
}

/**
 * One token bucket per operation with the published rate and burst; a response's rate header
 * (default `x-amzn-RateLimit-Limit`, requests per second) replaces the rate; a 429 empties it.
 * Operations missing from `limits` use `fallback` when given, else are not limited.
 */
export function createTokenBucketLimiter(opts: {
  limits: Readonly<Record<string, RateLimit>>;
  clock: Clock;
  rateHeader?: string;
  fallback?: RateLimit;
}): TokenBucketLimiter {
  const buckets = new Map<string, TokenBucket>();
  const header = opts.rateHeader ?? 'x-amzn-ratelimit-limit';
  const bucket = (operation: string): TokenBucket | undefined => {
    let b = buckets.get(operation);
    if (!b) {
      const limit = opts.limits[operation] ?? opts.fallback;
      if (!limit) return undefined;
      b = new TokenBucket(limit, opts.clock);
      buckets.set(operation, b);
    }
    return b;
  };
  return {
    bucket,
    async acquire(operation, signal) {
      await bucket(operation)?.take(signal);
    },
    observe(operation, response) {
      const b = bucket(operation);
      if (!b) return;
      const value = Number.parseFloat(response.headers.get(header) ?? '');
      if (Number.isFinite(value) && value > 0) b.setRate(value);
      if (response.status === 429) b.drain();
    },
  };
}

/**
 * A limiter for APIs that report a shared quota window in headers (BigCommerce): when the
 * remaining count reaches `reserve`, or on a 429, requests wait until the window resets.
 */
export function createQuotaWindowLimiter(opts: {
  clock: Clock;
  leftHeader?: string;
  resetMsHeader?: string;
  /** Requests kept in reserve for other apps on the same store. */
  reserve?: number;
  /** Wait used after a 429 without a reset header. */
  defaultResetMs?: number;
}): RateLimiter & { blockedUntil(): number } {
  const leftHeader = opts.leftHeader ?? 'x-rate-limit-requests-left';
  const resetHeader = opts.resetMsHeader ?? 'x-rate-limit-time-reset-ms';
  const reserve = opts.reserve ?? 0;
  let until = 0;
  const resetMs = (response: Response) => {
    const v = Number.parseFloat(response.headers.get(resetHeader) ?? '');
    return Number.isFinite(v) && v >= 0 ? v : undefined;
  };
  return {
    blockedUntil: () => until,
    async acquire(_operation, signal) {
      const wait = until - opts.clock.now();
      if (wait > 0) await opts.clock.sleep(wait, signal);
    },
    observe(_operation, response) {
      const left = Number.parseFloat(response.headers.get(leftHeader) ?? '');
      const reset = resetMs(response);
      if (response.status === 429 || (Number.isFinite(left) && left <= reserve)) {
        until = Math.max(until, opts.clock.now() + (reset ?? opts.defaultResetMs ?? 1000));
      }
    },
    retryAfterMs(_operation, response) {
      return resetMs(response);
    },
  };
}
