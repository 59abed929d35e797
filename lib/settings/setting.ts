/**
 * Versioned settings rows in Dexie's `settings` table. Each row holds an envelope
 * `{ version, data }`; reading migrates older versions step by step and parses the result with
 * the setting's zod schema, so a page never sees a shape it does not understand.
 * Why our own and not WXT's storage items: settings that hold secrets must stay in the extension's
 * IndexedDB (content scripts can read storage.local), and every setting should work the same way.
 */
import { z } from 'zod';
import type { SkulinkDexie } from '../db/db';

/** The envelope stored as a settings row's value. */
export const SettingEnvelope = z.object({ version: z.number().int().positive(), data: z.unknown() });
export type SettingEnvelope = z.infer<typeof SettingEnvelope>;

/** Turns the data of version `n` into the data of version `n + 1`. */
export type Migration = (old: unknown) => unknown;

/** How one setting is stored: its key, current version, schema, migrations and fallback. */
export interface SettingDefinition<S extends z.ZodType> {
  key: string;
  /** The version written by this code. */
  version: number;
  schema: S;
  /** `migrations[n]` turns version n data into version n + 1 data. */
  migrations?: Readonly<Record<number, Migration>>;
  /** The value when nothing (or nothing usable) is stored. */
  fallback: () => z.output<S>;
}

/** Declare a setting (identity function that fixes the types). */
export function defineSetting<S extends z.ZodType>(def: SettingDefinition<S>): SettingDefinition<S> {
  return def;
}

/** Why a stored value could not be used (the fallback is used instead). */
export type SettingProblem = 'newer_version' | 'missing_migration' | 'invalid';

/** The result of reading a stored value: the value, and what happened on the way. */
export interface DecodedSetting<T> {
  value: T;
  /** The version found in storage (undefined when nothing was stored). */
  storedVersion?: number;
  migrated: boolean;
  problem?: SettingProblem;
}

/**
 * Decode a stored row value into the current shape. A value without an envelope is data written
 * before settings were versioned and counts as version 1.
 */
export function decodeSetting<S extends z.ZodType>(def: SettingDefinition<S>, stored: unknown): DecodedSetting<z.output<S>> {
  if (stored === undefined) return { value: def.fallback(), migrated: false };
  const env = SettingEnvelope.safeParse(stored);
  let version = env.success ? env.data.version : 1;
  let data = env.success ? env.data.data : stored;
  const storedVersion = version;
  // A newer extension wrote this (the seller downgraded): do not guess, do not overwrite.
  if (version > def.version) return { value: def.fallback(), storedVersion, migrated: false, problem: 'newer_version' };
  while (version < def.version) {
    const step = def.migrations?.[version];
    if (!step) return { value: def.fallback(), storedVersion, migrated: false, problem: 'missing_migration' };
    data = step(data);
    version += 1;
  }
  const parsed = def.schema.safeParse(data);
  if (!parsed.success) return { value: def.fallback(), storedVersion, migrated: false, problem: 'invalid' };
  return { value: parsed.data, storedVersion, migrated: storedVersion < def.version };
}

/** Read a setting (migrated and parsed; the fallback when missing or unusable). Never writes. */
export async function readSetting<S extends z.ZodType>(db: SkulinkDexie, def: SettingDefinition<S>): Promise<z.output<S>> {
  const row = await db.settings.get(def.key);
  return decodeSetting(def, row?.value).value;
}

/** Validate and write a setting at the current version. Throws a ZodError for an invalid value. */
export async function writeSetting<S extends z.ZodType>(db: SkulinkDexie, def: SettingDefinition<S>, value: z.input<S>): Promise<z.output<S>> {
  const data = def.schema.parse(value);
  const envelope: SettingEnvelope = { version: def.version, data };
  await db.settings.put({ key: def.key, value: envelope });
  return data;
}

/**
 * Read, change and write a setting in one read-write transaction, so two pages saving at once
 * do not lose each other's change.
 */
export async function updateSetting<S extends z.ZodType>(
  db: SkulinkDexie,
  def: SettingDefinition<S>,
  change: (current: z.output<S>) => z.input<S>,
): Promise<z.output<S>> {
  return db.transaction('rw', db.settings, async () => {
    const current = await readSetting(db, def);
    return writeSetting(db, def, change(current));
  });
}

/**
 * Rewrite a stored setting at the current version when it is older. Returns whether it wrote.
 * Stored values that cannot be migrated are left alone (a newer extension may need them).
 */
export async function migrateSetting<S extends z.ZodType>(db: SkulinkDexie, def: SettingDefinition<S>): Promise<boolean> {
  return db.transaction('rw', db.settings, async () => {
    const row = await db.settings.get(def.key);
    const decoded = decodeSetting(def, row?.value);
    if (!decoded.migrated) return false;
    await db.settings.put({ key: def.key, value: { version: def.version, data: decoded.value } satisfies SettingEnvelope });
    return true;
  });
}
