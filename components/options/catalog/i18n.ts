/**
 * Translation for the catalog components: the shared `t()` first; while the lead has not yet
 * merged {@link catalogMessages} into the shared table, the English (or chosen) text from our
 * own table, so the page never shows a raw key.
 */
import { t, type MessageKey } from '@/lib/i18n';
import { substitute } from '@/lib/i18n/core';
import type { RowIssue } from '@/lib/catalog/csv-import';
import { catalogMessages, type CatalogMessageKey } from './messages';

/** Translate one of the catalog messages, filling $1..$9. */
export function ct(key: CatalogMessageKey, subs?: readonly (string | number)[]): string {
  let text: string | undefined;
  try {
    text = t(key as MessageKey, subs);
  } catch {
    // No i18n API (a test's fake browser): use our own table.
  }
  if (text && text !== key) return text;
  return substitute(catalogMessages[key].en, subs);
}

const ISSUE_KEYS: Partial<Record<RowIssue['code'], CatalogMessageKey>> = {
  'field-count': 'catalog_issue_field_count',
  'sku-empty': 'catalog_issue_sku_empty',
  'sku-too-long': 'catalog_issue_sku_too_long',
  'title-empty': 'catalog_issue_title_empty',
  'value-too-long': 'catalog_issue_value_too_long',
  'price-invalid': 'catalog_issue_price_invalid',
  'price-negative': 'catalog_issue_price_negative',
  'stock-invalid': 'catalog_issue_stock_invalid',
  'stock-negative': 'catalog_issue_stock_negative',
  'stock-not-integer': 'catalog_issue_stock_not_integer',
  'gtin-invalid': 'catalog_issue_gtin_invalid',
  'gtin-scientific': 'catalog_issue_gtin_scientific',
  'asin-invalid': 'catalog_issue_asin_invalid',
  'active-unknown': 'catalog_issue_active_unknown',
  'currency-invalid': 'catalog_issue_currency_invalid',
  'duplicate-sku': 'catalog_issue_duplicate_sku',
};

/** A catalog row issue in the seller's language ($1 column, $2 value, $3 other row). */
export function describeCatalogIssue(issue: RowIssue): string {
  if (issue.code === 'malformed') {
    return ct(issue.params?.[0] === 'MissingQuotes' ? 'catalog_issue_malformed_missing' : 'catalog_issue_malformed_invalid');
  }
  if (issue.code === 'field-count') return ct('catalog_issue_field_count', issue.params ?? ['?', '?', ',']);
  const key = ISSUE_KEYS[issue.code];
  return key ? ct(key, [issue.column ?? '', issue.value ?? '', issue.otherRow ?? '']) : issue.reason;
}

/** A mapping-table row issue in the seller's language. */
export function describeLinksIssue(issue: RowIssue): string {
  const subs = [issue.column ?? '', issue.value ?? '', issue.otherRow ?? ''];
  switch (issue.code) {
    case 'not-in-catalog':
      return ct('links_issue_not_in_catalog', subs);
    case 'marketplace-unknown':
      return issue.value ? ct('links_issue_marketplace_unknown', subs) : ct('links_issue_sku_empty', ['marketplace']);
    case 'sku-empty':
      return ct('links_issue_sku_empty', subs);
    case 'malformed':
      return ct('links_issue_malformed');
    case 'duplicate-sku':
      return ct('links_issue_duplicate', subs);
    case 'asin-invalid':
      return ct('catalog_issue_asin_invalid', subs);
    default:
      return issue.reason;
  }
}
