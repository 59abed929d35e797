import Dexie, { type EntityTable } from 'dexie';
import type { Product } from '../domain/catalog';
import type { Listing } from '../domain/listing';
import type { Link, LinkEvent } from '../domain/link';
import { SCHEMA_V1, SCHEMA_V2, SCHEMA_V3 } from './schema';

/** A finished catalog import, for the popup ("last catalog import") and the options page. */
export interface CatalogImportRecord {
  id?: number;
  at: number;
  fileName: string;
  rows: number;
  created: number;
  updated: number;
  rejected: number;
  /** First rejected rows (row number and reason), capped so a broken file cannot fill the database. */
  errors: { row: number; reason: string }[];
}

/** A seller's verdict on a suggestion: the matcher learns from these. */
export interface MatchLabel {
  id?: number;
  at: number;
  listingId: string;
  productSku: string;
  accepted: boolean;
}

export interface SettingRow {
  key: string;
  value: unknown;
}

/** A generic row for sync-owned tables; lib/sync defines their precise shapes. */
export interface SyncRow {
  [key: string]: unknown;
}

export type SkulinkDexie = Dexie & {
  products: EntityTable<Product, 'sku'>;
  listings: EntityTable<Listing, 'id'>;
  links: EntityTable<Link, 'listingId'>;
  linkHistory: EntityTable<LinkEvent, 'id'>;
  settings: EntityTable<SettingRow, 'key'>;
  imports: EntityTable<CatalogImportRecord, 'id'>;
  labels: EntityTable<MatchLabel, 'id'>;
  orders: EntityTable<SyncRow & { orderId: string }, 'orderId'>;
  jobs: EntityTable<SyncRow & { id: string }, 'id'>;
  checkpoints: EntityTable<SyncRow & { jobId: string }, 'jobId'>;
  logs: EntityTable<SyncRow & { id?: number; at: number }, 'id'>;
  offers: EntityTable<SyncRow & { listingId: string }, 'listingId'>;
};

export const DB_NAME = 'skulink';
export const DB_VERSION = 3;

/**
 * Opens (declares) the Skulink database. Only the background worker and extension pages call
 * this: a content script runs in the seller's page origin and never opens Dexie.
 * `indexedDB`/`IDBKeyRange` can be injected for tests.
 */
export function createDb(name = DB_NAME, deps?: { indexedDB: IDBFactory; IDBKeyRange: typeof IDBKeyRange }): SkulinkDexie {
  const db = new Dexie(name, deps) as SkulinkDexie;
  db.version(1).stores(SCHEMA_V1);
  db.version(2)
    .stores(SCHEMA_V2)
    .upgrade(async (tx) => {
      await tx
        .table('products')
        .toCollection()
        .modify((p: Partial<Product>) => {
          p.origin ??= 'csv';
          p.active ??= true;
          p.stock ??= {};
          p.extra ??= {};
        });
    });
  db.version(3).stores(SCHEMA_V3);
  return db;
}
