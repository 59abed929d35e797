/** The sandbox's own plumbing: encoders, static pages, LWA answers, fault control, malformed bodies. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTRACTS_DIR, SP_API_MODEL_FILES } from '../sandbox/contracts';
import { decodeReport } from '../../lib/connectors/amazon/report';
import { corrupt, SANDBOX_CREDENTIALS, startSandbox, type SandboxHandle } from '../sandbox';
import { encodeText } from '../sandbox/encoding';
import { generateListings, generateOrders } from '../sandbox/seed';

let sandbox: SandboxHandle;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, listings: 20, orders: 5, seed: 1 });
});
afterAll(() => sandbox?.close());

const token = (form: Record<string, string>) => fetch(`${sandbox.url}/auth/o2/token`, { method: 'POST', body: new URLSearchParams(form) });

describe('sandbox', () => {
  it('uses the contract files unmodified (sha256 as listed in contracts/README.md)', () => {
    const readme = readFileSync(path.join(CONTRACTS_DIR, 'README.md'), 'utf8');
    const files = [...SP_API_MODEL_FILES, 'amazon-sp-api/listings-feed-schema-v2.json', 'amazon-sp-api/listings-feed-message-schema-v2.json', 'amazon-sp-api/listings-feed-processing-report-schema-v2.json'];
    for (const rel of files) {
      const name = path.basename(rel);
      const row = readme.split('\n').find((l) => l.startsWith(`| \`${name}\``));
      const listed = row?.match(/`([0-9a-f]{64})`/)?.[1];
      expect(listed, name).toBeDefined();
      expect(createHash('sha256').update(readFileSync(path.join(CONTRACTS_DIR, rel))).digest('hex'), name).toBe(listed);
    }
  });

  it('encodes windows-1252 and Shift_JIS so the connector decodes them back', () => {
    expect(decodeReport(encodeText('Größe «€»', 'windows-1252'), { marketplaceId: 'A1PA6795UKMFR9' })).toBe('Größe «€»');
    expect(decodeReport(encodeText('緑茶 茶葉 ｶﾀｶﾅ', 'shift_jis'), { marketplaceId: 'A1VC38T7YXB528' })).toBe('緑茶 茶葉 ｶﾀｶﾅ');
  });

  it('generates the same data from the same seed, with odd SKUs and several order statuses', () => {
    const a = generateListings(9, 200, 0);
    expect(generateListings(9, 200, 0)).toEqual(a);
    expect(a.some((l) => /[/ .=]/.test(l.sku))).toBe(true);
    expect(new Set(a.map((l) => l.channel))).toEqual(new Set(['MFN', 'AFN']));
    expect(new Set(generateOrders(9, 100, a, Date.UTC(2026, 0, 1)).map((o) => o.status)).size).toBeGreaterThanOrEqual(5);
  });

  it('answers LWA like LWA', async () => {
    const ok = await token({ grant_type: 'refresh_token', refresh_token: SANDBOX_CREDENTIALS.refreshToken, client_id: SANDBOX_CREDENTIALS.clientId, client_secret: SANDBOX_CREDENTIALS.clientSecret });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ token_type: 'bearer', expires_in: 3600 });
    const grant = await token({ grant_type: 'refresh_token', refresh_token: 'Atzr|other', client_id: SANDBOX_CREDENTIALS.clientId, client_secret: SANDBOX_CREDENTIALS.clientSecret });
    expect(grant.status).toBe(400);
    expect((await grant.json()) as object).toMatchObject({ error: 'invalid_grant' });
    const client = await token({ grant_type: 'refresh_token', refresh_token: SANDBOX_CREDENTIALS.refreshToken, client_id: 'x', client_secret: 'y' });
    expect(client.status).toBe(401);
  });

  it('refuses SP-API calls without a token', async () => {
    const res = await fetch(`${sandbox.url}/orders/2026-01-01/orders?lastUpdatedAfter=2026-01-01T00:00:00Z`);
    expect(res.status).toBe(403);
    expect(((await res.json()) as { errors: { code: string }[] }).errors[0]!.code).toBe('Unauthorized');
  });

  it('serves /sc/ files and nothing outside', async () => {
    expect((await fetch(`${sandbox.url}/sc/definitely-missing.html`)).status).toBe(404);
    expect((await fetch(`${sandbox.url}/sc/..%2F..%2Fpackage.json`)).status).toBe(404);
  });

  it('takes faults over HTTP and reports state', async () => {
    const r = await fetch(`${sandbox.url}/_sandbox/faults`, { method: 'POST', body: JSON.stringify({ kind: '500', operation: 'getFeed', count: 2 }) });
    expect(r.status).toBe(204);
    expect(sandbox.faults.pending()).toEqual([{ operation: 'getFeed', kind: '500', count: 2 }]);
    const state = (await (await fetch(`${sandbox.url}/_sandbox/state`)).json()) as { listings: number; faults: unknown[] };
    expect(state.listings).toBe(30); // 20 US + 5 DE + 5 JP
    expect((await fetch(`${sandbox.url}/_sandbox/faults`, { method: 'POST', body: JSON.stringify({ kind: 'nonsense' }) })).status).toBe(400);
    await fetch(`${sandbox.url}/_sandbox/faults`, { method: 'DELETE' });
    expect(sandbox.faults.pending()).toEqual([]);
  });

  it('corrupts the first string field for malformed answers', () => {
    expect(corrupt({ orders: [{ orderId: 'a', x: 'b' }] })).toEqual({ orders: [{ orderId: 12345, x: 'b' }] });
    expect(typeof corrupt(undefined)).toBe('string');
  });
});
