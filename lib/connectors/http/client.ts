/**
 * The one HTTP layer every connector uses: ky with an injected fetch, our own retry loop (so
 * backoff waits on the injected clock and runs in virtual time in tests), per-operation rate
 * limiting, token refresh on expiry, zod parsing at the boundary, and errors free of secrets.
 */
import ky, { isTimeoutError, type KyInstance } from 'ky';
import type { z } from 'zod';
import { ConnectorError } from '../types';
import type { Clock } from './clock';
import { createTokenBucketLimiter, noRateLimit, type RateLimiter } from './rate-limiter';
import { redactText } from './redact';
import type { RateLimit } from './token-bucket';

/** The fetch signature the client needs (the global fetch fits). */
export type FetchLike = (input: Request | string | URL, init?: RequestInit) => Promise<Response>;

/** Supplies auth headers and recognises an expired credential, so the client can renew once and retry. */
export interface AuthProvider {
  /** Headers to send; `refresh: true` after the server said the credential expired. */
  headers(opts: { refresh: boolean; signal?: AbortSignal }): Promise<Record<string, string>>;
  /** True when this error response means "credential expired" (e.g. SP-API 403 Unauthorized). */
  isExpired(status: number, bodyText: string): boolean;
}

/** One line per attempt, already redacted. */
export interface HttpLogEntry {
  operation: string;
  method: string;
  url: string;
  attempt: number;
  status?: number;
  outcome: 'ok' | 'retry' | 'refresh' | 'error';
  durationMs: number;
  message?: string;
}

/** Options of {@link createHttpClient}. */
export interface HttpClientOptions {
  fetch: FetchLike;
  clock: Clock;
  /** Waits between retries; defaults to `clock.sleep`. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Jitter source in [0, 1); defaults to Math.random. */
  random?: () => number;
  /** Published rate/burst per operation; ignored when `rateLimiter` is given. */
  limits?: Readonly<Record<string, RateLimit>>;
  /** A custom limiter (e.g. BigCommerce quota headers). */
  rateLimiter?: RateLimiter;
  defaultHeaders?: Record<string, string>;
  /** Prefix for request urls that start with `/`. */
  baseUrl?: string;
  /** Per-attempt timeout. */
  timeoutMs: number;
  /** Retries after the first attempt for 429/5xx/timeouts (token refresh is not counted). */
  maxRetries: number;
  /** Exponential backoff: base * 2^attempt, capped, with jitter. */
  backoff?: { baseMs?: number; maxMs?: number };
  auth?: AuthProvider;
  /** Secret values that must be scrubbed from errors and logs. */
  secrets?: () => readonly (string | undefined)[];
  log?: (entry: HttpLogEntry) => void;
}

type SearchValue = string | number | boolean | undefined | readonly (string | number)[];

/** One request. Arrays in `searchParams` are sent comma-separated (SP-API `collectionFormat: csv`). */
export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';
  url: string;
  searchParams?: Record<string, SearchValue>;
  json?: unknown;
  body?: BodyInit;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Override the method's idempotency (e.g. an absolute price PATCH is safe to repeat). */
  idempotent?: boolean;
  /** Send without the auth provider's headers (token endpoint, pre-signed document urls). */
  auth?: boolean;
  /** Per-request timeout override. */
  timeoutMs?: number;
  /** Rate-limit this request under the operation name (default true). */
  rateLimited?: boolean;
  /** Error statuses handed back as a Response instead of thrown (e.g. LWA's 400 invalid_grant). */
  acceptStatuses?: readonly number[];
}

