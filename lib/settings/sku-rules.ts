/**
 * SKU normalization rules: what the matcher strips before comparing a marketplace SKU with a
 * catalog SKU (e.g. "AMZ-" prefixes or "-FBA" suffixes sellers add per channel).
 */
import { z } from 'zod';
import { defineSetting } from './setting';

const Affix = z.string().trim().min(1).max(50);

/** Current (v2) shape of the `skuRules` setting. */
export const SkuRules = z.object({
  stripPrefixes: z.array(Affix).max(50).default([]),
  stripSuffixes: z.array(Affix).max(50).default([]),
  caseInsensitive: z.boolean().default(true),
});
export type SkuRules = z.infer<typeof SkuRules>;

/** The v1 shape: one comma-separated text of prefixes, nothing else. Kept for its migration. */
export const SkuRulesV1 = z.object({ prefixes: z.string().default('') });
export type SkuRulesV1 = z.infer<typeof SkuRulesV1>;

/** Split a comma (or newline) separated list, trimmed, without empty or repeated entries. */
export function splitList(text: string): string[] {
  const out: string[] = [];
  for (const part of text.split(/[,\n]/)) {
    const item = part.trim();
    if (item && !out.includes(item)) out.push(item);
  }
  return out;
}

/** v1 -> v2: the comma-separated prefixes become a list; suffixes start empty; case-insensitive as v1 matched. */
export function migrateSkuRulesV1toV2(old: unknown): SkuRules {
  const v1 = SkuRulesV1.parse(old ?? {});
  return { stripPrefixes: splitList(v1.prefixes), stripSuffixes: [], caseInsensitive: true };
}

/** The `skuRules` setting (version 2). */
export const skuRulesSetting = defineSetting({
  key: 'skuRules',
  version: 2,
  schema: SkuRules,
  migrations: { 1: migrateSkuRulesV1toV2 },
  fallback: (): SkuRules => ({ stripPrefixes: [], stripSuffixes: [], caseInsensitive: true }),
});

/**
 * Apply the rules to a SKU: trim, strip the first matching prefix and suffix (longest first),
 * upper-case when case-insensitive. Never returns an empty string: a SKU that is only an affix stays.
 */
export function normalizeSku(sku: string, rules: SkuRules): string {
  let s = sku.trim();
  const eq = (a: string, b: string) => (rules.caseInsensitive ? a.toUpperCase() === b.toUpperCase() : a === b);
  const byLength = (list: string[]) => [...list].sort((a, b) => b.length - a.length);
  for (const p of byLength(rules.stripPrefixes)) {
    if (s.length > p.length && eq(s.slice(0, p.length), p)) {
      s = s.slice(p.length);
      break;
    }
  }
  for (const x of byLength(rules.stripSuffixes)) {
    if (s.length > x.length && eq(s.slice(s.length - x.length), x)) {
      s = s.slice(0, s.length - x.length);
      break;
    }
  }
  return rules.caseInsensitive ? s.toUpperCase() : s;
}
