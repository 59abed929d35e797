import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConnectorError } from '../types';
import { createVirtualClock } from './clock';
import { createHttpClient, parseRetryAfter, type FetchLike } from './client';
import { createQuotaWindowLimiter } from './rate-limiter';

type Handler = (req: Request, n: number) => Response | Promise<Response>;

function fakeFetch(handler: Handler) {
  const calls: Request[] = [];
  const fetch: FetchLike = async (input, init) => {
    const req = input instanceof Request ? input : new Request(input, init);
    calls.push(req);
    return handler(req, calls.length);
  };
  return { fetch, calls };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

const Item = z.object({ sku: z.string(), summaries: z.array(z.object({ asin: z.string() })) });

function client(handler: Handler, extra: Partial<Parameters<typeof createHttpClient>[0]> = {}) {
  const clock = createVirtualClock(0);
  const f = fakeFetch(handler);
  const http = createHttpClient({
    fetch: f.fetch,
    clock,
    random: () => 0.5,
    timeoutMs: 1000,
    maxRetries: 3,
    baseUrl: 'https://api.test',
    ...extra,
  });
  return { http, clock, calls: f.calls };
}

describe('createHttpClient', () => {
  it('parses with the schema and sends search params comma-joined', async () => {
    const { http, calls } = client(() => json({ sku: 'A', summaries: [{ asin: 'B0' }] }));
    const item = await http.request('getListingsItem', {
      url: '/listings/x',
      searchParams: { marketplaceIds: ['M1', 'M2'], includedData: 'summaries', skip: undefined },
      schema: Item,
    });
    expect(item.summaries[0]!.asin).toBe('B0');
    expect(new URL(calls[0]!.url).searchParams.get('marketplaceIds')).toBe('M1,M2');
    expect(new URL(calls[0]!.url).searchParams.has('skip')).toBe(false);
  });

  it('names operation and field path on an unexpected shape', async () => {
    const { http } = client(() => json({ sku: 'A', summaries: [{ asin: 7 }] }));
    const err = await http.request('getListingsItem', { url: '/x', schema: Item }).catch((e) => e);
    expect(err).toBeInstanceOf(ConnectorError);
    expect(err.code).toBe('unexpected_shape');
    expect(err.message).toContain('getListingsItem');
    expect(err.message).toContain('summaries[0].asin');
  });

  it('retries 429 honouring Retry-After in virtual time', async () => {
    const { http, clock, calls } = client((_r, n) => (n < 3 ? json({ errors: [{ code: 'QuotaExceeded', message: 'x' }] }, 429, { 'retry-after': '2' }) : json({ sku: 'A', summaries: [] })));
    await http.request('getFeed', { url: '/f', schema: Item });
    expect(calls).toHaveLength(3);
    expect(clock.now()).toBe(4000);
  });

  it('backs off exponentially on 5xx for GET and gives up after maxRetries', async () => {
    const { http, clock, calls } = client(() => json({ errors: [{ code: 'InternalFailure', message: 'boom' }] }, 500));
    const err = await http.request('getReport', { url: '/r' }).catch((e) => e);
    expect(calls).toHaveLength(4);
    expect(err.code).toBe('http_500');
    expect(err.details.retryable).toBe(true);
    // base 500 with random 0.5 → 375 + 750 + 1500
    expect(clock.now()).toBe(375 + 750 + 1500);
  });

  it('does not retry a 500 on POST (not idempotent) but does retry 503', async () => {
    const a = client(() => json({}, 500));
    await expect(a.http.request('createFeed', { method: 'POST', url: '/f', json: {} })).rejects.toMatchObject({ code: 'http_500' });
    expect(a.calls).toHaveLength(1);
    const b = client((_r, n) => (n === 1 ? json({}, 503) : json({ sku: 's', summaries: [] })));
    await b.http.request('createFeed', { method: 'POST', url: '/f', json: {}, schema: Item });
    expect(b.calls).toHaveLength(2);
  });

  it('times out idempotent requests, retries, then reports timeout', async () => {
    const { http, calls } = client(() => new Promise<Response>(() => {}), { timeoutMs: 20, maxRetries: 1 });
    const err = await http.request('getOrder', { url: '/o' }).catch((e) => e);
    expect(err.code).toBe('timeout');
    expect(calls).toHaveLength(2);
  });

  it('refreshes an expired credential once and retries', async () => {
    let refreshes = 0;
    const { http, calls } = client(
      (req) => (req.headers.get('x-amz-access-token') === 'Atza|new' ? json({ sku: 'A', summaries: [] }) : json({ errors: [{ code: 'Unauthorized', message: 'Access to requested resource is denied.', details: 'The access token you provided has expired.' }] }, 403)),
      {
        auth: {
          headers: async ({ refresh }) => {
            if (refresh) refreshes++;
            return { 'x-amz-access-token': refresh ? 'Atza|new' : 'Atza|old' };
          },
          isExpired: (status, body) => status === 403 && body.includes('expired'),
        },
      },
    );
    await http.request('getListingsItem', { url: '/x', schema: Item });
    expect(refreshes).toBe(1);
    expect(calls).toHaveLength(2);
  });

  it('never puts secrets in errors or logs', async () => {
    const logs: string[] = [];
    const { http } = client(() => json({ errors: [{ code: 'InvalidInput', message: 'bad token Atza|LEAKED and my-api-token-123' }] }, 400), {
      secrets: () => ['my-api-token-123'],
      log: (e) => logs.push(JSON.stringify(e)),
      defaultHeaders: { 'X-Auth-Token': 'my-api-token-123' },
    });
    const err = await http.request('getProduct', { url: '/p?access_token=Atza|Q' }).catch((e) => e);
    const everything = `${err.message} ${JSON.stringify(err.details)} ${logs.join(' ')}`;
    expect(err.code).toBe('http_400');
    expect(everything).not.toContain('LEAKED');
    expect(everything).not.toContain('my-api-token-123');
    expect(everything).not.toContain('Atza|Q');
    expect(err.message).toContain('InvalidInput');
  });

  it('applies x-amzn-RateLimit-Limit to the operation bucket', async () => {
    const { http, clock } = client(() => json({ sku: 'A', summaries: [] }, 200, { 'x-amzn-RateLimit-Limit': '10.0' }), {
      limits: { getFeed: { rate: 2, burst: 1 } },
    });
    for (let i = 0; i < 11; i++) await http.request('getFeed', { url: '/f', schema: Item });
    // first call at rate 2 (free, burst 1), then rate 10: 10 calls x 100 ms.
    expect(clock.now()).toBe(1000);
  });

  it('plugs a quota-window limiter (BigCommerce headers)', async () => {
    const clock = createVirtualClock(0);
    const limiter = createQuotaWindowLimiter({ clock });
    const f = fakeFetch((_r, n) =>
      n === 1 ? json({}, 200, { 'x-rate-limit-requests-left': '0', 'x-rate-limit-time-reset-ms': '1500' }) : n === 2 ? json({}, 429, { 'x-rate-limit-time-reset-ms': '700' }) : json({}),
    );
    const http = createHttpClient({ fetch: f.fetch, clock, rateLimiter: limiter, timeoutMs: 1000, maxRetries: 2, baseUrl: 'https://bc.test' });
    await http.request('getProducts', { url: '/a' });
    await http.request('getProducts', { url: '/a' });
    expect(f.calls).toHaveLength(3);
    // waited for the window reset (1500) then the 429 reset (700 as retry delay, plus blocked window)
    expect(clock.now()).toBeGreaterThanOrEqual(2200);
  });

  it('parses Retry-After as seconds or date', () => {
    expect(parseRetryAfter('3', 0)).toBe(3000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4000)).toBe(6000);
    expect(parseRetryAfter(null, 0)).toBeUndefined();
  });
});