/** The HTTP client connectors are built on. */
export interface HttpClient {
  /** Send and parse the JSON answer with `schema`; a shape mismatch throws ConnectorError('unexpected_shape'). */
  request<S extends z.ZodType>(operation: string, opts: RequestOptions & { schema: S }): Promise<z.output<S>>;
  /** Send and ignore the body (e.g. 204 answers). */
  request(operation: string, opts: RequestOptions): Promise<void>;
  /** Send and hand back the successful Response (downloads, uploads). */
  raw(operation: string, opts: RequestOptions): Promise<Response>;
  /** Remove secrets from a text with this client's secrets. */
  redact(text: string): string;
  readonly rateLimiter: RateLimiter;
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

/** Format a zod issue path as `payload.items[0].sku`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(root)';
}

/** Parse `Retry-After` (seconds or HTTP date) into milliseconds from `now`. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

/** Pull a code and message out of the error bodies we know (SP-API, LWA, BigCommerce). */
export function describeErrorBody(text: string): { code?: string; message?: string } {
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    if (Array.isArray(body.errors) && body.errors.length > 0) {
      const first = body.errors[0] as Record<string, unknown>;
      const parts = [first.message, first.details].filter((p) => typeof p === 'string' && p);
      return { code: typeof first.code === 'string' ? first.code : undefined, message: parts.join(' ') || undefined };
    }
    if (typeof body.error === 'string') {
      return { code: body.error, message: typeof body.error_description === 'string' ? body.error_description : undefined };
    }
    if (typeof body.title === 'string') {
      return { code: typeof body.status === 'number' ? String(body.status) : undefined, message: [body.title, body.detail].filter(Boolean).join(' ') };
    }
  } catch {
    // not JSON: fall through
  }
  return { message: text.slice(0, 200) || undefined };
}

const HINTS: Record<number, string> = {
  400: 'The request was rejected as invalid; check the values sent.',
  401: 'The credentials were refused; reconnect the account.',
  403: 'Access denied; check that the app is authorized and has the needed roles.',
  404: 'Not found; the item may have been deleted or the id is wrong.',
  429: 'Too many requests; Skulink will slow down and try again later.',
};

function appendSearch(url: string, params: Record<string, SearchValue> | undefined): string {
  if (!params) return url;
  const u = new URL(url);
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    u.searchParams.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  return u.toString();
}

