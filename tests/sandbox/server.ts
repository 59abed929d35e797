/**
 * The local API sandbox: one Node http server on 127.0.0.1 serving LWA, the SP-API operations
 * Skulink uses (validated both ways against ../shared/contracts), a document store, the
 * BigCommerce routes of tests/sandbox/bigcommerce (when present) and Seller Central fixture pages.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { realClock, type Clock } from '../../lib/connectors/http/clock';
import { SP_API_RATE_LIMITS } from '../../lib/connectors/http/rate-limits';
import { TokenBucket } from '../../lib/connectors/http/token-bucket';
import { loadSpApiContracts, REPO_ROOT, type MatchedOperation } from './contracts';
import { createFaults, type Faults, type FaultSpec } from './faults';
import { generateListings, generateOrders } from './seed';
import { advanceWork, createSpApiHandlers, createSpApiState, type Reply, type SpApiState } from './spapi';

/** Credentials the sandbox's LWA accepts. */
export const SANDBOX_CREDENTIALS = { clientId: 'sandbox-client', clientSecret: 'sandbox-secret', refreshToken: 'Atzr|sandbox' } as const;

/** Options of {@link startSandbox}. */
export interface SandboxOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Generated US listings (default 500). */
  listings?: number;
  /** Generated orders (default 250). */
  orders?: number;
  /** BigCommerce products (default: same as listings). */
  products?: number;
  seed?: number;
  /** The sandbox's time: real by default; share a virtual clock with the client in tests. */
  clock?: Clock;
  timing?: Partial<SpApiState['timing']>;
  /** Enforce the SP-API usage plans with 429s (default true). */
  rateLimits?: boolean;
  /** Real milliseconds a 'timeout' fault holds the request before dropping it (default 30 s). */
  timeoutHoldMs?: number;
  /** Print one line per request. */
  log?: boolean;
}

/** A problem the sandbox found in a request or in its own answer. */
export interface ContractViolation {
  operation: string;
  kind: 'request' | 'response';
  status: number;
  message: string;
}

/** Counters of what the sandbox validated. */
export interface SandboxStats {
  requests: number;
  /** Responses validated against the official models, by `file#operationId`. */
  validatedResponses: Map<string, number>;
  /** Requests validated and accepted, by `file#operationId`. */
  validatedRequests: Map<string, number>;
  /** Sandbox answers that broke the contract (should stay empty). */
  violations: ContractViolation[];
  /** Requests refused with 400 because they broke the contract. */
  rejectedRequests: ContractViolation[];
  /** 429s answered because of the usage plans (not faults). */
  throttled: Map<string, number>;
  lwaTokensIssued: number;
}

/** A running sandbox. */
export interface SandboxHandle {
  url: string;
  close(): Promise<void>;
  faults: Faults;
  state: SpApiState;
  stats: SandboxStats;
  /** The BigCommerce sandbox, when tests/sandbox/bigcommerce/index.ts exists. */
  bigcommerce?: { handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean>; state?: unknown };
}

const SC_ROOT = path.resolve(REPO_ROOT, 'tests/fixtures/seller-central');
const MIME: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.png': 'image/png', '.svg': 'image/svg+xml', '.csv': 'text/csv', '.txt': 'text/plain' };

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  if (body === undefined || status === 204) {
    res.writeHead(status, headers);
    res.end();
    return;
  }
  if (body instanceof Uint8Array || typeof body === 'string') {
    res.writeHead(status, headers);
    res.end(body);
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** Replace the first string leaf (depth-first) with a number: a wrong-shaped answer for fault 'malformed'. */
export function corrupt(body: unknown): unknown {
  const clone = structuredClone(body) as unknown;
  const visit = (v: unknown): boolean => {
    if (Array.isArray(v)) return v.some((x) => visit(x));
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      for (const k of Object.keys(o)) {
        if (typeof o[k] === 'string') {
          o[k] = 12345;
          return true;
        }
        if (visit(o[k])) return true;
      }
    }
    return false;
  };
  return visit(clone) ? clone : '{"not": "the expected shape"';
}

