/**
 * Typed access to the sync-owned tables. lib/db types them loosely (SyncRow); this is the one
 * place that casts, so the rest of lib/sync works with the zod-derived row types.
 */
import type { Table } from 'dexie';
import type { SkulinkDexie } from '../db/db';
import { SyncSettings, type CheckpointRow, type JobRow, type ListingOverride, type LogRow, type OfferRow, type OrderRow, type SyncSettingsInput } from './schemas';

/** The sync tables with their precise row types. */
export interface SyncTables {
  jobs: Table<JobRow, string>;
  /** Lease rows live in the jobs table under `lease:<accountId>:<lane>`. */
  leases: Table<LeaseRow, string>;
  checkpoints: Table<CheckpointRow, string>;
  orders: Table<OrderRow, string>;
  logs: Table<LogRow, number>;
  offers: Table<OfferRow, string>;
  /** Submission times of JSON_LISTINGS_FEED per region, kept under `feeds:<accountId>` in checkpoints. */
  feedLog: Table<{ jobId: string; times: number[] }, string>;
}

/** A lease row: who runs a lane (one job, or jobs that must not overlap) until when. */
export interface LeaseRow {
  id: string;
  owner?: string;
  expiresAt?: number;
  jobKind?: string;
}

/** The sync tables of a database, typed (see file comment). */
export function syncTables(db: SkulinkDexie): SyncTables {
  return {
    jobs: db.jobs as unknown as Table<JobRow, string>,
    leases: db.jobs as unknown as Table<LeaseRow, string>,
    checkpoints: db.checkpoints as unknown as Table<CheckpointRow, string>,
    orders: db.orders as unknown as Table<OrderRow, string>,
    logs: db.logs as unknown as Table<LogRow, number>,
    offers: db.offers as unknown as Table<OfferRow, string>,
    feedLog: db.checkpoints as unknown as Table<{ jobId: string; times: number[] }, string>,
  };
}

/** Settings row key of an account's sync settings. */
export const settingsKey = (accountId: string) => `sync:${accountId}`;
/** Settings row key of an account's per-listing overrides (listingId → override). */
export const overridesKey = (accountId: string) => `sync-overrides:${accountId}`;

/** Read an account's sync settings with defaults filled (a missing or broken row gives the defaults). */
export async function loadSettings(db: SkulinkDexie, accountId: string): Promise<SyncSettings> {
  const row = await db.settings.get(settingsKey(accountId));
  const parsed = SyncSettings.safeParse(row?.value ?? {});
  return parsed.success ? parsed.data : SyncSettings.parse({});
}

/** Merge a partial change into an account's settings (nested objects merged one level deep) and save it. */
export async function saveSettings(db: SkulinkDexie, accountId: string, change: SyncSettingsInput): Promise<SyncSettings> {
  return db.transaction('rw', db.settings, async () => {
    const row = await db.settings.get(settingsKey(accountId));
    const current = (row?.value ?? {}) as Record<string, unknown>;
    const merged: Record<string, unknown> = { ...current };
    for (const [k, v] of Object.entries(change)) {
      const old = current[k];
      merged[k] = v && typeof v === 'object' && !Array.isArray(v) && old && typeof old === 'object' ? { ...(old as object), ...v } : v;
    }
    const next = SyncSettings.parse(merged);
    await db.settings.put({ key: settingsKey(accountId), value: next });
    return next;
  });
}

/** Per-listing overrides of an account. */
export async function loadOverrides(db: SkulinkDexie, accountId: string): Promise<Record<string, ListingOverride>> {
  const row = await db.settings.get(overridesKey(accountId));
  return (row?.value ?? {}) as Record<string, ListingOverride>;
}