/**
 * Create the HTTP client. Retries: 429 and 503 always; other 5xx, timeouts and network errors
 * only for idempotent requests (a repeated createFeed could submit twice). Waits honour
 * `Retry-After`, else exponential backoff with equal jitter.
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const clock = options.clock;
  const sleep = options.sleep ?? ((ms: number, signal?: AbortSignal) => clock.sleep(ms, signal));
  const random = options.random ?? Math.random;
  const baseMs = options.backoff?.baseMs ?? 500;
  const maxMs = options.backoff?.maxMs ?? 60_000;
  const rateLimiter =
    options.rateLimiter ?? (options.limits ? createTokenBucketLimiter({ limits: options.limits, clock }) : noRateLimit);
  const secrets = () => options.secrets?.() ?? [];
  const redact = (text: string) => redactText(text, secrets());
  const fetchImpl = options.fetch;
  const kyClient: KyInstance = ky.create({
    fetch: (input, init) => fetchImpl(input as Request | string | URL, init),
    retry: 0,
    throwHttpErrors: false,
    timeout: options.timeoutMs,
    headers: options.defaultHeaders,
  });

  const backoffMs = (attempt: number) => {
    const exp = Math.min(maxMs, baseMs * 2 ** attempt);
    return Math.round(exp / 2 + (random() * exp) / 2);
  };

  const resolveUrl = (url: string) => {
    if (/^https?:\/\//i.test(url)) return url;
    if (!options.baseUrl) throw new Error(`relative url ${url} without baseUrl`);
    return options.baseUrl.replace(/\/$/, '') + url;
  };

  async function send(operation: string, opts: RequestOptions): Promise<Response> {
    const method = opts.method ?? 'GET';
    const idempotent = opts.idempotent ?? IDEMPOTENT.has(method);
    const url = appendSearch(resolveUrl(opts.url), opts.searchParams);
    const safeUrl = redact(url);
    const useAuth = opts.auth !== false && options.auth !== undefined;
    let authHeaders = useAuth ? await options.auth!.headers({ refresh: false, signal: opts.signal }) : {};
    let refreshed = false;
    let attempt = 0;
    const log = (entry: Omit<HttpLogEntry, 'operation' | 'method' | 'url' | 'attempt'>) =>
      options.log?.({ operation, method, url: safeUrl, attempt, ...entry, message: entry.message && redact(entry.message) });

    for (;;) {
      opts.signal?.throwIfAborted();
      if (opts.rateLimited !== false) await rateLimiter.acquire(operation, opts.signal);
      const started = clock.now();
      let response: Response;
      try {
        response = await kyClient(url, {
          method,
          headers: { ...opts.headers, ...authHeaders },
          json: opts.json,
          body: opts.body,
          signal: opts.signal,
          timeout: opts.timeoutMs ?? options.timeoutMs,
        });
      } catch (error) {
        if (opts.signal?.aborted) throw opts.signal.reason;
        const timedOut = isTimeoutError(error);
        const what = timedOut
          ? `no answer within ${opts.timeoutMs ?? options.timeoutMs} ms`
          : `network error (${redact(error instanceof Error ? error.message : String(error))})`;
        if (idempotent && attempt < options.maxRetries) {
          log({ outcome: 'retry', durationMs: clock.now() - started, message: what });
          await sleep(backoffMs(attempt), opts.signal);
          attempt++;
          continue;
        }
        log({ outcome: 'error', durationMs: clock.now() - started, message: what });
        throw new ConnectorError(timedOut ? 'timeout' : 'network', `${operation}: ${what} after ${attempt + 1} attempt(s)`, {
          operation,
          retryable: true,
          hint: 'The service did not answer; Skulink will try again later. Check the connection if this persists.',
        });
      }
      rateLimiter.observe(operation, response);
      const durationMs = clock.now() - started;
      if (response.ok || opts.acceptStatuses?.includes(response.status)) {
        log({ outcome: 'ok', status: response.status, durationMs });
        return response;
      }
      const text = await response.text().catch(() => '');
      const status = response.status;
      if (useAuth && !refreshed && options.auth!.isExpired(status, text)) {
        refreshed = true;
        log({ outcome: 'refresh', status, durationMs });
        authHeaders = await options.auth!.headers({ refresh: true, signal: opts.signal });
        continue;
      }
      const retryable = status === 429 || status === 503 || (status >= 500 && idempotent);
      if (retryable && attempt < options.maxRetries) {
        const hinted = status === 429 ? rateLimiter.retryAfterMs?.(operation, response) : undefined;
        const delay = parseRetryAfter(response.headers.get('retry-after'), clock.now()) ?? hinted ?? backoffMs(attempt);
        log({ outcome: 'retry', status, durationMs, message: `waiting ${delay} ms` });
        await sleep(delay, opts.signal);
        attempt++;
        continue;
      }
      const described = describeErrorBody(text);
      const detail = redact([described.code, described.message].filter(Boolean).join(': '));
      log({ outcome: 'error', status, durationMs, message: detail });
      throw new ConnectorError(`http_${status}`, `${operation} failed with HTTP ${status}${detail ? ` (${detail})` : ''}`, {
        operation,
        status,
        retryable: status === 429 || status >= 500,
        hint: HINTS[status] ?? (status >= 500 ? 'The service had a problem; Skulink will try again later.' : undefined),
      });
    }
  }

  async function request(operation: string, opts: RequestOptions & { schema?: z.ZodType }): Promise<unknown> {
    const response = await send(operation, opts);
    if (!opts.schema) {
      await response.body?.cancel().catch(() => {});
      return undefined;
    }
    const text = await response.text();
    let data: unknown;
    try {
      data = text.length > 0 ? JSON.parse(text) : undefined;
    } catch {
      throw new ConnectorError('unexpected_shape', `${operation}: the answer is not JSON (at (body))`, {
        operation,
        status: response.status,
      });
    }
    const parsed = opts.schema.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const path = formatPath(issue.path);
      throw new ConnectorError('unexpected_shape', redact(`${operation}: unexpected answer shape at ${path}: ${issue.message}`), {
        operation,
        status: response.status,
        hint: 'The service answered in a shape Skulink does not know; please report this.',
      });
    }
    return parsed.data;
  }

  return {
    request: request as HttpClient['request'],
    raw: send,
    redact,
    rateLimiter,
  };
}
