import { beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createDb, type SkulinkDexie } from '../db/db';
import {
  decodeSetting,
  defineSetting,
  forcedLanguage,
  languageSetting,
  migrateSetting,
  normalizeSku,
  readSetting,
  skuRulesSetting,
  splitList,
  updateSetting,
  writeSetting,
} from './index';

/** What version 1 of the extension stored under `skuRules` (no envelope, one comma-separated text). */
const SKU_RULES_V1_FIXTURE = { prefixes: ' AMZ-, FBA_ ,,AMZ-, MX.' };
/** The same, written by a v1 build that already used envelopes. */
const SKU_RULES_V1_ENVELOPE_FIXTURE = { version: 1, data: { prefixes: 'X-' } };

let db: SkulinkDexie;
beforeEach(() => {
  db = createDb(`settings-${Math.random()}`);
});

describe('skuRules setting', () => {
  it('migrates the v1 fixture (comma-separated prefixes) to v2', async () => {
    await db.settings.put({ key: 'skuRules', value: SKU_RULES_V1_FIXTURE });
    expect(await readSetting(db, skuRulesSetting)).toEqual({ stripPrefixes: ['AMZ-', 'FBA_', 'MX.'], stripSuffixes: [], caseInsensitive: true });
    // Reading never writes; migrateSetting does, once.
    expect((await db.settings.get('skuRules'))?.value).toEqual(SKU_RULES_V1_FIXTURE);
    expect(await migrateSetting(db, skuRulesSetting)).toBe(true);
    expect((await db.settings.get('skuRules'))?.value).toEqual({ version: 2, data: { stripPrefixes: ['AMZ-', 'FBA_', 'MX.'], stripSuffixes: [], caseInsensitive: true } });
    expect(await migrateSetting(db, skuRulesSetting)).toBe(false);
  });

  it('migrates a v1 envelope too', () => {
    const d = decodeSetting(skuRulesSetting, SKU_RULES_V1_ENVELOPE_FIXTURE);
    expect(d).toMatchObject({ storedVersion: 1, migrated: true, value: { stripPrefixes: ['X-'] } });
  });

  it('falls back without overwriting when the stored version is newer or the data invalid', async () => {
    const newer = { version: 3, data: { anything: true } };
    await db.settings.put({ key: 'skuRules', value: newer });
    expect(await readSetting(db, skuRulesSetting)).toEqual(skuRulesSetting.fallback());
    expect(await migrateSetting(db, skuRulesSetting)).toBe(false);
    expect((await db.settings.get('skuRules'))?.value).toEqual(newer);
    expect(decodeSetting(skuRulesSetting, { version: 2, data: { stripPrefixes: 'oops' } }).problem).toBe('invalid');
  });

  it('writes the current version and rejects invalid values', async () => {
    await writeSetting(db, skuRulesSetting, { stripPrefixes: ['AMZ-'], stripSuffixes: ['-FBA'], caseInsensitive: false });
    expect((await db.settings.get('skuRules'))?.value).toMatchObject({ version: 2 });
    expect(await readSetting(db, skuRulesSetting)).toMatchObject({ stripSuffixes: ['-FBA'], caseInsensitive: false });
    await expect(writeSetting(db, skuRulesSetting, { stripPrefixes: [''], stripSuffixes: [], caseInsensitive: true })).rejects.toThrow();
  });

  it('reports a missing migration step', () => {
    const def = defineSetting({ key: 'x', version: 3, schema: z.number(), migrations: { 1: (n) => n }, fallback: () => 0 });
    expect(decodeSetting(def, { version: 1, data: 5 })).toMatchObject({ value: 0, problem: 'missing_migration' });
  });
});

describe('normalizeSku', () => {
  const rules = { stripPrefixes: ['AMZ-', 'AMZ-UK-'], stripSuffixes: ['-FBA'], caseInsensitive: true };
  it('strips the longest matching prefix and a suffix, case-insensitively', () => {
    expect(normalizeSku(' amz-uk-abc-1-fba ', rules)).toBe('ABC-1');
    expect(normalizeSku('AMZ-abc', rules)).toBe('ABC');
  });
  it('respects case sensitivity and never empties a SKU', () => {
    expect(normalizeSku('amz-abc', { ...rules, caseInsensitive: false })).toBe('amz-abc');
    expect(normalizeSku('AMZ-', rules)).toBe('AMZ-');
  });
  it('splits lists', () => {
    expect(splitList('a, b\nc,,a')).toEqual(['a', 'b', 'c']);
  });
});

describe('language setting', () => {
  it('defaults to automatic and stores a choice', async () => {
    expect(await readSetting(db, languageSetting)).toBe('auto');
    await updateSetting(db, languageSetting, () => 'es' as const);
    expect(await readSetting(db, languageSetting)).toBe('es');
    expect(forcedLanguage('es')).toBe('es');
    expect(forcedLanguage('auto')).toBeUndefined();
  });
});
