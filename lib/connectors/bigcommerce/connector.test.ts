import { describe, expect, it } from 'vitest';
import { createVirtualClock, type FetchLike } from '../http';
import { createBigCommerceConnector } from './connector';

function json(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), { status: init.status ?? 200, headers: { 'Content-Type': 'application/json', ...init.headers } });
}

describe('BigCommerce connector (fake fetch)', () => {
  it('sends X-Auth-Token and Accept to /stores/{hash}/v2 and pages v2 orders until a short page', async () => {
    const seen: Request[] = [];
    const fetchFake: FetchLike = async (input, init) => {
      const req = new Request(input, init);
      seen.push(req);
      const page = Number(new URL(req.url).searchParams.get('page'));
      // A store that ignores the filter: full pages of other orders, then the one we want.
      if (page < 3) return json(Array.from({ length: 50 }, (_, i) => ({ id: page * 100 + i, external_order_id: `other-${i}` })));
      if (page === 3) return json([{ id: 999, external_order_id: 'wanted' }]);
      return json(undefined, { status: 204 });
    };
    const c = createBigCommerceConnector({ storeHash: 'abc123', accessToken: 'tok-1234', fetch: fetchFake, clock: createVirtualClock() });
    expect(await c.findOrder('wanted')).toEqual({ id: '999' });
    expect(seen).toHaveLength(3);
    const url = new URL(seen[0]!.url);
    expect(url.origin + url.pathname).toBe('https://api.bigcommerce.com/stores/abc123/v2/orders');
    expect(url.searchParams.get('external_order_id')).toBe('wanted');
    expect(seen[0]!.headers.get('x-auth-token')).toBe('tok-1234');
    expect(seen[0]!.headers.get('accept')).toBe('application/json');
    expect(await c.findOrder('nobody')).toBeUndefined();
  });

  it('pauses until the window resets when X-Rate-Limit-Requests-Left reaches the reserve', async () => {
    const clock = createVirtualClock();
    const at: number[] = [];
    // A store with a quota of 4 requests per 12 s window.
    let windowStart = clock.now();
    let used = 0;
    const fetchFake: FetchLike = async () => {
      const now = clock.now();
      at.push(now);
      if (now - windowStart >= 12_000) {
        windowStart = now;
        used = 0;
      }
      used++;
      const headers = { 'X-Rate-Limit-Requests-Left': String(4 - used), 'X-Rate-Limit-Time-Reset-Ms': String(windowStart + 12_000 - now) };
      return json(undefined, { status: used > 4 ? 429 : 204, headers });
    };
    const c = createBigCommerceConnector({ storeHash: 'abc123', accessToken: 'tok-1234', fetch: fetchFake, clock, reserve: 1 });
    for (let i = 0; i < 5; i++) await c.findOrder(`o-${i}`);
    const start = at[0]!;
    // Left goes 3, 2, 1: at the reserve the 4th call waits for the new window, and no 429 happens.
    expect(at.map((t) => t - start)).toEqual([0, 0, 0, 12_000, 12_000]);
  });

  it('refuses a store hash that could change the URL', () => {
    expect(() => createBigCommerceConnector({ storeHash: '../x', accessToken: 't', fetch: fetch, clock: createVirtualClock() })).toThrow(/store hash/);
  });
});
