/**
 * The sync engine of one marketplace account: runs jobs one at a time per lane under a lease in
 * Dexie, resumes killed runs from their checkpoints, and reports status for the popup.
 *
 * The background worker creates one engine per account, calls `resume()` at worker start,
 * registers `schedule()` with chrome.alarms, and calls `handleAlarm(name)` / `runJob(kind)` when
 * an alarm fires or the popup asks "Sync now". Only the background runs jobs (it owns the network).
 */
import type { Clock } from '../connectors/http/clock';
import { ConnectorError, type CatalogConnector, type MarketplaceConnector } from '../connectors/types';
import type { SkulinkDexie } from '../db/db';
import { LeaseLostError, RunContext, type RunDeps } from './context';
import { explain } from './explanations';
import { runCatalogJob } from './jobs/catalog';
import { runListingsJob } from './jobs/listings';
import { runOffersJob } from './jobs/offers';
import { failedOrderIds, runOrdersJob } from './jobs/orders';
import { runReconcileJob } from './jobs/reconcile';
import { runShipmentsJob } from './jobs/shipments';
import { buildLogRow } from './logger';
import { loadOverrides, loadSettings, overridesKey, saveSettings, syncTables, type SyncTables } from './repo';
import { alarmDefinitions, jobEnabled, nextRunAt, parseAlarmName, type AlarmDefinition } from './schedule';
import {
  JOB_KINDS,
  type CheckpointRow,
  type Counts,
  type JobKind,
  type JobRow,
  type ListingOverride,
  type LogRow,
  type OrderRow,
  type OrderStatus,
  type Progress,
  type RunRecord,
  type SyncSettings,
  type SyncSettingsInput,
} from './schemas';
import { orderStatusFor, type OrderStatusInfo } from './order-status';

/** What the engine needs; every dependency is passed in (see ARCHITECTURE.md). */
export interface SyncEngineDeps {
  db: SkulinkDexie;
  marketplace: MarketplaceConnector;
  catalog: CatalogConnector;
  clock: Clock;
  /** Random numbers in [0, 1) for run ids (tests pass a seeded one). */
  random?: () => number;
  /** The marketplace account this engine syncs (default 'default'). */
  accountId?: string;
  /** Developer diagnostics (console in the background); never shown to sellers. */
  log?: (message: string, data?: unknown) => void;
  /** Events the background turns into desktop notifications. */
  notify?: (event: SyncEvent) => void;
  /** How long a lease lasts without renewal (default 30 minutes); a run renews it at every step. */
  leaseMs?: number;
  /** Called after every committed transaction (tests use it to kill the engine at random points). */
  probe?: (label: string) => void;
  /** Rebuild match suggestions after reconciliation (the matcher's job); returns how many. */
  refreshSuggestions?: RunDeps['refreshSuggestions'];
  /** The seller's auto-link per marketplace (e.g. `(id) => linkService.autoLink(marketplaceById(id)!)`); default: exact SKU, then GTIN. */
  autoLink?: RunDeps['autoLink'];
}

/** Something the seller should be told about outside the popup. */
export type SyncEvent =
  | { type: 'orders-failed'; accountId: string; orderIds: string[] }
  | { type: 'auth-failed'; accountId: string; code: string }
  | { type: 'run-finished'; accountId: string; kind: JobKind; outcome: RunResult['outcome'] };

/** What `runJob` answers. `busy`: another run holds the lease; `skipped`: the channel is off. */
export interface RunResult {
  jobId: string;
  kind: JobKind;
  outcome: 'ok' | 'partial' | 'failed' | 'interrupted' | 'skipped' | 'busy';
  counts: Counts;
  errors: number;
  /** Set when the run stopped with an error (the checkpoint is kept: the next run resumes). */
  error?: { code: string; message: string };
  /** How many times this run's checkpoint had been resumed. */
  resumed: number;
}

