import { describe, expect, it } from 'vitest';
import { createVirtualClock } from '../http/clock';
import type { FetchLike } from '../http/client';
import { ConnectorError } from '../types';
import { createLwaAuth } from './lwa';

const creds = { clientId: 'cid', clientSecret: 'amzn1.oa2-cs.v1.supersecret', refreshToken: 'Atzr|refresh-secret' };

function lwa(handler: (body: URLSearchParams, n: number) => Response) {
  const clock = createVirtualClock(0);
  let n = 0;
  const bodies: URLSearchParams[] = [];
  const fetch: FetchLike = async (input, init) => {
    const req = input instanceof Request ? input : new Request(input, init);
    const body = new URLSearchParams(await req.text());
    bodies.push(body);
    await new Promise((r) => setTimeout(r, 5));
    return handler(body, ++n);
  };
  return { auth: createLwaAuth({ fetch, clock, credentials: creds, endpoint: 'https://lwa.test' }), clock, bodies };
}

const token = (t: string) => new Response(JSON.stringify({ access_token: t, token_type: 'bearer', expires_in: 3600 }), { headers: { 'content-type': 'application/json' } });

describe('LWA auth', () => {
  it('sends the form, caches, single-flights and renews a minute before expiry', async () => {
    const { auth, clock, bodies } = lwa((_b, n) => token(`Atza|t${n}`));
    const [a, b, c] = await Promise.all([auth.accessToken(), auth.accessToken(), auth.accessToken()]);
    expect([a, b, c]).toEqual(['Atza|t1', 'Atza|t1', 'Atza|t1']);
    expect(bodies).toHaveLength(1);
    expect(Object.fromEntries(bodies[0]!)).toEqual({ grant_type: 'refresh_token', refresh_token: creds.refreshToken, client_id: 'cid', client_secret: creds.clientSecret });
    clock.advance(3600_000 - 61_000);
    expect(await auth.accessToken()).toBe('Atza|t1');
    clock.advance(2_000);
    expect(await auth.accessToken()).toBe('Atza|t2');
    expect(await auth.accessToken({ force: true })).toBe('Atza|t3');
  });

  it('turns invalid_grant into a clear error without secrets', async () => {
    const { auth } = lwa(() => new Response(JSON.stringify({ error: 'invalid_grant', error_description: `The request has an invalid grant parameter : refresh_token ${creds.refreshToken}` }), { status: 400 }));
    const err = (await auth.accessToken().catch((e) => e)) as ConnectorError;
    expect(err).toBeInstanceOf(ConnectorError);
    expect(err.code).toBe('invalid_grant');
    expect(err.details.hint).toMatch(/Re-authorize Skulink in Seller Central/);
    expect(JSON.stringify({ m: err.message, d: err.details })).not.toContain('refresh-secret');
  });

  it('recognises an expired-token answer', () => {
    const { auth } = lwa(() => token('x'));
    expect(auth.isExpired(403, '{"errors":[{"code":"Unauthorized","message":"Access to requested resource is denied.","details":"The access token you provided has expired."}]}')).toBe(true);
    expect(auth.isExpired(403, '{"errors":[{"code":"Unauthorized","message":"Access to requested resource is denied."}]}')).toBe(false);
  });
});
