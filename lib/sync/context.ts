/**
 * The context one job run works with: its connectors, settings, checkpoint and the `commit`
 * that writes a step's results, its cursor, its log entries and the lease renewal in ONE Dexie
 * transaction, after the network call that produced them has returned.
 */
import type { Table } from 'dexie';
import type { CatalogConnector, MarketplaceConnector } from '../connectors/types';
import type { Clock } from '../connectors/http/clock';
import type { SkulinkDexie } from '../db/db';
import { buildLogRow, type LogInput } from './logger';
import type { SyncTables } from './repo';
import type { CheckpointRow, JobKind, ListingOverride, LogRow, SyncSettings } from './schemas';

/** Thrown when another run took this run's lease (it expired): the run must stop writing at once. */
export class LeaseLostError extends Error {
  constructor(readonly jobId: string) {
    super(`lease of ${jobId} was taken by another run`);
    this.name = 'LeaseLostError';
  }
}

/** What the engine gives every job run. */
export interface RunDeps {
  db: SkulinkDexie;
  tables: SyncTables;
  marketplace: MarketplaceConnector;
  catalog: CatalogConnector;
  clock: Clock;
  random: () => number;
  /** Called after every committed transaction (tests use it as a kill point). */
  probe?: (label: string) => void;
  /** Optional: rebuild match suggestions after links were reconciled; returns how many were made. */
  refreshSuggestions?: (db: SkulinkDexie, signal: AbortSignal) => Promise<number>;
  /** Optional: the seller's auto-link (LinkService.autoLink with their SKU rules) instead of the built-in exact SKU/GTIN pass. */
  autoLink?: (marketplaceId: string, signal: AbortSignal) => Promise<{ linked: number; ambiguous?: number; noMatch?: number }>;
  debug?: (message: string, data?: unknown) => void;
}

/** One run of one job (see file comment). */
export class RunContext {
  /** Log entries waiting for the next commit. */
  private pendingLogs: LogRow[] = [];
  /** Job memory to store when the run finishes (merged into the job row). */
  readonly memoryUpdate: Record<string, unknown> = {};

  constructor(
    readonly deps: RunDeps,
    readonly accountId: string,
    readonly kind: JobKind,
    readonly jobId: string,
    readonly leaseId: string,
    readonly runId: string,
    readonly settings: SyncSettings,
    readonly overrides: Record<string, ListingOverride>,
    readonly memory: Record<string, unknown>,
    public cp: CheckpointRow,
    readonly signal: AbortSignal,
    readonly leaseMs: number,
  ) {}

  get db(): SkulinkDexie {
    return this.deps.db;
  }
  get tables(): SyncTables {
    return this.deps.tables;
  }
  get now(): number {
    return this.deps.clock.now();
  }

  /** Add to a result count (committed with the next step). */
  count(name: string, n = 1): void {
    this.cp.counts[name] = (this.cp.counts[name] ?? 0) + n;
  }

  /** Queue a log entry for the next commit; errors also count in the run's error total. */
  log(input: LogInput): void {
    const row = buildLogRow(input, { at: this.now, accountId: this.accountId, language: this.settings.language, jobId: this.jobId, runId: this.runId });
    if (row.level === 'error') this.cp.errors += 1;
    this.pendingLogs.push(row);
  }

  /** Stop if the run was asked to stop. */
  checkAbort(): void {
    this.signal.throwIfAborted();
  }

  /**
   * Write a step in one transaction: `work` (the step's own writes, on `tables`), the checkpoint
   * with `cursor`, queued log entries, progress, and the lease renewed for `leaseMs` (longer before
   * a long network call). Throws LeaseLostError, rolling everything back, if the lease is not ours.
   */
  async commit(
    step: string,
    cursor: Record<string, unknown>,
    opts: { work?: () => Promise<void>; tables?: Table[]; progress?: { phase: string; done: number; total?: number }; leaseMs?: number } = {},
  ): Promise<void> {
    const { db, tables } = this;
    const logs = this.pendingLogs;
    let next: CheckpointRow = this.cp;
    await db.transaction('rw', [db.jobs, db.checkpoints, db.logs, ...(opts.tables ?? [])], async () => {
      const lease = await tables.leases.get(this.leaseId);
      if (lease?.owner !== this.runId) throw new LeaseLostError(this.jobId);
      if (opts.work) await opts.work();
      next = { ...this.cp, counts: { ...this.cp.counts }, step, cursor, updatedAt: this.now };
      await tables.leases.put({ ...lease, expiresAt: this.now + (opts.leaseMs ?? this.leaseMs) });
      await tables.checkpoints.put(next);
      if (logs.length) await tables.logs.bulkAdd(logs);
      if (opts.progress) await tables.jobs.update(this.jobId, { progress: opts.progress });
    });
    this.cp = next;
    this.pendingLogs = [];
    this.deps.probe?.(`commit:${this.kind}:${step}`);
  }
}