/** One job in the popup. */
export interface JobStatus {
  kind: JobKind;
  jobId: string;
  enabled: boolean;
  running: boolean;
  progress?: Progress;
  lastRun?: RunRecord;
  lastSuccessAt?: number;
  nextRunAt?: number;
  /** A checkpoint is waiting to be resumed. */
  resumable: boolean;
}

/** Account health for the popup: token and yearly re-authorization. */
export interface AccountHealth {
  /** False after a run failed with invalid_grant (until a later run of that job succeeds). */
  tokenValid: boolean;
  authError?: { code: string; title: string; fix: string };
  authorizedAt?: number;
  reauthorizeBy?: number;
  daysLeft?: number;
  /** Warn from 30 days before re-authorization is due. */
  warn: boolean;
}

/** Everything the popup shows. */
export interface SyncStatus {
  accountId: string;
  jobs: JobStatus[];
  account: AccountHealth;
  orders: Record<OrderStatus, number>;
  /** Latest error and warning log entries (newest first). */
  recentProblems: LogRow[];
}

/** Options of one run. */
export interface RunOptions {
  signal?: AbortSignal;
  /** Take the lease even if another owner holds it (only `resume()` at worker start does: the old worker is dead). */
  takeOver?: boolean;
}

/** The engine API the background and the popup (through messages) use. */
export interface SyncEngine {
  readonly accountId: string;
  /** Run (or resume) one job now: alarms and "Sync now". One run per lane at a time. */
  runJob(kind: JobKind, options?: RunOptions): Promise<RunResult>;
  /** Run the job an alarm stands for; undefined when the alarm is not this engine's. */
  handleAlarm(name: string, options?: RunOptions): Promise<RunResult | undefined>;
  /** At worker start: resume every job that has a checkpoint (a run the old worker did not finish). */
  resume(options?: { signal?: AbortSignal }): Promise<RunResult[]>;
  /** Alarm definitions for the enabled jobs. */
  schedule(): Promise<AlarmDefinition[]>;
  /** Status for the popup. */
  status(): Promise<SyncStatus>;
  getSettings(): Promise<SyncSettings>;
  /** Change settings (channels, rules, schedule...); returns the new settings. Re-register `schedule()` after. */
  updateSettings(change: SyncSettingsInput): Promise<SyncSettings>;
  /** Set or clear (undefined) a listing's price/stock override. */
  setListingOverride(listingId: string, override: ListingOverride | undefined): Promise<void>;
  /** Hide a cancelled or failed order from view (status `deleted`). */
  deleteOrder(orderId: string): Promise<boolean>;
  /** Bring a deleted order back to the status it had. */
  restoreOrder(orderId: string): Promise<boolean>;
  /** Record tracking for an imported order; the shipments job confirms it on Amazon. */
  recordShipment(orderId: string, shipment: { carrierCode: string; trackingNumber: string; shipDate: string }): Promise<boolean>;
  /** Status and reason of orders, in the seller's language (Seller Central overlay). */
  orderStatus(orderIds: readonly string[]): Promise<Record<string, OrderStatusInfo>>;
}

const LANES: Record<JobKind, string> = {
  catalog: 'catalog',
  listings: 'listings',
  reconcile: 'reconcile',
  offers: 'offers',
  orders: 'orders',
  ordersNightly: 'orders',
  shipments: 'shipments',
};

const JOB_RUNNERS: Record<JobKind, (ctx: RunContext) => Promise<void>> = {
  catalog: runCatalogJob,
  listings: runListingsJob,
  reconcile: runReconcileJob,
  offers: runOffersJob,
  orders: (ctx) => runOrdersJob(ctx, false),
  ordersNightly: (ctx) => runOrdersJob(ctx, true),
  shipments: runShipmentsJob,
};

const YEAR_MS = 365 * 24 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;

function errorCode(error: unknown): { code: string; message: string } {
  if (error instanceof ConnectorError) return { code: error.code, message: error.message };
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) return { code: error.name === 'TimeoutError' ? 'timeout' : 'aborted', message: error.message };
  return { code: 'unknown', message: error instanceof Error ? error.message : String(error) };
}