/** Start the sandbox (see file comment). */
export async function startSandbox(opts: SandboxOptions = {}): Promise<SandboxHandle> {
  const clock = opts.clock ?? realClock;
  const seed = opts.seed ?? 42;
  const contracts = await loadSpApiContracts();
  const listings = generateListings(seed, opts.listings ?? 500, clock.now());
  const orders = generateOrders(seed, opts.orders ?? 250, listings, clock.now());
  const state = createSpApiState(listings, orders);
  Object.assign(state.timing, opts.timing);
  const handlers = createSpApiHandlers(state);
  const faults = createFaults();
  const stats: SandboxStats = { requests: 0, validatedResponses: new Map(), validatedRequests: new Map(), violations: [], rejectedRequests: [], throttled: new Map(), lwaTokensIssued: 0 };
  const buckets = new Map<string, TokenBucket>();
  const held = new Set<ServerResponse>();
  const holdMs = opts.timeoutHoldMs ?? 30_000;
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

  let bigcommerce: SandboxHandle['bigcommerce'];
  const bcFile = path.resolve(REPO_ROOT, 'tests/sandbox/bigcommerce/index.ts');
  if (existsSync(bcFile)) {
    try {
      const mod = (await import(pathToFileURL(bcFile).href)) as { createBigCommerceSandbox?: (o: { seed: number; products: number; clock: Clock }) => SandboxHandle['bigcommerce'] };
      bigcommerce = mod.createBigCommerceSandbox?.({ seed, products: opts.products ?? opts.listings ?? 500, clock });
    } catch (error) {
      console.warn(`[sandbox] BigCommerce routes not mounted: ${(error as Error).message}`);
    }
  }

  let baseUrl = '';
  const log = (line: string) => {
    if (opts.log) console.log(`[sandbox] ${line}`);
  };

  const hold = (res: ServerResponse) => {
    held.add(res);
    const timer = setTimeout(() => {
      held.delete(res);
      res.destroy();
    }, holdMs);
    res.on('close', () => {
      clearTimeout(timer);
      held.delete(res);
    });
  };

  function handleLwa(res: ServerResponse, raw: Buffer): void {
    const fault = faults.take('lwaToken', ['500', 'timeout', '429-storm']);
    if (fault === 'timeout') return hold(res);
    if (fault === '500') return send(res, 500, { error: 'server_error', error_description: 'Internal server error' });
    if (fault === '429-storm') return send(res, 429, { error: 'slow_down', error_description: 'Too many requests' });
    const form = new URLSearchParams(raw.toString('utf8'));
    const grant = form.get('grant_type');
    if (grant !== 'refresh_token') return send(res, 400, { error: 'unsupported_grant_type', error_description: 'The authorization grant type is not supported by the authorization server' });
    if (form.get('client_id') !== SANDBOX_CREDENTIALS.clientId || form.get('client_secret') !== SANDBOX_CREDENTIALS.clientSecret) {
      return send(res, 401, { error: 'invalid_client', error_description: 'Client authentication failed' });
    }
    if (form.get('refresh_token') !== SANDBOX_CREDENTIALS.refreshToken) {
      return send(res, 400, { error: 'invalid_grant', error_description: 'The request has an invalid grant parameter : refresh_token' });
    }
    stats.lwaTokensIssued++;
    const token = `Atza|sandbox-${stats.lwaTokensIssued}-${Math.random().toString(36).slice(2, 10)}`;
    state.tokens.set(token, { expiresAt: clock.now() + 3600_000, revoked: false });
    send(res, 200, { access_token: token, refresh_token: SANDBOX_CREDENTIALS.refreshToken, token_type: 'bearer', expires_in: 3600 });
  }

  function handleDocument(req: IncomingMessage, res: ServerResponse, id: string, raw: Buffer): void {
    const doc = state.documents.get(id);
    if (!doc) return send(res, 404, '<Error><Code>NoSuchKey</Code></Error>', { 'content-type': 'application/xml' });
    if (req.method === 'PUT') {
      if (doc.kind !== 'feed-input') return send(res, 403, '<Error><Code>AccessDenied</Code></Error>', { 'content-type': 'application/xml' });
      doc.bytes = new Uint8Array(raw);
      doc.contentType = req.headers['content-type'] ?? doc.contentType;
      return send(res, 200, '');
    }
    if (req.method === 'GET') {
      if (!doc.bytes) return send(res, 404, '<Error><Code>NoSuchKey</Code></Error>', { 'content-type': 'application/xml' });
      return send(res, 200, doc.bytes, { 'content-type': doc.contentType, 'content-length': String(doc.bytes.length) });
    }
    send(res, 405, '');
  }

  function handleStatic(res: ServerResponse, pathname: string): void {
    const rel = decodeURIComponent(pathname.slice('/sc/'.length));
    const file = path.resolve(SC_ROOT, rel);
    if (!file.startsWith(SC_ROOT + path.sep) || !existsSync(file) || !statSync(file).isFile()) return send(res, 404, 'Not found', { 'content-type': 'text/plain' });
    send(res, 200, readFileSync(file), { 'content-type': MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream' });
  }

  function handleControl(req: IncomingMessage, res: ServerResponse, pathname: string, raw: Buffer): void {
    if (pathname === '/_sandbox/faults' && req.method === 'POST') {
      try {
        faults.inject(JSON.parse(raw.toString('utf8')) as FaultSpec);
        return send(res, 204, undefined);
      } catch (error) {
        return send(res, 400, { error: (error as Error).message });
      }
    }
    if (pathname === '/_sandbox/faults' && req.method === 'DELETE') {
      faults.clear();
      return send(res, 204, undefined);
    }
    if (pathname === '/_sandbox/state' && req.method === 'GET') {
      return send(res, 200, {
        sellerId: state.sellerId,
        listings: state.listings.size,
        orders: state.orders.size,
        feeds: [...state.feeds.values()].map((f) => ({ feedId: f.feedId, status: f.status })),
        reports: [...state.reports.values()].map((r) => ({ reportId: r.reportId, status: r.status })),
        faults: faults.pending(),
        validatedResponses: Object.fromEntries(stats.validatedResponses),
        violations: stats.violations,
      });
    }
    send(res, 404, { error: 'unknown control endpoint' });
  }

  function spApiReply(res: ServerResponse, m: MatchedOperation | undefined, key: string, reply: Reply, validate = true): void {
    const headers: Record<string, string> = { 'x-amzn-RequestId': `sbx-${stats.requests}`, ...reply.headers };
    const limit = SP_API_RATE_LIMITS[m?.operationId ?? ''];
    if (limit) headers['x-amzn-RateLimit-Limit'] = String(buckets.get(key)?.rate ?? limit.rate);
    if (m && validate) {
      const v = contracts.validateResponse(m, reply.status, reply.status === 204 ? null : reply.body);
      bump(stats.validatedResponses, key);
      if (!v.valid) stats.violations.push({ operation: key, kind: 'response', status: reply.status, message: v.message });
    }
    send(res, reply.status, reply.body, headers);
  }

  async function handleSpApi(req: IncomingMessage, res: ServerResponse, url: URL, raw: Buffer): Promise<void> {
    let body: unknown;
    const contentType = req.headers['content-type'] ?? '';
    if (raw.length > 0) {
      try {
        body = contentType.includes('json') || raw[0] === 0x7b ? JSON.parse(raw.toString('utf8')) : raw.toString('utf8');
      } catch {
        return spApiReply(res, undefined, 'unknown', { status: 400, body: { errors: [{ code: 'InvalidInput', message: 'The request body is not valid JSON.' }] } });
      }
    }
    const oabReq = { method: (req.method ?? 'GET').toLowerCase(), path: url.pathname, query: url.search.slice(1), headers: req.headers as Record<string, string>, body };
    const m = contracts.match(oabReq);
    if (!m) return spApiReply(res, undefined, 'unknown', { status: 404, body: { errors: [{ code: 'NotFound', message: `No SP-API operation at ${req.method} ${url.pathname}` }] } });
    const key = `${path.basename(m.file, '.json')}#${m.operationId}`;
    const op = m.operationId;

    // Auth: an LWA access token issued by this sandbox and not expired.
    const token = req.headers['x-amz-access-token'];
    const known = typeof token === 'string' ? state.tokens.get(token) : undefined;
    if (known && faults.take(op, ['expired-token'])) known.revoked = true;
    if (!known || known.revoked || known.expiresAt <= clock.now()) {
      const details = known ? 'The access token you provided has expired.' : 'The access token you provided is missing or invalid.';
      return spApiReply(res, m, key, { status: 403, body: { errors: [{ code: 'Unauthorized', message: 'Access to requested resource is denied.', details }] } });
    }

    const fault = faults.take(op, ['timeout', '500', '429-storm']);
    if (fault === 'timeout') return hold(res);
    if (fault === '500') return spApiReply(res, m, key, { status: 500, body: { errors: [{ code: 'InternalFailure', message: 'We encountered an internal error. Please try again.' }] } });
    if (fault === '429-storm') return spApiReply(res, m, key, { status: 429, body: { errors: [{ code: 'QuotaExceeded', message: 'You exceeded your quota for the requested resource.' }] } });

    const limit = SP_API_RATE_LIMITS[op];
    if (limit && opts.rateLimits !== false) {
      let bucket = buckets.get(key);
      if (!bucket) buckets.set(key, (bucket = new TokenBucket(limit, clock)));
      if (!bucket.tryTake()) {
        bump(stats.throttled, key);
        return spApiReply(res, m, key, { status: 429, body: { errors: [{ code: 'QuotaExceeded', message: 'You exceeded your quota for the requested resource.' }] } });
      }
    }

    const check = contracts.validateRequest(m, oabReq);
    if (!check.valid) {
      const v = { operation: key, kind: 'request' as const, status: 400, message: check.message };
      stats.rejectedRequests.push(v);
      return spApiReply(res, m, key, { status: 400, body: { errors: [{ code: 'InvalidInput', message: `Invalid request for ${op}.`, details: check.message }] } });
    }
    bump(stats.validatedRequests, key);

    const handler = m.file.endsWith('ordersV0.json') && op !== 'confirmShipment' ? undefined : handlers[op];
    if (!handler) return spApiReply(res, m, key, { status: 404, body: { errors: [{ code: 'NotFound', message: `${op} is not implemented by the Skulink sandbox.` }] } });
    advanceWork(state, clock.now(), { feed: contracts.feedSchema, message: contracts.feedMessageSchema, report: contracts.processingReportSchema }, (what, message) =>
      stats.violations.push({ operation: what, kind: 'response', status: 200, message }),
    );
    const parsed = contracts.parse(m, oabReq);
    const reply = handler({ params: parsed.params, query: parsed.query, body, now: clock.now(), baseUrl });
    if (reply.status < 300 && faults.take(op, ['malformed'])) {
      return spApiReply(res, m, key, { ...reply, status: reply.status === 204 ? 200 : reply.status, body: corrupt(reply.body) }, false);
    }
    spApiReply(res, m, key, reply);
  }

  const server = createServer((req, res) => {
    void (async () => {
      stats.requests++;
      const url = new URL(req.url ?? '/', baseUrl || 'http://127.0.0.1');
      try {
        if (url.pathname.startsWith('/stores/')) {
          if (bigcommerce && (await bigcommerce.handle(req, res, url))) return;
          return send(res, 404, { status: 404, title: 'No BigCommerce sandbox mounted for this path' });
        }
        if (url.pathname.startsWith('/sc/')) return handleStatic(res, url.pathname);
        const raw = await readBody(req);
        if (url.pathname === '/auth/o2/token' && req.method === 'POST') return handleLwa(res, raw);
        if (url.pathname.startsWith('/_doc/')) return handleDocument(req, res, decodeURIComponent(url.pathname.slice(6)), raw);
        if (url.pathname.startsWith('/_sandbox/')) return handleControl(req, res, url.pathname, raw);
        await handleSpApi(req, res, url, raw);
      } catch (error) {
        console.error('[sandbox] handler crashed', error);
        send(res, 500, { errors: [{ code: 'InternalFailure', message: 'Sandbox error.' }] });
      } finally {
        log(`${req.method} ${url.pathname}${url.search} -> ${res.statusCode}`);
      }
    })();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://127.0.0.1:${port}`;

  return {
    url: baseUrl,
    faults,
    state,
    stats,
    bigcommerce,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of held) res.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