/** Create the sync engine of one account (see file comment). */
export function createSyncEngine(deps: SyncEngineDeps): SyncEngine {
  const { db, clock } = deps;
  const accountId = deps.accountId ?? 'default';
  const random = deps.random ?? Math.random;
  const leaseMs = deps.leaseMs ?? 30 * 60_000;
  const tables: SyncTables = syncTables(db);
  const runDeps: RunDeps = {
    db,
    tables,
    marketplace: deps.marketplace,
    catalog: deps.catalog,
    clock,
    random,
    probe: deps.probe,
    refreshSuggestions: deps.refreshSuggestions,
    autoLink: deps.autoLink,
    debug: deps.log,
  };
  const running = new Map<string, { kind: JobKind; promise: Promise<RunResult> }>();
  const jobIdOf = (kind: JobKind) => `${accountId}:${kind}`;
  const leaseIdOf = (kind: JobKind) => `lease:${accountId}:${LANES[kind]}`;

  async function doRun(kind: JobKind, options: RunOptions): Promise<RunResult> {
    const jobId = jobIdOf(kind);
    const leaseId = leaseIdOf(kind);
    const settings = await loadSettings(db, accountId);
    const base = { jobId, kind, counts: {}, errors: 0, resumed: 0 };
    if (!jobEnabled(kind, settings)) return { ...base, outcome: 'skipped' };
    const overrides = await loadOverrides(db, accountId);
    const signal = options.signal ?? new AbortController().signal;
    const runId = `${clock.now().toString(36)}-${Math.floor(random() * 2 ** 40).toString(36)}`;

    // Take the lease and the checkpoint (a new one, or the one a killed run left) in one transaction.
    const taken = await db.transaction('rw', [db.jobs, db.checkpoints], async () => {
      const now = clock.now();
      const lease = await tables.leases.get(leaseId);
      if (lease?.owner && (lease.expiresAt ?? 0) > now && !options.takeOver) return undefined;
      await tables.leases.put({ id: leaseId, owner: runId, expiresAt: now + leaseMs, jobKind: kind });
      const old = await tables.checkpoints.get(jobId);
      const cp: CheckpointRow = old
        ? { ...old, runId, resumed: old.resumed + 1, updatedAt: now }
        : { jobId, runId, step: 'start', cursor: {}, counts: {}, errors: 0, updatedAt: now, resumed: 0 };
      await tables.checkpoints.put(cp);
      const job: JobRow = (await tables.jobs.get(jobId)) ?? { id: jobId, accountId, kind, memory: {} };
      const current: RunRecord = { runId, startedAt: old ? (job.current?.startedAt ?? now) : now, outcome: 'running', counts: cp.counts, errors: cp.errors, resumed: cp.resumed };
      await tables.jobs.put({ ...job, memory: job.memory ?? {}, current, progress: { phase: kind, done: 0 } });
      return { cp, memory: job.memory ?? {} };
    });
    if (!taken) return { ...base, outcome: 'busy' };
    deps.probe?.(`lease:${kind}`);

    const ctx = new RunContext(runDeps, accountId, kind, jobId, leaseId, runId, settings, overrides, taken.memory, taken.cp, signal, leaseMs);
    try {
      await JOB_RUNNERS[kind](ctx);
      await ctx.commit('finish', ctx.cp.cursor);
      const outcome: RunResult['outcome'] = ctx.cp.errors > 0 ? 'partial' : 'ok';
      await db.transaction('rw', [db.jobs, db.checkpoints], async () => {
        const lease = await tables.leases.get(leaseId);
        if (lease?.owner !== runId) throw new LeaseLostError(jobId);
        const now = clock.now();
        const job = (await tables.jobs.get(jobId))!;
        await tables.checkpoints.delete(jobId);
        await tables.leases.put({ id: leaseId });
        const lastRun: RunRecord = { ...job.current!, finishedAt: now, outcome, counts: ctx.cp.counts, errors: ctx.cp.errors, resumed: ctx.cp.resumed };
        await tables.jobs.put({ ...job, current: undefined, progress: undefined, lastRun, lastSuccessAt: now, memory: { ...job.memory, ...ctx.memoryUpdate } });
      });
      deps.probe?.(`finish:${kind}`);
      const failed = failedOrderIds(ctx);
      if (failed.length) deps.notify?.({ type: 'orders-failed', accountId, orderIds: failed });
      deps.notify?.({ type: 'run-finished', accountId, kind, outcome });
      return { ...base, outcome, counts: ctx.cp.counts, errors: ctx.cp.errors, resumed: ctx.cp.resumed };
    } catch (error) {
      const err = errorCode(error);
      const outcome: RunResult['outcome'] = error instanceof LeaseLostError ? 'busy' : signal.aborted ? 'interrupted' : 'failed';
      deps.log?.(`sync ${jobId} ${outcome}: ${err.code} ${err.message}`);
      if (!(error instanceof LeaseLostError)) {
        try {
          await db.transaction('rw', [db.jobs, db.logs], async () => {
            const lease = await tables.leases.get(leaseId);
            if (lease?.owner !== runId) return;
            const now = clock.now();
            const job = (await tables.jobs.get(jobId))!;
            await tables.leases.put({ id: leaseId });
            const lastRun: RunRecord = { ...job.current!, finishedAt: now, outcome: outcome === 'interrupted' ? 'interrupted' : 'failed', counts: ctx.cp.counts, errors: ctx.cp.errors + 1, error: err, resumed: ctx.cp.resumed };
            await tables.jobs.put({ ...job, current: undefined, progress: undefined, lastRun });
            if (outcome === 'failed') {
              const subjectType = err.code === 'invalid_grant' ? 'account' : 'job';
              await tables.logs.add(buildLogRow({ subjectType, subjectId: subjectType === 'account' ? accountId : jobId, code: err.code, message: err.message }, { at: now, accountId, language: settings.language, jobId, runId }));
            }
          });
        } catch {
          // The database is gone with the worker: the checkpoint still says where to resume.
        }
        if (err.code === 'invalid_grant') deps.notify?.({ type: 'auth-failed', accountId, code: err.code });
      }
      return { ...base, outcome, counts: ctx.cp.counts, errors: ctx.cp.errors + 1, error: err, resumed: ctx.cp.resumed };
    }
  }

  function runJob(kind: JobKind, options: RunOptions = {}): Promise<RunResult> {
    const leaseId = leaseIdOf(kind);
    const inFlight = running.get(leaseId);
    // The same job is already running here: "Sync now" during an alarm's run is that run.
    if (inFlight?.kind === kind) return Promise.resolve({ jobId: jobIdOf(kind), kind, outcome: 'busy', counts: {}, errors: 0, resumed: 0 });
    // Another job of the lane (orders vs the nightly pass) runs here: go after it.
    const p = (inFlight ? inFlight.promise.then(() => undefined, () => undefined) : Promise.resolve())
      .then(() => doRun(kind, options))
      .finally(() => {
        if (running.get(leaseId)?.promise === p) running.delete(leaseId);
      });
    running.set(leaseId, { kind, promise: p });
    return p;
  }

  async function status(): Promise<SyncStatus> {
    const settings = await loadSettings(db, accountId);
    const now = clock.now();
    const ids = JOB_KINDS.map(jobIdOf);
    const [jobs, cps, leases] = await Promise.all([
      tables.jobs.bulkGet(ids),
      tables.checkpoints.bulkGet(ids),
      tables.leases.bulkGet(JOB_KINDS.map(leaseIdOf)),
    ]);
    const jobStatuses: JobStatus[] = JOB_KINDS.map((kind, i) => {
      const job = jobs[i];
      const lease = leases[i];
      const isRunning = !!job?.current && !!lease?.owner && lease.owner === job.current.runId && (lease.expiresAt ?? 0) > now;
      return {
        kind,
        jobId: ids[i]!,
        enabled: jobEnabled(kind, settings),
        running: isRunning,
        progress: isRunning ? job?.progress : undefined,
        lastRun: job?.lastRun,
        lastSuccessAt: job?.lastSuccessAt,
        nextRunAt: nextRunAt(kind, settings, now, job?.lastRun?.startedAt),
        resumable: !!cps[i],
      };
    });
    const authFailure = jobStatuses.find((j) => j.lastRun?.error?.code === 'invalid_grant');
    const authText = authFailure ? explain('invalid_grant', settings.language) : undefined;
    const reauthorizeBy = settings.authorizedAt !== undefined ? settings.authorizedAt + YEAR_MS : undefined;
    const daysLeft = reauthorizeBy !== undefined ? Math.floor((reauthorizeBy - now) / DAY_MS) : undefined;
    const orders = { pending: 0, imported: 0, error: 0, cancelled: 0, deleted: 0 } as Record<OrderStatus, number>;
    for (const s of Object.keys(orders) as OrderStatus[]) orders[s] = await tables.orders.where('status').equals(s).filter((r) => r.accountId === accountId).count();
    const recentProblems = await tables.logs
      .orderBy('at')
      .reverse()
      .filter((l) => l.accountId === accountId && l.level !== 'info')
      .limit(20)
      .toArray();
    return {
      accountId,
      jobs: jobStatuses,
      account: {
        tokenValid: !authFailure,
        authError: authText ? { code: 'invalid_grant', title: authText.title, fix: authText.fix } : undefined,
        authorizedAt: settings.authorizedAt,
        reauthorizeBy,
        daysLeft,
        warn: !!authFailure || (daysLeft !== undefined && daysLeft <= 30),
      },
      orders,
      recentProblems,
    };
  }

  async function setOrderStatus(orderId: string, change: (row: OrderRow) => OrderRow | undefined): Promise<boolean> {
    return db.transaction('rw', db.orders, async () => {
      const row = await tables.orders.get(orderId);
      if (!row || row.accountId !== accountId) return false;
      const next = change(row);
      if (!next) return false;
      await tables.orders.put(next);
      return true;
    });
  }

  return {
    accountId,
    runJob,
    async handleAlarm(name, options) {
      const parsed = parseAlarmName(name);
      if (!parsed || parsed.accountId !== accountId) return undefined;
      return runJob(parsed.kind, options);
    },
    async resume(options = {}) {
      const cps = await tables.checkpoints.where('jobId').startsWith(`${accountId}:`).toArray();
      const results: RunResult[] = [];
      for (const kind of JOB_KINDS) {
        if (!cps.some((c) => c.jobId === jobIdOf(kind))) continue;
        results.push(await runJob(kind, { signal: options.signal, takeOver: true }));
      }
      return results;
    },
    async schedule() {
      return alarmDefinitions(accountId, await loadSettings(db, accountId), clock.now(), JOB_KINDS);
    },
    status,
    getSettings: () => loadSettings(db, accountId),
    updateSettings: (change) => saveSettings(db, accountId, change),
    async setListingOverride(listingId, override) {
      await db.transaction('rw', db.settings, async () => {
        const current = await loadOverrides(db, accountId);
        if (override) current[listingId] = override;
        else delete current[listingId];
        await db.settings.put({ key: overridesKey(accountId), value: current });
      });
    },
    deleteOrder: (orderId) =>
      setOrderStatus(orderId, (row) => (row.status === 'cancelled' || row.status === 'error' ? { ...row, status: 'deleted', deletedFrom: row.status } : undefined)),
    restoreOrder: (orderId) => setOrderStatus(orderId, (row) => (row.status === 'deleted' ? { ...row, status: row.deletedFrom ?? 'error', deletedFrom: undefined } : undefined)),
    recordShipment: (orderId, s) =>
      setOrderStatus(orderId, (row) => (row.status === 'imported' ? { ...row, shipment: { ...s, state: 'pending' } } : undefined)),
    async orderStatus(orderIds) {
      const settings = await loadSettings(db, accountId);
      return orderStatusFor(db, orderIds, settings.language);
    },
  };
}
